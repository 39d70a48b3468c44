// sink.log: logs one line per message it receives, for watching a deployment work.
#include "platebus/plugin.hpp"

namespace {

class SinkLog final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    every_ = ctx.config().at("every").get<long long>();
  }

  void on_message(platebus::Context& ctx, const platebus::Message& message) override {
    if (++seen_ % every_ != 0) return;
    std::size_t bytes = 0;
    for (const auto& part : message.parts) bytes += part.size;
    auto summary = message.header;
    summary.erase(platebus::field::parts);
    ctx.info("#{} {} on '{}' from '{}', {} part(s), {} bytes: {}", seen_, message.type(), message.topic,
             message.source(), message.parts.size(), bytes, summary.dump());
  }

 private:
  long long every_ = 1;
  long long seen_ = 0;
};

constexpr platebus::PortSpec kPorts[] = {
    {"in", platebus::PortDirection::input, "*", platebus::Delivery::lossless, "messages to log, of any type"}};
constexpr platebus::ConfigKey kConfig[] = {
    platebus::ConfigKey{"every", platebus::ConfigType::integer, "1", "log one message in this many (1 logs each one)"}
        .at_least("1")};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<SinkLog>("sink.log", "0.1.0",
                                                    "Logs one line per received message (a debugging sink)", kPorts,
                                                    kConfig))
