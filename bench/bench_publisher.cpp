// bench.publisher: publishes 1920x1080 BGR Frames whose pixels come from a small pool of buffers
// (never copied, never re-rendered), stamping each with a steady_clock send time. Paced at
// `interval_us`, or flat out when it is 0. Finishes after warmup + count messages.
#include <thread>

#include "bench_common.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;

class BenchPublisher final : public Plugin {
 public:
  void run(Context& ctx) override {
    const auto width = static_cast<int>(ctx.config().at("width").get<long long>());
    const auto height = static_cast<int>(ctx.config().at("height").get<long long>());
    const auto total = ctx.config().at("warmup").get<long long>() + ctx.config().at("count").get<long long>();
    const auto interval = std::chrono::microseconds(ctx.config().at("interval_us").get<long long>());
    const auto pool = bench::make_frame_pool(static_cast<std::size_t>(width) * height * 3, 4);
    auto next = std::chrono::steady_clock::now();
    for (long long i = 0; i < total && !ctx.stopping(); ++i) {
      auto message = bench::make_frame_message(pool[i % pool.size()], width, height, i);
      bench::stamp_send_time(message);
      ctx.publish("frames", std::move(message));
      if (interval.count() > 0) {
        next += interval;
        std::this_thread::sleep_until(next);
      }
    }
  }
};

constexpr PortSpec kPorts[] = {
    {"frames", PortDirection::output, "Frame", Delivery::latest, "benchmark frames"}};
constexpr ConfigKey kConfig[] = {
    {"width", ConfigType::integer, "1920", "frame width"},
    {"height", ConfigType::integer, "1080", "frame height"},
    {"warmup", ConfigType::integer, "100", "messages sent before the measured ones"},
    {"count", ConfigType::integer, "2000", "measured messages"},
    {"interval_us", ConfigType::integer, "2000", "time between messages in microseconds; 0 = flat out"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<BenchPublisher>("bench.publisher", "1.0.0",
                                                          "Frames for the bus-overhead benchmark", kPorts, kConfig))
