// test.recorder: appends "topic source n" for each received message to a file, slowly if asked.
#include <fstream>
#include <thread>

#include "platebus/plugin.hpp"

namespace {

class Recorder final : public platebus::Plugin {
 public:
  void configure(platebus::Context& ctx) override {
    delay_ = std::chrono::milliseconds(ctx.config().at("delay").get<long long>());
    out_.open(ctx.config().at("file").get<std::string>(), std::ios::app);
    if (!out_) throw platebus::ConfigError("cannot open the file given in 'file'");
  }

  void on_message(platebus::Context&, const platebus::Message& message) override {
    if (delay_.count() > 0) std::this_thread::sleep_for(delay_);
    out_ << message.topic << ' ' << message.source() << ' ' << message.header.value("n", 0LL) << ' '
         << message.type() << std::endl;
  }

 private:
  std::chrono::milliseconds delay_{0};
  std::ofstream out_;
};

constexpr platebus::PortSpec kPorts[] = {
    {"in", platebus::PortDirection::input, "*", platebus::Delivery::lossless, "anything"},
    {"frames", platebus::PortDirection::input, "Frame", platebus::Delivery::latest, "frames, newest first"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"file", platebus::ConfigType::path, nullptr, "where to append one line per message"},
    {"delay", platebus::ConfigType::duration, "0ms", "time spent on each message"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Recorder>("test.recorder", "1.0.0", "Records received messages to a file",
                                                    kPorts, kConfig))
