// example.hello: the smallest useful PlateBus plugin. It greets every message it receives and
// publishes a running tally per message type.
#include <map>
#include <string>

#include <platebus/plugin.hpp>

namespace {

class Hello final : public platebus::Plugin {
 public:
  // The host has checked the settings against kConfig (below) before this runs.
  void configure(platebus::Context& ctx) override { greeting_ = ctx.config().at("greeting").get<std::string>(); }

  void on_message(platebus::Context& ctx, const platebus::Message& message) override {
    const auto seen = ++counts_[message.type()];
    ctx.info("{} {} #{} from {}", greeting_, message.type(), seen, message.source());
    platebus::Message tally;
    tally.header = {{platebus::field::type, "Tally"}, {"counted", message.type()}, {"count", seen}};
    ctx.publish("tally", std::move(tally));
  }

 private:
  std::string greeting_;
  std::map<std::string, long long> counts_;
};

constexpr platebus::PortSpec kPorts[] = {
    {"in", platebus::PortDirection::input, "*", platebus::Delivery::lossless, "messages to greet"},
    {"tally", platebus::PortDirection::output, "Tally", platebus::Delivery::lossless, "count per message type"},
};

constexpr platebus::ConfigKey kConfig[] = {
    platebus::ConfigKey{"greeting", platebus::ConfigType::string, "hello", "what to say to each message"}
        .matching(".+"),
};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Hello>("example.hello", "1.0.0", "Greets and counts messages", kPorts,
                                                 kConfig))
