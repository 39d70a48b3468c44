// test.hit_publisher: publishes `count` Hits (tests/alerts/test_hits.hpp) on its `hits` port, the
// first one alone when `pause_after_first` is set, then writes {"published", "elapsed_ms"} (the time
// publishing took) as one JSON line to `file` and idles until stopped.
#include <fstream>

#include "platebus/plugin.hpp"
#include "test_hits.hpp"

namespace {

using namespace platebus;

class HitPublisher final : public Plugin {
 public:
  void run(Context& ctx) override {
    const auto count = ctx.config().at("count").get<int>();
    const auto kind = ctx.config().at("match_kind").get<std::string>();
    const auto gps = ctx.config().at("gps").get<bool>();
    const auto raw_crop = ctx.config().at("raw_crop").get<bool>();
    const auto pause = std::chrono::milliseconds(ctx.config().at("pause_after_first").get<long long>());
    const auto started = std::chrono::steady_clock::now();
    for (int number = 1; number <= count && !ctx.stopping(); ++number) {
      ctx.publish("hits", test::alerts::test_hit(number, kind, gps, raw_crop).to_message());
      if (number == 1 && pause.count() > 0) ctx.sleep_for(pause);
    }
    const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    std::ofstream(ctx.config().at("file").get<std::string>(), std::ios::app)
        << nlohmann::json{{"published", count}, {"elapsed_ms", elapsed.count()}}.dump() << std::endl;
    while (ctx.sleep_for(std::chrono::milliseconds(100))) {
    }
  }
};

constexpr PortSpec kPorts[] = {{"hits", PortDirection::output, "Hit", Delivery::lossless, "the test hits"}};
constexpr ConfigKey kConfig[] = {
    {"file", ConfigType::path, nullptr, "where to write the line saying publishing is done"},
    {"count", ConfigType::integer, "1", "hits to publish"},
    {"match_kind", ConfigType::string, "exact", "match kind of every hit"},
    {"gps", ConfigType::boolean, "true", "whether the reads have a GPS fix"},
    {"pause_after_first", ConfigType::duration, "0ms", "pause after the first hit"},
    {"raw_crop", ConfigType::boolean, "false", "attach the plate crop as raw gray8 pixels instead of a JPEG"}};

}  // namespace

PLATEBUS_PLUGIN(describe_plugin<HitPublisher>("test.hit_publisher", "0.1.0", "Publishes test Hits", kPorts, kConfig))
