// api: the operator API. Every person-facing action passes through here over HTTP (HTTPS when a
// certificate is configured): authenticated and authorized by the accounts service, recorded by
// the audit service before it is performed, then handed to the service that does it.
#include <fstream>
#include <memory>

#include "http_server.hpp"
#include "platebus/plugin.hpp"
#include "request_pipeline.hpp"

namespace {

using namespace platebus;

constexpr PortSpec kPorts[] = {
    {"accounts", PortDirection::call, "*", Delivery::lossless,
     "the accounts service: Login, Logout, Authorize (every request), PasswordChange, Account*"},
    {"audit", PortDirection::call, "*", Delivery::lossless,
     "the audit service: one acknowledged AuditRecord per request before it is performed; Audit* queries"},
    {"inquiry", PortDirection::call, "Inquiry", Delivery::lossless,
     "the service answering the configured inquiry_routes (header: path, query, case_number, reason, actor)"},
    {"hotlist", PortDirection::call, "*", Delivery::lossless,
     "the hotlist service (match.hotlist): HotlistImport, HotplateAdd, HotlistList, HotlistShow, HotplateDelete, "
     "HotlistDelete, HitList, HitShow, HitAcknowledge"},
};

constexpr ConfigKey kConfig[] = {
    {"listen", ConfigType::string, "\"127.0.0.1:8080\"",
     "HOST:PORT to serve on ([::1]:8080 for IPv6); port 0 picks a free port, which is logged"},
    {"certificate", ConfigType::path, "null", "PEM certificate (chain) for HTTPS; set with private_key"},
    {"private_key", ConfigType::path, "null", "PEM private key of the certificate"},
    {"allow_plain_http", ConfigType::boolean, "false",
     "serve plain HTTP on a non-loopback address (tokens and passwords then cross the network in clear)"},
    ConfigKey{"max_body_bytes", ConfigType::integer, "1048576", "larger JSON request bodies are refused with 413 "
                                                                "(64 MiB at most)"}
        .between("1024", "67108864"),
    ConfigKey{"max_upload_bytes", ConfigType::integer, "134217728",
              "larger uploaded files (hot lists) are refused with 413 (1 GiB at most)"}
        .between("1024", "1073741824"),
    ConfigKey{"service_timeout", ConfigType::duration, "5s",
              "how long to wait for the accounts, audit, inquiry and hotlist services; past it the answer is 503"}
        .above("0ms"),
    ConfigKey{"worker_threads", ConfigType::integer, "32", "requests served at once; more wait for a worker"}
        .between("2", "1024"),
    ConfigKey{"connections_per_client", ConfigType::integer, "8",
              "connections one client address may hold at once (less than worker_threads); more are closed"}
        .between("1", "1024"),
    ConfigKey{"header_timeout", ConfigType::duration, "10s", "a request's line and headers must arrive within this"}
        .above("0ms"),
    ConfigKey{"body_timeout", ConfigType::duration, "120s", "a request's body must arrive within this (uploads too)"}
        .above("0ms"),
    ConfigKey{"read_timeout", ConfigType::duration, "5s", "a connection sending nothing for this long is closed"}
        .above("0ms"),
    {"case_number_pattern", ConfigType::string, "'" PLATEBUS_API_DEFAULT_CASE_NUMBER_PATTERN "'",
     "the agency's case or incident number format: an ECMAScript regular expression the whole number must match"},
    {"placeholder_reasons", ConfigType::string_list,
     "[test, testing, n/a, na, none, '.', '-', '?', asdf, xxx, reason, search, check, abc, foo]",
     "reasons refused as placeholders (compared trimmed and case-insensitively)"},
    {"inquiry_routes", ConfigType::list, "[]",
     "inquiry routes: [{path: /api/v1/..., category: AUDIT_CATEGORY, action: inquiry}]; POST {case_number, "
     "reason, query} is sent to the inquiry service"},
    {"address_file", ConfigType::path, "null", "a file to write the bound base URL to (http://127.0.0.1:PORT)"},
};

class Api final : public Plugin {
 public:
  // Run by `platebus check`: every rule configure() applies, with nothing opened or bound.
  static std::vector<ConfigProblem> validate(const nlohmann::json& settings) {
    try {
      api::route_table(api::ApiSettings::from_config(settings).inquiry_routes);
    } catch (const api::SettingError& e) {
      return {{e.key(), e.what()}};
    } catch (const ConfigError& e) {
      return {{"", e.what()}};
    }
    return {};
  }

  void configure(Context& ctx) override {
    settings_ = api::ApiSettings::from_config(ctx.config());
    routes_ = api::route_table(settings_.inquiry_routes);
  }

  void start(Context& ctx) override {
    pipeline_ = std::make_unique<api::RequestPipeline>(ctx, settings_);
    try {
      server_ = std::make_unique<api::HttpServer>(settings_, routes_, *pipeline_);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(e.what());
    }
    server_->bind();
    if (!settings_.address_file.empty()) {
      std::ofstream out(settings_.address_file, std::ios::trunc);
      out << server_->base_url() << '\n';
      if (!out) throw ConfigError(fmt::format("cannot write address_file '{}'", settings_.address_file));
    }
    ctx.info("serving the operator API on {} ({} routes)", server_->base_url(), routes_.size());
  }

  void run(Context& ctx) override {
    server_->start_serving();
    while (ctx.sleep_for(std::chrono::milliseconds(200))) {
    }
    server_->stop();
  }

  void stop(Context&) override {
    // No HTTP thread may touch ctx once this returns.
    if (server_) server_->stop();
    server_.reset();
    pipeline_.reset();
  }

 private:
  api::ApiSettings settings_;
  std::vector<api::Route> routes_;
  std::unique_ptr<api::RequestPipeline> pipeline_;
  std::unique_ptr<api::HttpServer> server_;
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Api>("api", "1.0.0", "The operator API over HTTP(S)", kPorts, kConfig))
