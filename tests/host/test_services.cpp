// Request/reply services through the real host: replies carry the caller's actor, typed errors
// come back as such, and a call to a service that is missing or down fails at once; all of it also
// across the process boundary of isolated instances.
#define BOOST_TEST_MODULE services
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

struct ReplyLine {
  std::string status;
  long long elapsed_ms = 0;
  std::string text;
  std::string actor;
};

std::vector<ReplyLine> replies(const fs::path& file) {
  std::vector<ReplyLine> result;
  for (const auto& line : read_lines(file)) {
    std::istringstream in(line);
    ReplyLine reply;
    in >> reply.status >> reply.elapsed_ms;
    std::getline(in, reply.text);
    const auto last = reply.text.rfind(' ');
    reply.actor = reply.text.substr(last + 1);
    reply.text = reply.text.substr(1, last - 1);
    result.push_back(reply);
  }
  return result;
}

std::string caller(const TempDir& dir, const std::string& config, const std::string& service = "echo") {
  return "  - id: caller\n    use: test.caller\n    config: {file: " + (dir / "replies.txt").string() + ", " + config +
         "}\n    call: {ask: " + service + "}\n";
}

const std::string kEcho = "  - id: echo\n    use: test.echo_service\n    serve: {echo: echo}\n";

std::vector<ReplyLine> run_until_replies(const TempDir& dir, const std::string& instances, std::size_t count) {
  const auto file = write_file(dir / "d.yaml", "plugin_path: " + test_plugin_dir("good").string() +
                                                   "\nsupervisor: {restart_backoff: 5s}\ninstances:\n" + instances);
  Host host;
  host.set_isolation_runner(platebus_binary());
  Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
  BOOST_REQUIRE(wait_until([&] { return replies(dir / "replies.txt").size() >= count; }, 10s));
  host.stop();
  return replies(dir / "replies.txt");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_reply_comes_back_with_the_callers_actor) {
  TempDir dir;
  const auto lines = run_until_replies(dir, kEcho + caller(dir, "text: hello, count: 3"), 3);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  for (const auto& line : lines) {
    BOOST_TEST(line.status == "ok");
    BOOST_TEST(line.text == "hello");
    BOOST_TEST(line.actor == "jdoe");
  }
}

BOOST_AUTO_TEST_CASE(typed_errors_and_timeouts_come_back_as_such) {
  TempDir dir;
  auto lines = run_until_replies(dir, kEcho + caller(dir, "text: deny"), 1);
  BOOST_TEST(lines.at(0).status == "denied");
  BOOST_TEST(lines.at(0).text == "not for you");
  TempDir slow;
  lines = run_until_replies(slow, kEcho + caller(slow, "text: slow, deadline: 100ms"), 1);
  BOOST_TEST(lines.at(0).status == "timeout");
  BOOST_TEST(lines.at(0).elapsed_ms >= 100);
  BOOST_TEST(lines.at(0).elapsed_ms < 450);
}

BOOST_AUTO_TEST_CASE(a_service_nobody_serves_fails_at_once) {
  TempDir dir;
  const auto lines = run_until_replies(dir, caller(dir, "deadline: 5s", "nobody"), 1);
  BOOST_TEST(lines.at(0).status == "unavailable");
  BOOST_TEST(lines.at(0).elapsed_ms < 100);
  BOOST_TEST(lines.at(0).text.find("no instance serves 'nobody'") != std::string::npos, lines.at(0).text);
}

BOOST_AUTO_TEST_CASE(a_provider_that_goes_down_fails_its_callers_at_once) {
  TempDir dir;
  // The provider crashes on the request; with a 5 s restart backoff it stays down meanwhile.
  const auto lines = run_until_replies(dir, kEcho + caller(dir, "text: crash, count: 2, deadline: 5s"), 2);
  BOOST_TEST(lines.at(0).status == "unavailable");
  BOOST_TEST(lines.at(0).elapsed_ms < 1000);
  BOOST_TEST(lines.at(0).text.find("went down") != std::string::npos, lines.at(0).text);
  BOOST_TEST(lines.at(1).status == "unavailable");  // still down: refused without waiting
  BOOST_TEST(lines.at(1).elapsed_ms < 100);
  BOOST_TEST(lines.at(1).text.find("is down") != std::string::npos, lines.at(1).text);
}

BOOST_AUTO_TEST_CASE(services_cross_the_boundary_of_isolated_instances) {
  const std::string isolate = "    isolate: true\n";
  const std::string sides[] = {"provider", "caller", "both"};
  for (const auto& side : sides) {
    BOOST_TEST_CONTEXT("isolated: " << side) {
      TempDir dir;
      const auto lines = run_until_replies(dir, kEcho + (side != "caller" ? isolate : "") +
                                                    caller(dir, "text: hello, count: 3") + (side != "provider" ? isolate : ""),
                                           3);
      BOOST_REQUIRE_EQUAL(lines.size(), 3u);
      for (const auto& line : lines) {
        BOOST_TEST(line.status == "ok");
        BOOST_TEST(line.text == "hello");
        BOOST_TEST(line.actor == "jdoe");
      }
    }
  }
  TempDir deny;
  auto lines = run_until_replies(deny, kEcho + isolate + caller(deny, "text: deny") + isolate, 1);
  BOOST_TEST(lines.at(0).status == "denied");
  BOOST_TEST(lines.at(0).text == "not for you");
  // An isolated provider answers only requests it was handed: a made-up request id is refused.
  TempDir forge;
  lines = run_until_replies(forge, kEcho + isolate + caller(forge, "text: forge"), 1);
  BOOST_TEST(lines.at(0).status == "denied");
  BOOST_TEST(lines.at(0).text == "forged reply refused");
  // An isolated provider whose plugin throws, or whose process dies, on the request fails its
  // caller at once, as in-process.
  for (const std::string text : {"crash", "segfault"}) {
    BOOST_TEST_CONTEXT("text: " << text) {
      TempDir crash;
      lines = run_until_replies(crash, kEcho + isolate + caller(crash, "text: " + text + ", count: 2, deadline: 5s"), 2);
      BOOST_TEST(lines.at(0).status == "unavailable");
      BOOST_TEST(lines.at(0).elapsed_ms < 1000);
      BOOST_TEST(lines.at(0).text.find("went down") != std::string::npos, lines.at(0).text);
      BOOST_TEST(lines.at(1).status == "unavailable");
    }
  }
}

// The SDK's ServiceTable (platebus/service_table.hpp) through the real host.
const std::string kTable = "  - id: table\n    use: test.table_service\n    serve: {table: echo}\n";

BOOST_AUTO_TEST_CASE(a_service_table_answers_each_type_by_its_handler) {
  TempDir dir;
  const auto lines = run_until_replies(dir, kTable + caller(dir, "type: Echo, text: hello, count: 2"), 2);
  for (const auto& line : lines) {
    BOOST_TEST(line.status == "ok");
    BOOST_TEST(line.text == "hello");
    BOOST_TEST(line.actor == "jdoe");
  }
}

BOOST_AUTO_TEST_CASE(a_service_table_names_the_known_types_for_an_unknown_one) {
  TempDir dir;
  const auto lines = run_until_replies(dir, kTable + caller(dir, "type: EchoAll"), 1);
  BOOST_TEST(lines.at(0).status == "invalid");
  BOOST_TEST(lines.at(0).text == "type: 'EchoAll' is not a request of the table service; send one of Echo, Throw, Secret");
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_gets_failed_and_the_service_keeps_answering) {
  TempDir dir;
  // Each call is answered `failed` at once: the instance is not restarted (that would be `unavailable`).
  const auto lines = run_until_replies(dir, kTable + caller(dir, "type: Throw, count: 3"), 3);
  for (const auto& line : lines) {
    BOOST_TEST(line.status == "failed");
    BOOST_TEST(line.text == "the table service could not complete Throw: deliberate failure");
  }
}

BOOST_AUTO_TEST_CASE(a_service_table_checks_the_action_an_entry_names) {
  TempDir dir;
  const auto lines = run_until_replies(dir, kTable + caller(dir, "type: Secret"), 1);
  BOOST_TEST(lines.at(0).status == "denied");
  BOOST_TEST(lines.at(0).text == "only boss may secret");
}

BOOST_AUTO_TEST_CASE(service_bindings_are_checked) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", "plugin_path: " + test_plugin_dir("good").string() + "\ninstances:\n" +
                                                   kEcho + "  - id: echo2\n    use: test.echo_service\n"
                                                   "    serve: {echo: echo, nope: x}\n" + caller(dir, "count: 1", "missing"));
  Diagnostics diagnostics;
  load_deployment(file, diagnostics);
  const auto text = diagnostics.to_string();
  BOOST_TEST(text.find("service 'echo' is already served by instance 'echo'") != std::string::npos, text);
  BOOST_TEST(text.find("plugin 'test.echo_service' has no serve port 'nope'") != std::string::npos, text);
  BOOST_TEST(text.find("warning: no instance here serves 'missing'") != std::string::npos, text);
}
