// The API's rules on their own: inquiry case numbers and reasons, JSON bodies, the listen address
// and the loopback rule, the status mapping, and the route table.
#define BOOST_TEST_MODULE api_rules
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "api_errors.hpp"
#include "api_settings.hpp"
#include "inquiry_rules.hpp"
#include "json_body.hpp"
#include "listen_address.hpp"
#include "platebus/plugin.hpp"
#include "route_table.hpp"

using namespace platebus;
using namespace platebus::api;

namespace {

const std::vector<std::string> kPlaceholders = {"test", "n/a", "na", "none", ".", "-", "asdf", "xxx"};

InquiryRules default_rules() { return InquiryRules("^[A-Za-z0-9][A-Za-z0-9-]{2,31}$", kPlaceholders); }

std::string body_error(const std::string& body, const std::vector<FieldSpec>& fields) {
  try {
    parse_body(body, fields);
  } catch (const BodyError& e) {
    return e.what();
  }
  return "";
}

nlohmann::json config(nlohmann::json overrides = nlohmann::json::object()) {
  nlohmann::json value = {{"listen", "127.0.0.1:8080"},
                          {"certificate", nullptr},
                          {"private_key", nullptr},
                          {"allow_plain_http", false},
                          {"max_body_bytes", 1048576},
                          {"service_timeout", 5000},
                          {"case_number_pattern", "^[A-Za-z0-9][A-Za-z0-9-]{2,31}$"},
                          {"placeholder_reasons", kPlaceholders},
                          {"inquiry_routes", nlohmann::json::array()},
                          {"address_file", nullptr}};
  value.update(overrides);
  return value;
}

std::string config_error(const nlohmann::json& overrides) {
  try {
    ApiSettings::from_config(config(overrides));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_inquiry_needs_a_case_number_of_the_agencys_format) {
  const auto rules = default_rules();
  BOOST_TEST(!rules.refusal("2026-00123", "stolen vehicle report 4411").has_value());
  BOOST_TEST(rules.refusal("", "stolen vehicle report").value().find("case or incident number") != std::string::npos);
  BOOST_TEST(rules.refusal("ab", "stolen vehicle report").value().find("format") != std::string::npos);
  BOOST_TEST(rules.refusal("2026 00123", "stolen vehicle report").has_value());
  BOOST_TEST(rules.refusal("-2026", "stolen vehicle report").has_value());
}

BOOST_AUTO_TEST_CASE(empty_placeholder_and_wordless_reasons_are_refused) {
  const auto rules = default_rules();
  for (const auto& placeholder : kPlaceholders) {
    BOOST_TEST(rules.refusal("C-1001", placeholder).has_value(), placeholder);
    BOOST_TEST(rules.refusal("C-1001", "  " + placeholder + " ").has_value(), placeholder);
  }
  BOOST_TEST(rules.refusal("C-1001", "TEST").value().find("placeholder") != std::string::npos);
  BOOST_TEST(rules.refusal("C-1001", "N/A").has_value());
  BOOST_TEST(rules.refusal("C-1001", "").value().find("needs a reason") != std::string::npos);
  BOOST_TEST(rules.refusal("C-1001", "   ").has_value());
  BOOST_TEST(rules.refusal("C-1001", "12345").value().find("fewer than 3 letters") != std::string::npos);
  BOOST_TEST(rules.refusal("C-1001", "a1").has_value());
  BOOST_TEST(!rules.refusal("C-1001", "hit on 7ABC123, robbery suspect").has_value());
  BOOST_TEST(!rules.refusal("C-1001", "Fahndung nach Fluchtwagen").has_value());
}

BOOST_AUTO_TEST_CASE(a_bad_case_number_pattern_is_a_config_error) {
  BOOST_CHECK_THROW(InquiryRules("([", {}), std::invalid_argument);
  BOOST_TEST(config_error({{"case_number_pattern", "(["}}).find("case_number_pattern") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bodies_are_checked_field_by_field) {
  const std::vector<FieldSpec> fields = {{"user", FieldKind::text}, {"roles", FieldKind::text_list},
                                         {"note", FieldKind::text, false}, {"query", FieldKind::object, false}};
  BOOST_TEST(body_error(R"({"user": "a", "roles": ["officer"]})", fields).empty());
  BOOST_TEST(body_error(R"({"user": "a", "roles": []})", fields).empty());
  BOOST_TEST(body_error(R"({"user": "a",)", fields).find("not valid JSON") != std::string::npos);
  BOOST_TEST(body_error(R"([1, 2])", fields).find("JSON object") != std::string::npos);
  BOOST_TEST(body_error(R"("text")", fields).find("JSON object") != std::string::npos);
  BOOST_TEST(body_error(R"({"user": 5, "roles": []})", fields) == "field 'user' must be a string");
  BOOST_TEST(body_error(R"({"user": "a", "roles": "officer"})", fields) == "field 'roles' must be a list of strings");
  BOOST_TEST(body_error(R"({"user": "a", "roles": [1]})", fields) == "field 'roles' must be a list of strings");
  BOOST_TEST(body_error(R"({"user": "a", "roles": [], "query": "x"})", fields) == "field 'query' must be an object");
  BOOST_TEST(body_error(R"({"roles": []})", fields) == "field 'user' is required");
  BOOST_TEST(body_error(R"({"user": "a", "roles": [], "admin": true})", fields).find("unknown field 'admin'") == 0);
  BOOST_TEST(body_error("", fields).find("field 'user' is required") == 0);
  BOOST_TEST(body_error("", {{"reason", FieldKind::text, false}}).empty());
}

BOOST_AUTO_TEST_CASE(listen_addresses_and_the_loopback_rule) {
  BOOST_TEST(ListenAddress::parse("127.0.0.1:8080").port == 8080);
  BOOST_TEST(ListenAddress::parse("127.0.0.1:8080").is_loopback());
  BOOST_TEST(ListenAddress::parse("[::1]:0").is_loopback());
  BOOST_TEST(ListenAddress::parse("[::1]:0").host == "::1");
  BOOST_TEST(ListenAddress::parse("localhost:1").is_loopback());
  BOOST_TEST(!ListenAddress::parse("0.0.0.0:8443").is_loopback());
  BOOST_TEST(!ListenAddress::parse("192.0.2.10:8443").is_loopback());
  for (const auto* bad : {"8080", ":8080", "host:", "host:99999", "host:80x", "::1:80", "[::1:80"})
    BOOST_CHECK_THROW(ListenAddress::parse(bad), std::invalid_argument);

  BOOST_TEST(config_error(nlohmann::json::object()).empty());
  BOOST_TEST(config_error({{"listen", "0.0.0.0:8080"}}).find("allow_plain_http") != std::string::npos);
  BOOST_TEST(config_error({{"listen", "0.0.0.0:8080"}, {"allow_plain_http", true}}).empty());
  BOOST_TEST(config_error({{"listen", "0.0.0.0:8080"}, {"certificate", "c.pem"}, {"private_key", "k.pem"}}).empty());
  BOOST_TEST(config_error({{"certificate", "c.pem"}}).find("both") != std::string::npos);
  BOOST_TEST(config_error({{"max_body_bytes", 10}}).find("max_body_bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(service_statuses_map_to_fixed_http_statuses) {
  BOOST_TEST(http_status(ServiceStatus::ok) == 200);
  BOOST_TEST(http_status(ServiceStatus::unauthenticated) == 401);
  BOOST_TEST(http_status(ServiceStatus::denied) == 403);
  BOOST_TEST(http_status(ServiceStatus::invalid) == 400);
  BOOST_TEST(http_status(ServiceStatus::unavailable) == 503);
  BOOST_TEST(http_status(ServiceStatus::timeout) == 503);
  BOOST_TEST(http_status(ServiceStatus::failed) == 503);
  const auto body = error_body(403, "officer may not audit");
  BOOST_TEST(body["error"]["status"] == 403);
  BOOST_TEST(body["error"]["code"] == "forbidden");
  BOOST_TEST(body["error"]["message"] == "officer may not audit");
}

BOOST_AUTO_TEST_CASE(the_route_table_takes_inquiry_routes_and_refuses_collisions) {
  const auto routes = route_table({{"/api/v1/hits/search", "hitlist.browse", "inquiry"}});
  const auto* inquiry = find_route(routes, "POST", "/api/v1/hits/search");
  BOOST_REQUIRE(inquiry);
  BOOST_TEST(inquiry->category == "hitlist.browse");
  BOOST_TEST(inquiry->action == "inquiry");
  const auto* disable = find_route(routes, "POST", "/api/v1/accounts/jdoe/disable");
  BOOST_REQUIRE(disable);
  BOOST_TEST(disable->action == "accounts.manage");
  BOOST_TEST(disable->path_parameters() == std::vector<std::string>{"user"});
  BOOST_TEST(find_route(routes, "GET", "/api/v1/audit/export")->action == "audit");
  BOOST_TEST(find_route(routes, "GET", "/api/v1/health")->action.empty());
  BOOST_TEST(!find_route(routes, "GET", "/api/v1/accounts/a/b/c"));
  BOOST_CHECK_THROW(route_table({{"/api/v1/accounts", "x", "inquiry"}}), ConfigError);
  BOOST_TEST(config_error({{"inquiry_routes", {{{"path", "/elsewhere"}, {"category", "x"}}}}}).find("/api/v1/") !=
             std::string::npos);
  BOOST_TEST(config_error({{"inquiry_routes", {{{"path", "/api/v1/x"}}}}}).find("category") != std::string::npos);
  BOOST_TEST(config_error({{"inquiry_routes", {{{"path", "/api/v1/x"}, {"category", "c"}, {"verb", "GET"}}}}})
                 .find("unknown key 'verb'") != std::string::npos);
}
