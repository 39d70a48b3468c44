// alert.webhook: each hit POSTed as JSON (with its images) to a URL, retried with backoff, from a
// bounded queue on a thread of its own so the pipeline never waits for the receiver.
#include <memory>

#include "hit_json.hpp"
#include "platebus/plugin.hpp"
#include "webhook_settings.hpp"
#include "webhook_worker.hpp"

namespace {

using namespace platebus;

class AlertWebhook final : public Plugin {
 public:
  // Run by `platebus check`: every rule configure() applies (its ca_file is only looked at).
  static std::vector<ConfigProblem> validate(const nlohmann::json& config) {
    try {
      alerts::WebhookSettings::from_config(config);
    } catch (const std::invalid_argument& e) {
      return {{"", e.what()}};
    }
    return {};
  }

  void configure(Context& ctx) override {
    try {
      settings_ = alerts::WebhookSettings::from_config(ctx.config());
    } catch (const std::invalid_argument& e) {
      throw ConfigError(e.what());
    }
  }

  void start(Context& ctx) override {
    worker_ = std::make_unique<alerts::WebhookWorker>(ctx, settings_);
    std::string header_names;
    for (const auto& [name, value] : settings_.headers) header_names += " " + name;  // never the values: tokens
    ctx.info("alerts go to {}{} (queue {}, {} attempts, extra headers:{})", settings_.url.origin(),
             settings_.url.target, settings_.queue_size, settings_.retry.max_attempts,
             header_names.empty() ? " none" : header_names);
  }

  void on_message(Context& ctx, const Message& message) override {
    try {
      const auto hit = Hit::from_message(message);
      worker_->enqueue({hit.hit_id, alerts::hit_json(hit).dump()});
    } catch (const MessageError& e) {
      ctx.warn("ignored a message that is not a valid Hit: {}", e.what());
    }
  }

  void stop(Context&) override {
    if (worker_) worker_->stop();
    worker_.reset();
  }

 private:
  alerts::WebhookSettings settings_;
  std::unique_ptr<alerts::WebhookWorker> worker_;
};

constexpr PortSpec kPorts[] = {
    {"hits", PortDirection::input, "Hit", Delivery::lossless, "hits to post, from match.hotlist"}};
constexpr ConfigKey kConfig[] = {
    {"url", ConfigType::string, nullptr, "where to POST: https://host[:port]/path (http only to loopback)"},
    {"allow_plain_http", ConfigType::boolean, "false", "allow http:// to a host that is not loopback"},
    {"ca_file", ConfigType::path, "null", "PEM certificate(s) to trust for https; unset: the system's authorities"},
    {"headers", ConfigType::map, "{}", "extra request headers, e.g. {Authorization: \"Bearer ...\"}"},
    ConfigKey{"timeout", ConfigType::duration, "5s", "connect, send and answer timeout of one attempt"}
        .between("100ms", "120s"),
    ConfigKey{"max_attempts", ConfigType::integer, "8", "attempts per alert before it is dropped"}.between("1", "100"),
    ConfigKey{"initial_backoff", ConfigType::duration, "500ms", "wait after the first failed attempt; doubles each time"}
        .between("1ms", "1h"),
    ConfigKey{"max_backoff", ConfigType::duration, "30s", "the longest wait between attempts (not below initial_backoff)"}
        .between("1ms", "1h"),
    ConfigKey{"queue_size", ConfigType::integer, "1000", "alerts that may wait; when full the oldest is dropped and logged"}
        .between("1", "1000000"),
    ConfigKey{"stop_grace", ConfigType::duration, "2s", "on stop, time left to deliver what is queued"}
        .between("0ms", "10m")};

}  // namespace

PLATEBUS_PLUGIN(describe_plugin<AlertWebhook>("alert.webhook", "0.1.0",
                                              "POSTs each hot-list hit as JSON with its images, with retries",
                                              kPorts, kConfig))
