#include "api_deployment.hpp"

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>
#include <httplib.h>

namespace platebus::test {

using namespace std::chrono_literals;

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string utc_date(int days) {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(days);
  const std::chrono::year_month_day date(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string hotlist_plugin_path() { return PLATEBUS_HOTLIST_PLUGIN; }
bool hotlist_plugin_built() { return !hotlist_plugin_path().empty() && fs::exists(hotlist_plugin_path()); }

bool require_hotlist(bool built, const char* part) {
  if (!built) BOOST_ERROR("match.hotlist is not built (no " << hotlist_plugin_path() << "); " << part << " needs it");
  return built;
}

namespace {
fs::path or_default(const fs::path& chosen, const fs::path& fallback) { return chosen.empty() ? fallback : chosen; }
}  // namespace

std::string deployment_yaml(const TempDir& dir, const DeploymentOptions& options) {
  std::string yaml = fmt::format("plugin_path: {}\ninstances:\n", test_plugin_dir("good").string());
  yaml += fmt::format(
      "  - id: accounts\n    use: accounts\n    config: {{{}database: {}}}\n    serve: {{accounts: accounts}}\n"
      "    publish: {{audit: audit}}\n",
      options.accounts_config, or_default(options.accounts_database, dir / "accounts").string());
  if (options.with_audit)
    yaml += fmt::format(
        "  - id: audit\n    use: audit\n    config: {{{}database: {}, checkpoint_folder: {}, signing_key: {}}}\n"
        "    serve: {{audit: audit}}\n    subscribe: {{events: audit}}\n",
        options.audit_config, or_default(options.audit_database, dir / "audit").string(),
        (dir / "checkpoints").string(), (dir / "signing.key").string());
  yaml += fmt::format(
      // service_timeout: a login is one Argon2id hash (INTERACTIVE), measured 1.0 to 1.15 s each at a load
      // average of 14 on the 2 CI cores (2026-12-08), where 3 s failed logins in four suites; 15 s still
      // answers inside the client's 20 s read timeout.
      "  - id: api\n    use: api\n    config: {{{}listen: \"127.0.0.1:0\", address_file: {}, service_timeout: 15s,\n"
      "      inquiry_routes: [{{path: {}, category: hitlist.browse}}]}}\n"
      "    call: {{accounts: accounts, audit: audit, inquiry: inquiry{}}}\n",
      options.api_config, (dir / "address").string(), kInquiryPath, options.with_hotlist ? ", hotlist: hotlist" : "");
  if (options.with_hotlist) {
    fs::create_directories(dir / "reads");
    yaml += fmt::format(
        "  - id: hotlist\n    use: match.hotlist\n    config: {{database: {}}}\n    serve: {{hotlist: hotlist}}\n"
        "    subscribe: {{reads: reads}}\n    publish: {{hits: hits, audit: audit}}\n"
        "  - id: reads\n    use: test.read_source\n    config: {{folder: {}}}\n    publish: {{reads: reads}}\n",
        or_default(options.hotlist_database, dir / "hotlist").string(), (dir / "reads").string());
  }
  yaml += fmt::format("  - id: inquiry\n    use: test.inquiry_service\n    config: {{count_file: {}}}\n"
                      "    serve: {{inquiry: inquiry}}\n",
                      (dir / "inquiries").string());
  return yaml;
}

// Runs the offline tool (`bootstrap` or `add`) for a program manager `user`, the password on standard input.
void offline_manager(const fs::path& deployment, const char* command_name, const std::string& user) {
  const auto command = fmt::format("printf '%s\\n' {} | {} {} --config {} --user {} --clearance-expires {}{}",
                                   shell_quoted(kPassword), PLATEBUS_ACCOUNTS_TOOL, command_name,
                                   shell_quoted(deployment.string()), user, kFarClearance,
                                   std::string(command_name) == "add" ? " --role program_manager" : "");
  const auto result = run_process({"/bin/sh", "-c", command}, 60s);
  BOOST_REQUIRE_MESSAGE(result.exit_status == 0, std::string(command_name) + " failed: " + result.out + result.err);
}

void bootstrap_manager(const fs::path& deployment) { offline_manager(deployment, "bootstrap", kManager); }

ApiDeployment::ApiDeployment(DeploymentOptions options) : ca_file_(options.ca_file) {
  write_file(file(), deployment_yaml(dir_, options));
  bootstrap_manager(file());
  host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host_.start(file(), diagnostics), diagnostics.to_string());
  BOOST_REQUIRE_MESSAGE(wait_until([&] { return !read_file(dir_ / "address").empty(); }, 10s),
                        "the api never wrote its address file");
  url_ = read_lines(dir_ / "address").at(0);
  BOOST_REQUIRE(wait_until([&] { return send("GET", "/api/v1/health").status == 200; }, 10s));
}

ApiDeployment::~ApiDeployment() { host_.stop(); }

HttpAnswer ApiDeployment::send(const std::string& method, const std::string& path, const std::string& body,
                               const std::string& token) const {
  httplib::Client client(url_);
  client.set_read_timeout(20s);
  if (!ca_file_.empty()) client.set_ca_cert_path(ca_file_.c_str());
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const auto result = [&] {
    if (method == "GET") return client.Get(path, headers);
    if (method == "POST") return client.Post(path, headers, body, "application/json");
    if (method == "PUT") return client.Put(path, headers, body, "application/json");
    if (method == "PATCH") return client.Patch(path, headers, body, "application/json");
    return client.Delete(path, headers, body, "application/json");
  }();
  HttpAnswer answer;
  if (!result) return answer;
  answer.status = result->status;
  answer.body = nlohmann::json::parse(result->body, nullptr, false);
  return answer;
}

HttpAnswer ApiDeployment::upload(const std::string& path, const std::string& content, const std::string& token) const {
  httplib::Client client(url_);
  client.set_read_timeout(20s);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  const auto result = client.Post(path, headers, content, "text/csv");
  HttpAnswer answer;
  if (!result) return answer;
  answer.status = result->status;
  answer.body = nlohmann::json::parse(result->body, nullptr, false);
  return answer;
}

void ApiDeployment::publish_read(const std::string& read_id, const std::string& text) const {
  // Written aside and renamed, so the source never reads half a file.
  const auto aside = dir_ / (read_id + ".tmp");
  write_file(aside, nlohmann::json{{"read_id", read_id}, {"text", text}}.dump());
  fs::rename(aside, dir_ / "reads" / (read_id + ".read"));
}

std::string ApiDeployment::login(const std::string& user, const std::string& password) const {
  const auto answer = send_json("POST", "/api/v1/session", {{"user", user}, {"password", password}});
  BOOST_REQUIRE_MESSAGE(answer.status == 200, "login of " + user + ": " + answer.body.dump());
  return answer.body.at("token").get<std::string>();
}

const std::string& ApiDeployment::manager_token() {
  if (manager_token_.empty()) manager_token_ = login(kManager);
  return manager_token_;
}

void ApiDeployment::add_account(const std::string& user, const std::string& role, const std::string& clearance) {
  // Making a program manager needs a second one through the API (separation of duties): offline.
  if (role == "program_manager") return offline_manager(file(), "add", user);
  nlohmann::json body{{"user", user}, {"roles", {role}}, {"password", kPassword}};
  if (!clearance.empty()) body["clearance_expires"] = clearance;
  const auto answer = send_json("POST", "/api/v1/accounts", body, manager_token());
  BOOST_REQUIRE_MESSAGE(answer.status == 200, "adding " + user + ": " + answer.body.dump());
}

nlohmann::json ApiDeployment::records() {
  const auto answer = send("GET", fmt::format("/api/v1/audit/export?from={}&to={}", utc_date(-1), utc_date(1)), "",
                           manager_token());
  BOOST_REQUIRE_MESSAGE(answer.status == 200, "export: " + answer.body.dump());
  return answer.body.at("records");
}

std::size_t ApiDeployment::inquiries_served() const { return read_lines(dir_ / "inquiries").size(); }

}  // namespace platebus::test
