#pragma once
// A real deployment for the API tests, in-process: the accounts, audit and api plugins and the
// test inquiry service, with a first program manager made by the offline tool, and a real HTTP
// client to talk to it.
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/host.hpp"
#include "test_support.hpp"

namespace platebus::test {

struct DeploymentOptions {
  bool with_audit = true;
  std::string audit_config;     // extra "key: value, " entries for the audit instance
  std::string accounts_config;  // ... for the accounts instance
  std::string api_config;       // ... for the api instance
  std::string ca_file;          // the CA the client trusts, for an https API
  // match.hotlist serving `hotlist` (wired to the api's hotlist port), and test.read_source feeding
  // it reads; without it the api's hotlist port is not wired at all.
  bool with_hotlist = false;
  // Where each plugin keeps its database; empty: a folder in the deployment's temporary folder
  // (the disk-full tests point one at a small tmpfs).
  fs::path accounts_database, audit_database, hotlist_database;
};

struct HttpAnswer {
  int status = 0;  // 0 when the server could not be reached
  nlohmann::json body;
  std::string error_message() const {
    const auto error = body.is_object() ? body.find("error") : body.end();
    return body.is_object() && error != body.end() && error->is_object() ? error->value("message", "") : "";
  }
};

inline constexpr const char* kManager = "pm";
inline constexpr const char* kPassword = "Correct-Horse-Battery-Staple";
inline constexpr const char* kInquiryPath = "/api/v1/test/inquiry";
inline constexpr const char* kFarClearance = "2099-12-31";

class ApiDeployment {
 public:
  explicit ApiDeployment(DeploymentOptions options = {});
  ~ApiDeployment();

  const std::string& url() const { return url_; }
  const TempDir& dir() const { return dir_; }
  fs::path file() const { return dir_ / "deployment.yaml"; }
  host::Host& host() { return host_; }

  HttpAnswer send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& token = "") const;
  // POSTs a file as the raw body (an upload route).
  HttpAnswer upload(const std::string& path, const std::string& content, const std::string& token) const;
  HttpAnswer send_json(const std::string& method, const std::string& path, const nlohmann::json& body,
                       const std::string& token = "") const {
    return send(method, path, body.dump(), token);
  }
  // Logs in (the test fails unless it works) and returns the session token.
  std::string login(const std::string& user, const std::string& password = kPassword) const;
  // The program manager's token, logged in once.
  const std::string& manager_token();
  // Adds an account with one role (sworn roles get a far clearance date) through the API; a program
  // manager with the offline tool, as the API would only record it as a pending change.
  void add_account(const std::string& user, const std::string& role, const std::string& clearance = kFarClearance);
  // Every audit record from yesterday to tomorrow (UTC), through GET /api/v1/audit/export.
  nlohmann::json records();
  // Publishes a PlateRead (through test.read_source) for match.hotlist to match.
  void publish_read(const std::string& read_id, const std::string& text) const;
  // How many requests the test inquiry service answered.
  std::size_t inquiries_served() const;

 private:
  TempDir dir_;
  host::Host host_;
  std::string url_;
  std::string ca_file_;
  std::string manager_token_;
};

// One default deployment for a whole test module (starting one costs an Argon2 hash per account):
// BOOST_TEST_GLOBAL_FIXTURE(SharedDeployment), then SharedDeployment::api().
struct SharedDeployment {
  SharedDeployment() { deployment = new ApiDeployment(); }
  ~SharedDeployment() { delete deployment; }
  static ApiDeployment& api() { return *deployment; }
  static inline ApiDeployment* deployment = nullptr;
};

// Whether the match.hotlist plugin is built (the hot-list tests depend on its target, so it is).
bool hotlist_plugin_built();
std::string hotlist_plugin_path();
// For the parts of a test that need match.hotlist: true when it is built, else a failed check
// naming the part (never a silent skip).
bool require_hotlist(bool built, const char* part);
std::string deployment_yaml(const TempDir& dir, const DeploymentOptions& options);
// Runs the offline tool: creates the first program manager in the deployment's accounts database.
void bootstrap_manager(const fs::path& deployment);
// A shell command line with `text` quoted for sh.
std::string shell_quoted(const std::string& text);
// Today's date (UTC) shifted by `days`, as YYYY-MM-DD.
std::string utc_date(int days = 0);

}  // namespace platebus::test
