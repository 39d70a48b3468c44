#pragma once
// The api plugin's configuration, read once from ctx.config() and checked: everything the
// descriptor's types cannot catch is a ConfigError saying what to change.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "listen_address.hpp"
#include "platebus/plugin.hpp"

namespace platebus::api {

// The default case_number_pattern (docs/api.md), a macro so that the descriptor's YAML default
// (single-quoted: backslashes stay as they are) is made of the same literal.
#define PLATEBUS_API_DEFAULT_CASE_NUMBER_PATTERN "^(?=(?:\\D*\\d){4})(?!\\D*(\\d)(?:\\D*\\1)*\\D*$)[A-Za-z0-9][A-Za-z0-9-]{2,31}$"
inline constexpr const char* kDefaultCaseNumberPattern = PLATEBUS_API_DEFAULT_CASE_NUMBER_PATTERN;

// An inquiry route from `inquiry_routes`: POST PATH {case_number, reason, query}.
struct InquiryRoute {
  std::string path;      // "/api/v1/hits/search"
  std::string category;  // the audit category, e.g. "hitlist.browse"
  std::string action;    // the permission it needs (default "inquiry")
};

// How long and how many connections a client may hold (docs/security.md, "The API's limits").
struct ConnectionLimits {
  std::size_t connections_per_client = 8;
  std::chrono::milliseconds header_timeout{10000};  // a request line and headers, whole
  std::chrono::milliseconds body_timeout{120000};   // a body, whole (an upload of up to max_upload_bytes)
  std::chrono::milliseconds read_timeout{5000};     // a read that gets nothing
  std::chrono::milliseconds keep_alive_timeout{1000};
  std::size_t requests_per_connection = 5;
};

// A ConfigError about one config key, so that `platebus check` reports it at that key.
class SettingError : public ConfigError {
 public:
  SettingError(std::string key, const std::string& text) : ConfigError(text), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

struct ApiSettings {
  ListenAddress listen;
  std::string certificate;  // TLS when both are set
  std::string private_key;
  bool allow_plain_http = false;
  std::size_t max_body_bytes = 1 << 20;      // JSON bodies
  std::size_t max_upload_bytes = 128 << 20;  // the raw files of upload routes
  std::chrono::milliseconds service_timeout{5000};
  std::size_t worker_threads = 32;  // requests served at once
  ConnectionLimits connections;
  std::string case_number_pattern;
  std::vector<std::string> placeholder_reasons;
  std::vector<InquiryRoute> inquiry_routes;
  std::string address_file;  // where to write the bound address ("" for nowhere)

  bool tls() const { return !certificate.empty(); }

  // Throws platebus::ConfigError (a SettingError when it is about one key).
  static ApiSettings from_config(const nlohmann::json& config);
};

}  // namespace platebus::api
