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
#include "upload_request.hpp"

using namespace platebus;
using namespace platebus::api;

namespace {

const std::vector<std::string> kPlaceholders = {"test", "n/a", "na", "none", ".", "-", "asdf", "xxx"};

InquiryRules default_rules() { return InquiryRules("^[A-Za-z0-9][A-Za-z0-9-]{2,31}$", kPlaceholders); }

// The rules as the api plugin ships them: the descriptor's default pattern and placeholders.
const std::vector<std::string> kShippedPlaceholders = {"test",   "testing", "n/a",    "na",    "none",
                                                       ".",      "-",       "?",      "asdf",  "xxx",
                                                       "reason", "search",  "check",  "abc",   "foo"};
InquiryRules shipped_rules() { return InquiryRules(kDefaultCaseNumberPattern, kShippedPlaceholders); }

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
                          {"max_upload_bytes", 134217728},
                          {"service_timeout", 5000},
                          {"worker_threads", 32},
                          {"connections_per_client", 8},
                          {"header_timeout", 10000},
                          {"body_timeout", 120000},
                          {"read_timeout", 5000},
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
  BOOST_TEST(rules.refusal("C-1001", "12345").value().find("two words") != std::string::npos);
  BOOST_TEST(rules.refusal("C-1001", "a1").has_value());
  BOOST_TEST(!rules.refusal("C-1001", "hit on 7ABC123, robbery suspect").has_value());
  BOOST_TEST(!rules.refusal("C-1001", "Fahndung nach Fluchtwagen").has_value());
}

// Issue 16, finding 9: disguised, padded and placeholder reasons and case numbers.
BOOST_AUTO_TEST_CASE(real_looking_reasons_pass) {
  const auto rules = shipped_rules();
  for (const auto* reason :
       {"VC 10851 recovered stolen", "PC 211 robbery suspect vehicle", "hit on 7ABC123, robbery suspect",
        "Fahndung nach Fluchtwagen", "stolen vehicle report 4411", "follow-up on burglary series",
        "AMBER alert vehicle search", "suspect vehicle in homicide 2026-0415", "locate witness vehicle from collision",
        "catalytic converter thefts, Elm Street", "hit and run, grey sedan", "stolen car follow-up",
        "robbery suspect vehicle", "reported stolen overnight", "vehicle seen leaving robbery at 5th and Main",
        "VC 2800.2 felony evading", "HS 11378 narcotics investigation", "missing person, last seen driving",
        "PC 459 commercial burglary", "armed robbery getaway car", "carjacking at gas station",
        "fraud investigation, rental car", "arson suspect vehicle", "pattern of thefts at trailhead",
        "kidnapping investigation 24-12345", "DUI hit-and-run follow-up", "vandalism to school buses",
        "shooting suspect vehicle, Oak Park", "robo de veh\xc3\xad" "culo, seguimiento", "\xc3\x9c" "berfall auf Tankstelle",
        "stolen vehicle\xc2\xa0report"}) {
    const auto refusal = rules.refusal("2026-001234", reason);
    BOOST_TEST(!refusal.has_value(), reason << ": " << refusal.value_or(""));
  }
}

BOOST_AUTO_TEST_CASE(empty_disguised_and_placeholder_reasons_are_refused) {
  const auto rules = shipped_rules();
  for (const auto* reason :
       {"", "   ", "\xe2\x80\x8b", "\xc2\xa0\xc2\xa0", "\xf0\x9f\x9a\x93",
        "\xf0\x9f\x9a\x93\xf0\x9f\x9a\x93\xf0\x9f\x9a\x93 \xf0\x9f\x9a\x93\xf0\x9f\x9a\x93\xf0\x9f\x9a\x93",
        "t\xd0\xb5st", "test.", "tests", "TEST", "xxxx", "xxxxxx xxxxx", "test test", "testing testing", "n/a", "N/A",
        "none", "asdf", "asdf asdf", "abc", "foo bar", "12345", "a1", "VC 10851", "ok", "???", "---",
        "test\xe2\x80\x8b test", "\xef\xbd\x94\xef\xbd\x85\xef\xbd\x93\xef\xbd\x94", "reason", "search check",
        "te\xe2\x80\x8bst te\xe2\x80\x8bst"}) {
    BOOST_TEST(rules.refusal("2026-001234", reason).has_value(), "accepted: '" << reason << "'");
  }
  BOOST_TEST(rules.refusal("2026-001234", "tests").value().find("two words") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reasons_and_case_numbers_have_a_length_cap) {
  const auto rules = shipped_rules();
  std::string huge = "stolen vehicle ";
  while (huge.size() < (1u << 20)) huge += "stolen vehicle ";
  BOOST_TEST(rules.refusal("2026-001234", huge).value().find("at most 500") != std::string::npos);
  BOOST_TEST(rules.refusal("2026-001234", std::string(501, 'a')).has_value());
  BOOST_TEST(rules.refusal("2026-" + std::string(100, '1') + "2", "stolen vehicle").value().find("at most 64") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_default_case_number_pattern_wants_a_real_number) {
  const auto rules = shipped_rules();
  for (const auto* number : {"2026-001234", "24-12345", "CR2026-0042", "INC-88812", "C-1001", "26-0042", "2026-7788",
                             "CASE-2026-0042"}) {
    const auto refusal = rules.refusal(number, "robbery suspect vehicle");
    BOOST_TEST(!refusal.has_value(), number << ": " << refusal.value_or(""));
  }
  for (const auto* number : {"xxx", "000", "test", "0000", "1111-1111", "CASE", "C-1", "ab", "x-12",
                             "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-001234", "2026\xe2\x80\x8b-001234"}) {
    BOOST_TEST(rules.refusal(number, "robbery suspect vehicle").has_value(), "accepted: '" << number << "'");
  }
  // A permissive agency pattern still does not let invisible or look-alike characters through.
  const InquiryRules any(".+", kPlaceholders);
  BOOST_TEST(any.refusal("2026\xe2\x80\x8b-001234", "robbery suspect vehicle").value().find("plain") !=
             std::string::npos);
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
  // Loopback by what the name resolves to, not by how it starts.
  BOOST_TEST(!ListenAddress::parse("127.attacker.example:8080").is_loopback());
  BOOST_TEST(config_error({{"listen", "127.attacker.example:8080"}}).find("allow_plain_http") != std::string::npos);
  for (const auto* bad : {"8080", ":8080", "host:", "host:99999", "host:80x", "::1:80", "[::1:80"})
    BOOST_CHECK_THROW(ListenAddress::parse(bad), std::invalid_argument);

  BOOST_TEST(config_error(nlohmann::json::object()).empty());
  BOOST_TEST(config_error({{"listen", "0.0.0.0:8080"}}).find("allow_plain_http") != std::string::npos);
  BOOST_TEST(config_error({{"listen", "0.0.0.0:8080"}, {"allow_plain_http", true}}).empty());
  BOOST_TEST(config_error({{"listen", "0.0.0.0:8080"}, {"certificate", "c.pem"}, {"private_key", "k.pem"}}).empty());
  BOOST_TEST(config_error({{"certificate", "c.pem"}}).find("both") != std::string::npos);
  BOOST_TEST(ApiSettings::from_config(config()).max_upload_bytes == 134217728u);
}

BOOST_AUTO_TEST_CASE(one_client_cannot_be_allowed_every_worker) {
  BOOST_TEST(config_error({{"worker_threads", 8}, {"connections_per_client", 8}}).find("less than worker_threads") !=
             std::string::npos);
  BOOST_TEST(ApiSettings::from_config(config()).connections.connections_per_client == 8u);
}

BOOST_AUTO_TEST_CASE(json_bodies_are_held_to_depth_count_and_string_limits_while_parsed) {
  const std::vector<FieldSpec> fields = {{"query", FieldKind::object, false}};
  const auto nested = [](int levels) {
    return R"({"query": {"a": )" + std::string(levels, '[') + std::string(levels, ']') + "}}";
  };
  BOOST_TEST(body_error(nested(20), fields).empty());
  BOOST_TEST(body_error(nested(100000), fields).find("deeper than 32 levels") != std::string::npos);
  std::string many = R"({"query": {"a": [)";
  for (int i = 0; i < 20000; ++i) many += "1,";
  many += "1]}}";
  BOOST_TEST(body_error(many, fields).find("more than 10000 values") != std::string::npos);
  const auto long_string = R"({"query": {"a": ")" + std::string(70000, 'x') + R"("}})";
  BOOST_TEST(body_error(long_string, fields).find("longer than 65536 bytes") != std::string::npos);
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

BOOST_AUTO_TEST_CASE(the_hotlist_routes_need_the_policys_actions_and_record_its_categories) {
  const auto routes = route_table({});
  struct Expected {
    const char *method, *path, *action, *category, *type;
  };
  const std::vector<Expected> expected = {
      {"POST", "/api/v1/hotlists/import", "hotlist.manage", "hotlist.upload", "HotlistImport"},
      {"POST", "/api/v1/hotplates", "hotplate.add", "hotplate.upload", "HotplateAdd"},
      {"POST", "/api/v1/hotlists/browse", "inquiry", "hotlist.browse", "HotlistList"},
      {"POST", "/api/v1/hotlists/stolen/browse", "inquiry", "hotlist.browse", "HotlistShow"},
      {"DELETE", "/api/v1/hotlists/stolen/plates/7ABC123", "hotlist.manage", "hotplate.delete", "HotplateDelete"},
      {"DELETE", "/api/v1/hotlists/stolen", "hotlist.manage", "hotlist.delete", "HotlistDelete"},
      {"POST", "/api/v1/hits/browse", "inquiry", "hitlist.browse", "HitList"},
      {"POST", "/api/v1/hits/h-0123/browse", "inquiry", "hitlist.browse", "HitShow"},
      {"POST", "/api/v1/hits/h-0123/ack", "alerts", "alert.disposition", "HitAcknowledge"},
  };
  for (const auto& e : expected) {
    const auto* route = find_route(routes, e.method, e.path);
    BOOST_REQUIRE_MESSAGE(route, e.method << " " << e.path);
    BOOST_TEST(route->action == e.action, e.path);
    BOOST_TEST(route->category == e.category, e.path);
    BOOST_TEST(route->request_type == e.type, e.path);
    BOOST_TEST(route->port == "hotlist", e.path);
  }
  BOOST_TEST(find_route(routes, "DELETE", "/api/v1/hotlists/stolen/plates/7ABC123")->own_only_action == "hotplate.add");
  BOOST_TEST(!takes_json(*find_route(routes, "POST", "/api/v1/hotlists/import")));
  BOOST_TEST((find_route(routes, "POST", "/api/v1/hits/browse")->kind == RouteKind::service_inquiry));
  BOOST_CHECK_THROW(route_table({{"/api/v1/hotplates", "x", "inquiry"}}), ConfigError);
}

BOOST_AUTO_TEST_CASE(an_inquirys_query_is_checked_field_by_field) {
  const std::vector<FieldSpec> query = {{"offset", FieldKind::count, false}, {"open_only", FieldKind::boolean, false}};
  BOOST_CHECK_NO_THROW(check_fields({{"offset", 10}, {"open_only", true}}, query, "query."));
  auto error = [&](const nlohmann::json& value) {
    try {
      check_fields(value, query, "query.");
    } catch (const BodyError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  BOOST_TEST(error({{"offset", -1}}) == "field 'query.offset' must be a whole number of 0 or more");
  BOOST_TEST(error({{"offset", "10"}}) == "field 'query.offset' must be a whole number of 0 or more");
  BOOST_TEST(error({{"open_only", "yes"}}) == "field 'query.open_only' must be true or false");
  BOOST_TEST(error({{"plate", "7ABC123"}}).find("unknown field 'query.plate'") == 0);
}

BOOST_AUTO_TEST_CASE(an_upload_takes_its_options_from_the_url_and_keeps_the_file_out_of_the_record) {
  const auto upload = upload_request({{"list", "stolen"}, {"format", "csv"}}, "plate,state\n7ABC123,CA\n");
  BOOST_TEST(upload.fields["format"] == "csv");
  BOOST_TEST(upload.fields["mode"] == "merge");  // the default
  BOOST_TEST(upload.fields["list"] == "stolen");
  BOOST_TEST(upload.file.as_string() == "plate,state\n7ABC123,CA\n");  // a binary part, not JSON text
  BOOST_TEST(upload.fields["parts"] == nlohmann::json::parse(R"([{"role": "file", "size": 23}])"));
  BOOST_TEST(!upload.fields.contains("content"));
  BOOST_TEST(upload.record == nlohmann::json({{"list", "stolen"}, {"format", "csv"}, {"mode", "merge"}, {"bytes", 23}}));
  BOOST_TEST(upload_request({}, "x").fields["format"] == "csv");
  BOOST_TEST(!upload_request({}, "x").fields.contains("list"));
  auto error = [](std::map<std::string, std::string> parameters, const std::string& body) {
    try {
      upload_request(parameters, body);
    } catch (const BodyError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  BOOST_TEST(error({{"format", "xlsx"}}, "x").find("'format' is 'xlsx'; give csv or state_extract") != std::string::npos);
  BOOST_TEST(error({{"mode", "append"}}, "x").find("merge or replace") != std::string::npos);
  BOOST_TEST(error({{"lists", "a"}}, "x").find("unknown URL parameter 'lists'") != std::string::npos);
  // The file's encoding is the hot-list service's to judge (it names line and column): the API
  // passes the bytes on untouched.
  BOOST_TEST(upload_request({}, "plate\n\xff\xfe").file.as_string() == "plate\n\xff\xfe");
}
