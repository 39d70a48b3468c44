// The SDK's ServiceTable on its own: how it is filled, and what it answers whatever a caller sends
// (through the real host: tests/host/test_services.cpp).
#define BOOST_TEST_MODULE service_table
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "platebus/service_table.hpp"

using namespace platebus;

namespace {

Reply ok(const Message&) { return Reply::success(); }

Message request(nlohmann::json header) {
  Message message;
  message.request_id = "r1";
  message.header = std::move(header);
  return message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_table_refuses_what_it_could_not_serve_faithfully) {
  ServiceTable table("demo");
  table.add("Ping", "", ok);
  BOOST_CHECK_THROW(table.add("Ping", "", ok), std::logic_error);     // two handlers for one type
  BOOST_CHECK_THROW(table.add("Pong", "", {}), std::logic_error);     // no handler
  BOOST_CHECK_THROW(table.add("Drop", "admin", ok), std::logic_error);  // an action nobody checks
  BOOST_TEST(table.known_types() == "Ping");
}

BOOST_AUTO_TEST_CASE(a_missing_or_unknown_type_is_invalid_and_names_the_known_ones) {
  ServiceTable table("demo");
  table.add("Ping", "", ok).add("Pong", "", ok);
  for (const auto& header : {nlohmann::json::object(), nlohmann::json{{"type", 7}}}) {
    const auto reply = table.answer(request(header));
    BOOST_TEST((reply.status == ServiceStatus::invalid));
    BOOST_TEST(reply.error == "type: missing; name the request, one of Ping, Pong");
  }
  const auto reply = table.answer(request({{"type", "PingAll"}}));
  BOOST_TEST((reply.status == ServiceStatus::invalid));
  BOOST_TEST(reply.error == "type: 'PingAll' is not a request of the demo service; send one of Ping, Pong");
}

BOOST_AUTO_TEST_CASE(a_hostile_type_is_quoted_bounded_and_printable) {
  ServiceTable table("demo");
  table.add("Ping", "", ok);
  const auto reply = table.answer(request({{"type", "\x1b[2J" + std::string(100000, 'A')}}));
  BOOST_TEST((reply.status == ServiceStatus::invalid));
  BOOST_TEST(reply.error.size() < 200u, reply.error);
  BOOST_TEST(reply.error.find('\x1b') == std::string::npos);
  BOOST_TEST(reply.error.find("'\\x1b[2JAAAA") != std::string::npos, reply.error);
}

BOOST_AUTO_TEST_CASE(what_a_handler_throws_becomes_its_reply) {
  ServiceTable table("demo");
  table.add("Refuse", "", [](const Message&) -> Reply { throw ServiceError(ServiceStatus::denied, "not you"); })
      .add("Break", "", [](const Message&) -> Reply { throw std::runtime_error("disk gone"); })
      .add("Odd", "", [](const Message&) -> Reply { throw 42; });
  auto reply = table.answer(request({{"type", "Refuse"}}));
  BOOST_TEST((reply.status == ServiceStatus::denied));
  BOOST_TEST(reply.error == "not you");
  reply = table.answer(request({{"type", "Break"}}));
  BOOST_TEST((reply.status == ServiceStatus::failed));
  BOOST_TEST(reply.error == "the demo service could not complete Break: disk gone");
  reply = table.answer(request({{"type", "Odd"}}));
  BOOST_TEST((reply.status == ServiceStatus::failed));
  BOOST_TEST(reply.error.find("could not complete Odd") != std::string::npos, reply.error);
}

BOOST_AUTO_TEST_CASE(the_authorizer_decides_before_the_handler_runs) {
  std::vector<std::string> asked;
  bool handled = false;
  ServiceTable table("demo", [&](const Message& r, std::string_view action) {
    asked.emplace_back(action);
    if (r.text("user") != "boss") throw ServiceError(ServiceStatus::denied, "boss only");
  });
  table.add("Drop", "admin", [&](const Message&) {
    handled = true;
    return Reply::success();
  }).add("Ping", "", ok);
  auto reply = table.answer(request({{"type", "Drop"}, {"user", "eve"}}));
  BOOST_TEST((reply.status == ServiceStatus::denied));
  BOOST_TEST(!handled);
  reply = table.answer(request({{"type", "Drop"}, {"user", "boss"}}));
  BOOST_TEST(reply.ok());
  BOOST_TEST(handled);
  BOOST_TEST(table.answer(request({{"type", "Ping"}})).ok());  // no action: the authorizer is not asked
  BOOST_TEST(asked == std::vector<std::string>({"admin", "admin"}));
}
