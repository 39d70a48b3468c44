// test.read_pump: publishes `count` PlateReads as fast as the lossless port lets it (or at `rate`
// per second), each with a unique read id and small images; every `hot_every`-th read shows one of
// `hot_plates` plates the soak puts on the hot list, the others plates no list holds. It drives
// the volume soak (tests/soak) faster than real time, without the cost of recognition.
#include <string>

#include "platebus/plate_read.hpp"
#include "platebus/plugin.hpp"
#include "grey_image.hpp"
#include "soak_plates.hpp"

namespace {

using namespace platebus;
using platebus::test::grey_image;


class ReadPump final : public Plugin {
 public:
  void run(Context& ctx) override {
    const auto count = ctx.config().at("count").get<long long>();
    const auto rate = ctx.config().at("rate").get<double>();
    const auto hot_every = ctx.config().at("hot_every").get<long long>();
    const auto hot_plates = ctx.config().at("hot_plates").get<long long>();
    if (hot_every < 1 || hot_plates < 1) throw ConfigError("hot_every and hot_plates must be at least 1");
    // The images are shared by every read: the soak measures the pipeline, not the allocator.
    const auto crop = grey_image(96, 32);
    const auto overview = grey_image(320, 180);
    const auto started = std::chrono::steady_clock::now();
    long long i = 0;
    for (; (count == 0 || i < count) && !ctx.stopping(); ++i) {
      if (rate > 0) {
        const auto due = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                       std::chrono::duration<double>(static_cast<double>(i) / rate));
        if (!ctx.sleep_for(std::chrono::duration_cast<std::chrono::milliseconds>(due - std::chrono::steady_clock::now())))
          break;
      }
      PlateRead read;
      read.read_id = "soak-" + std::to_string(i);
      read.camera = "cam-soak";
      read.text = i % hot_every == 0 ? soak::soak_plate('H', (i / hot_every) % hot_plates) : soak::soak_plate('N', i);
      read.confidence = 0.95;
      read.captured_at = now_utc();
      read.plate_crop = crop;
      read.overview = overview;
      ctx.publish("reads", read.to_message());
    }
    ctx.info("published {} reads", i);
  }
};

constexpr PortSpec kPorts[] = {{"reads", PortDirection::output, "PlateRead", Delivery::lossless, "the reads"}};
constexpr ConfigKey kConfig[] = {
    {"count", ConfigType::integer, "0", "reads to publish, then stop publishing (0: never stop)"},
    {"rate", ConfigType::number, "0", "reads per second (0: as fast as the subscribers take them)"},
    {"hot_every", ConfigType::integer, "100", "every this many reads, one shows a hot plate"},
    {"hot_plates", ConfigType::integer, "500", "how many different hot plates the hot reads cycle through"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<ReadPump>("test.read_pump", "1.0.0",
                                                    "Publishes many PlateReads quickly, some of hot plates", kPorts,
                                                    kConfig))
