// test.counter: publishes numbered "Count" messages, to drive delivery and restart tests.
#include "platebus/plugin.hpp"

namespace {

class Counter final : public platebus::Plugin {
 public:
  void run(platebus::Context& ctx) override {
    const auto interval = std::chrono::milliseconds(ctx.config().at("interval").get<long long>());
    const auto limit = ctx.config().at("limit").get<long long>();
    const auto payload = static_cast<std::size_t>(ctx.config().at("payload_bytes").get<long long>());
    while (!ctx.stopping() && (limit == 0 || next_ <= limit)) {
      platebus::Message message;
      message.header = {{platebus::field::type, "Count"}, {"n", next_}};
      if (payload > 0) message.parts.push_back(platebus::Blob::from_string(std::string(payload, 'x')));
      if (ctx.is_published("out")) ctx.publish("out", message);
      if (ctx.is_published("latest_out")) ctx.publish("latest_out", message);
      ++next_;
      if (interval.count() > 0 && !ctx.sleep_for(interval)) break;
    }
  }

 private:
  long long next_ = 1;
};

constexpr platebus::PortSpec kPorts[] = {
    {"out", platebus::PortDirection::output, "Count", platebus::Delivery::lossless, "numbered messages"},
    {"latest_out", platebus::PortDirection::output, "Count", platebus::Delivery::latest, "the same, as latest"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"interval", platebus::ConfigType::duration, "0ms", "pause between messages"},
    {"limit", platebus::ConfigType::integer, "0", "stop after this many (0: never)"},
    {"payload_bytes", platebus::ConfigType::integer, "0", "size of a binary part to attach"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Counter>("test.counter", "1.0.0", "Numbered messages for tests", kPorts,
                                                   kConfig))
