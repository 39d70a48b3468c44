// bench.subscriber: records, for each received Frame, its index, send time, receive time and
// whether the image part is the publisher's buffer itself; writes them to `file` on stop.
#include <fstream>

#include "bench_common.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;

class BenchSubscriber final : public Plugin {
 public:
  void configure(Context& ctx) override {
    file_ = ctx.config().at("file").get<std::string>();
    records_.reserve(8192);  // 320 KB: stays under the benchmark's 1 MiB allocation counter
  }

  void on_message(Context&, const Message& message) override {
    const auto received = bench::steady_ns();
    auto record = bench::record_of(message, received);
    if (!message.parts.empty()) sink_ += bench::touch(message.parts[0].data, message.parts[0].size);
    records_.push_back(record);
  }

  void stop(Context&) override {
    std::ofstream out(file_);
    for (const auto& r : records_)
      out << r.index << ' ' << r.sent_ns << ' ' << r.received_ns << ' ' << r.same_pointer << ' ' << r.size << '\n';
    out << "end " << sink_ << '\n';
  }

 private:
  std::string file_;
  std::vector<bench::Record> records_;
  unsigned sink_ = 0;
};

constexpr PortSpec kPorts[] = {
    {"in", PortDirection::input, "Frame", Delivery::lossless, "benchmark frames"}};
constexpr ConfigKey kConfig[] = {{"file", ConfigType::string, nullptr, "where to write the records on stop"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<BenchSubscriber>("bench.subscriber", "1.0.0",
                                                           "Records latency for the bus-overhead benchmark", kPorts,
                                                           kConfig))
