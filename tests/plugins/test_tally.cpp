// test.tally: counts the messages it receives by type and keeps the counts in a JSON file
// ({"PlateRead": n, "Hit": m, ...}), rewritten whole at most twice a second and at stop, so a
// long test can watch them without a line per message.
#include <filesystem>
#include <fstream>
#include <map>

#include "platebus/plugin.hpp"

namespace {

using namespace platebus;
namespace fs = std::filesystem;

class Tally final : public Plugin {
 public:
  void configure(Context& ctx) override { file_ = ctx.config().at("file").get<std::string>(); }

  void run(Context& ctx) override {
    auto next_write = std::chrono::steady_clock::now();
    while (!ctx.stopping()) {
      if (auto message = ctx.receive(std::chrono::milliseconds(100))) ++counts_[message->type()];
      if (std::chrono::steady_clock::now() >= next_write) {
        write();
        next_write = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
      }
    }
  }

  void stop(Context&) override { write(); }

 private:
  // Renamed into place, so a reader never sees half a file.
  void write() const {
    const auto partial = fs::path(file_ + ".partial");
    std::ofstream(partial) << nlohmann::json(counts_).dump();
    fs::rename(partial, file_);
  }

  std::string file_;
  std::map<std::string, long long> counts_;
};

constexpr PortSpec kPorts[] = {{"in", PortDirection::input, "*", Delivery::lossless, "anything"}};
constexpr ConfigKey kConfig[] = {{"file", ConfigType::path, nullptr, "the JSON file of counts by message type"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Tally>("test.tally", "1.0.0", "Counts received messages by type", kPorts,
                                                 kConfig))
