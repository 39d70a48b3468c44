// test.thrower: publishes a few messages, then throws, on every run: exercises the supervisor.
#include <stdexcept>

#include "platebus/plugin.hpp"

namespace {

class Thrower final : public platebus::Plugin {
 public:
  void run(platebus::Context& ctx) override {
    const auto throw_after = ctx.config().at("throw_after").get<long long>();
    for (long long n = 1; ctx.sleep_for(std::chrono::milliseconds(5)); ++n) {
      if (n > throw_after) throw std::runtime_error("deliberate failure for the restart test");
      platebus::Message message;
      message.header = {{platebus::field::type, "Count"}, {"n", n}};
      ctx.publish("out", message);
    }
  }
};

constexpr platebus::PortSpec kPorts[] = {
    {"out", platebus::PortDirection::output, "Count", platebus::Delivery::lossless, "numbered messages"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"throw_after", platebus::ConfigType::integer, "3", "messages published before each failure"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Thrower>("test.thrower", "1.0.0", "Fails on purpose", kPorts, kConfig))
