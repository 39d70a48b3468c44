// bench.alert_probe: the subscriber end of the capture-to-alert benchmark. Appends one JSON line per
// message it receives on `reads`, `hits` and `results` to `file`, with the arrival time, so the
// benchmark can tell capture -> read (recognition) from read -> hit (matching and delivery).
#include <fstream>

#include "platebus/hit.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;

class AlertProbe final : public Plugin {
 public:
  void start(Context& ctx) override { out_.open(ctx.config().at("file").get<std::string>(), std::ios::app); }

  void on_message(Context&, const Message& message) override {
    const auto arrived = to_iso8601(now_utc());
    const auto type = message.type();
    nlohmann::json line = {{"type", type}, {"arrived", arrived}};
    if (type == "PlateRead") {
      line["read_id"] = message.header.value("read_id", "");
      line["text"] = message.header.value("text", "");
      line["captured_at"] = message.header.value("captured_at", "");
    } else if (type == "Hit") {
      const auto& read = message.header.at("read");
      line["read_id"] = read.value("read_id", "");
      line["text"] = read.value("text", "");
      line["captured_at"] = read.value("captured_at", "");
      line["plate"] = message.header.at("hot_plate").value("plate", "");
      line["match_kind"] = message.header.value("match_kind", "");
      line["parts"] = message.parts.size();
    } else {
      line["total_ms"] = message.header.value("total_ms", 0.0);
      line["queue_drops"] = message.header.value("queue_drops", 0);
    }
    out_ << line.dump() << '\n';
  }

  void stop(Context&) override { out_.close(); }

 private:
  std::ofstream out_;
};

constexpr PortSpec kPorts[] = {{"in", PortDirection::input, "*", Delivery::lossless, "reads, hits and frame results"}};
constexpr ConfigKey kConfig[] = {{"file", ConfigType::path, nullptr, "where to append one JSON line per message"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AlertProbe>("bench.alert_probe", "1.0.0",
                                                      "Records arrival times for the capture-to-alert benchmark",
                                                      kPorts, kConfig))
