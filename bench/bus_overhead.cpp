// bench_bus_overhead: what it costs to move one 1920x1080 BGR frame (6.2 MB) from one publisher to
// three subscribers in one process, on three paths measured in the same run:
//   baseline  bare cppzmq: inproc PUB -> 3 SUB, zero-copy zmq::message_t, one thread per subscriber
//   bus       PlateBus bus only: the real BusProxy (XSUB/XPUB thread), connect_publisher,
//             3 x connect_subscriber, send_message / receive_message, one thread per subscriber
//   host      PlateBus host: a Host running a deployment of bench.publisher and 3 bench.subscriber
//             plugins; the real per-message path (publish with flow control, proxy, receiver thread,
//             inbox, plugin thread)
//   isolated  the same Host, with the publisher `isolate: true`: it runs in a child process, and each
//             frame crosses the process boundary over the instance's private ipc channel
// For each: latency (send stamp to the subscriber's hands) paced at one message per --interval-us,
// throughput when saturated, whether each subscriber got the publisher's buffer itself (same data
// pointer), and how many bytes were malloc'd in blocks of >= 1 MiB per message (a copy of the image
// would show up there; frame buffers come from mmap, so they do not).
//
// Usage: bench_bus_overhead [--count N] [--warmup N] [--interval-us US] [--throughput-count N]
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <zmq.hpp>

#include "bench_common.hpp"
#include "bus/bus_proxy.hpp"
#include "bus/bus_sockets.hpp"
#include "bus/topic_stats.hpp"
#include "bus/wire.hpp"
#include "runtime/host.hpp"
#include "runtime/logging.hpp"

// ---- counting large allocations ------------------------------------------------------------
// The executable's malloc interposes glibc's for the whole process (plugins included); it counts
// blocks of 1 MiB or more and forwards everything to glibc.
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
}

namespace {
constexpr std::size_t kLarge = std::size_t(1) << 20;
std::atomic<std::uint64_t> g_large_count{0};
std::atomic<std::uint64_t> g_large_bytes{0};
inline void note(std::size_t size) {
  if (size >= kLarge) {
    g_large_count.fetch_add(1, std::memory_order_relaxed);
    g_large_bytes.fetch_add(size, std::memory_order_relaxed);
  }
}
}  // namespace

extern "C" void* malloc(std::size_t size) {
  note(size);
  return __libc_malloc(size);
}
extern "C" void* calloc(std::size_t n, std::size_t size) {
  note(n * size);
  return __libc_calloc(n, size);
}
extern "C" void* realloc(void* p, std::size_t size) {
  note(size);
  return __libc_realloc(p, size);
}

namespace {

using namespace platebus;
using namespace platebus::host;
using bench::Record;
namespace fs = std::filesystem;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
constexpr std::size_t kFrameBytes = std::size_t(kWidth) * kHeight * 3;
constexpr int kSubscribers = 3;

struct Options {
  long long count = 2000;
  long long warmup = 100;
  long long interval_us = 2000;
  long long throughput_count = 5000;
};

struct Run {
  std::vector<std::vector<Record>> per_subscriber;
  std::uint64_t large_bytes = 0;  // malloc'd in blocks >= 1 MiB during the run
  std::uint64_t large_count = 0;
};

struct Allocations {
  std::uint64_t count0 = g_large_count.load(), bytes0 = g_large_bytes.load();
  void into(Run& run) const {
    run.large_count = g_large_count.load() - count0;
    run.large_bytes = g_large_bytes.load() - bytes0;
  }
};

// ---- (a) baseline: bare cppzmq -------------------------------------------------------------
struct BaselineHeader {
  std::int64_t index;
  std::int64_t sent_ns;
  std::uintptr_t ptr;
};

void release_buffer(void*, void* hint) { delete static_cast<std::shared_ptr<std::byte>*>(hint); }

Run run_baseline(long long total, std::chrono::microseconds interval) {
  Run run;
  run.per_subscriber.resize(kSubscribers);
  const auto pool = bench::make_frame_pool(kFrameBytes, 4);
  zmq::context_t context(1);
  zmq::socket_t publisher(context, zmq::socket_type::pub);
  publisher.set(zmq::sockopt::sndhwm, 0);  // nothing dropped, so saturated throughput counts every message
  publisher.set(zmq::sockopt::linger, 0);
  publisher.bind("inproc://bench.baseline");

  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < kSubscribers; ++s) {
    threads.emplace_back([&, s] {
      zmq::socket_t subscriber(context, zmq::socket_type::sub);
      subscriber.set(zmq::sockopt::rcvhwm, 0);
      subscriber.set(zmq::sockopt::linger, 0);
      subscriber.connect("inproc://bench.baseline");
      subscriber.set(zmq::sockopt::subscribe, "bench.");
      auto& records = run.per_subscriber[s];
      records.reserve(total);
      bool joined = false;
      unsigned sink = 0;
      while (true) {
        zmq::message_t topic, header, image;
        (void)subscriber.recv(topic);
        if (topic.to_string_view() == "bench.hello") {
          if (!joined) ready.fetch_add(1);
          joined = true;
          continue;
        }
        (void)subscriber.recv(header);
        (void)subscriber.recv(image);
        const auto received = bench::steady_ns();
        BaselineHeader h;
        std::memcpy(&h, header.data(), sizeof h);
        sink += bench::touch(image.data<std::byte>(), image.size());
        records.push_back({h.index, h.sent_ns, received, reinterpret_cast<std::uintptr_t>(image.data()) == h.ptr,
                           image.size()});
        if (h.index + 1 == total) break;
      }
      if (sink == 0xdeadbeef) std::puts("");
    });
  }
  // Slow joiners: say hello until every subscriber has heard one.
  while (ready.load() < kSubscribers) {
    publisher.send(zmq::str_buffer("bench.hello"));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const Allocations allocations;
  auto next = std::chrono::steady_clock::now();
  for (long long i = 0; i < total; ++i) {
    const auto& buffer = pool[i % pool.size()];
    BaselineHeader h{i, bench::steady_ns(), reinterpret_cast<std::uintptr_t>(buffer.get())};
    publisher.send(zmq::str_buffer("bench.frames"), zmq::send_flags::sndmore);
    publisher.send(zmq::buffer(&h, sizeof h), zmq::send_flags::sndmore);
    zmq::message_t image(buffer.get(), kFrameBytes, &release_buffer, new std::shared_ptr<std::byte>(buffer));
    publisher.send(image, zmq::send_flags::none);
    if (interval.count() > 0) {
      next += interval;
      std::this_thread::sleep_until(next);
    }
  }
  for (auto& t : threads) t.join();
  allocations.into(run);
  return run;
}

// ---- (b1) PlateBus bus only: BusProxy + connect_* + send_message/receive_message -------------
Run run_bus(long long total, std::chrono::microseconds interval) {
  Run run;
  run.per_subscriber.resize(kSubscribers);
  const auto pool = bench::make_frame_pool(kFrameBytes, 4);
  zmq::context_t context(1);
  host::TopicStats stats;
  host::LocalRouter router;  // no plugin instances here: subscribers are bare sockets on the XPUB side
  std::optional<host::BusProxy> proxy;
  proxy.emplace(context, host::BusConfig{}, stats, router, host::make_logger("bus"));
  auto publisher = host::connect_publisher(context);

  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < kSubscribers; ++s) {
    threads.emplace_back([&, s] {
      auto subscriber = host::connect_subscriber(context);
      subscriber.set(zmq::sockopt::subscribe, "bench.");
      auto& records = run.per_subscriber[s];
      records.reserve(total);
      bool joined = false, done = false;
      unsigned sink = 0;
      while (!done) {
        // As the host's receiver does: poll, then drain whole messages.
        zmq::pollitem_t item{subscriber.handle(), 0, ZMQ_POLLIN, 0};
        zmq::poll(&item, 1, std::chrono::milliseconds(100));
        if (!(item.revents & ZMQ_POLLIN)) continue;
        while (auto message = receive_message(subscriber)) {
          const auto received = bench::steady_ns();
          if (message->topic == "bench.hello") {
            if (!joined) ready.fetch_add(1);
            joined = true;
            continue;
          }
          records.push_back(bench::record_of(*message, received));
          sink += bench::touch(message->parts[0].data, message->parts[0].size);
          if (records.back().index + 1 == total) done = true;
        }
      }
      if (sink == 0xdeadbeef) std::puts("");
    });
  }
  while (ready.load() < kSubscribers) {
    Message hello;
    hello.header = {{field::type, "Hello"}};
    send_message(publisher, "bench.hello", hello);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const Allocations allocations;
  auto next = std::chrono::steady_clock::now();
  for (long long i = 0; i < total; ++i) {
    auto message = bench::make_frame_message(pool[i % pool.size()], kWidth, kHeight, i);
    bench::stamp_send_time(message);
    send_message(publisher, "bench.frames", message);
    if (interval.count() > 0) {
      next += interval;
      std::this_thread::sleep_until(next);
    }
  }
  for (auto& t : threads) t.join();
  allocations.into(run);
  publisher.close();
  proxy.reset();
  return run;
}

// ---- (b2) PlateBus host: a deployment of bench plugins ---------------------------------------
std::vector<Record> read_records(const fs::path& file) {
  std::vector<Record> records;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("end")) break;
    std::istringstream fields(line);
    Record r;
    int same = 0;
    fields >> r.index >> r.sent_ns >> r.received_ns >> same >> r.size;
    r.same_pointer = same != 0;
    records.push_back(r);
  }
  return records;
}

Run run_host(const fs::path& dir, long long warmup, long long count, std::chrono::microseconds interval,
             bool lossless, bool isolate) {
  Run run;
  const auto file = dir / "bench.yaml";
  {
    std::ofstream yaml(file);
    yaml << "plugin_path: " << PLATEBUS_BENCH_PLUGIN_DIR << "\n"
         << "log: {level: warn}\n"
         << "instances:\n"
         << "  - id: pub\n    use: bench.publisher\n"
         << (isolate ? "    isolate: true\n" : "")
         << fmt::format("    config: {{width: {}, height: {}, warmup: {}, count: {}, interval_us: {}}}\n", kWidth,
                        kHeight, warmup, count, interval.count())
         << (lossless ? "    publish: {frames: {topic: bench.frames, delivery: lossless}}\n"
                      : "    publish: {frames: bench.frames}\n");
    for (int s = 0; s < kSubscribers; ++s) {
      yaml << fmt::format("  - id: sub{}\n    use: bench.subscriber\n    config: {{file: {}}}\n"
                          "    subscribe: {{in: bench.frames}}\n",
                          s, (dir / fmt::format("sub{}.txt", s)).string());
    }
  }
  for (int s = 0; s < kSubscribers; ++s) fs::remove(dir / fmt::format("sub{}.txt", s));
  const Allocations allocations;
  {
    host::Host host;
    host.set_isolation_runner(PLATEBUS_BINARY);
    host::Diagnostics diagnostics;
    if (!host.start(file, diagnostics)) throw std::runtime_error("deployment rejected: " + diagnostics.to_string());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (host.instance("pub")->state() != host::InstanceState::finished) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("the publisher did not finish");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    host.stop();  // drains, then each subscriber writes its records
  }
  allocations.into(run);
  for (int s = 0; s < kSubscribers; ++s) run.per_subscriber.push_back(read_records(dir / fmt::format("sub{}.txt", s)));
  return run;
}

// ---- figures ---------------------------------------------------------------------------------
struct Figures {
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // microseconds
  double throughput = 0;                      // messages/s delivered to all subscribers
  long long delivered_min = 0;                // measured messages the worst subscriber got
  long long same_pointer = 0, received = 0;   // over all subscribers, measured messages
  int subscribers_all_same = 0;               // subscribers for which every message was the same buffer
  double large_bytes_per_message = 0;
};

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return NAN;
  const auto rank = static_cast<std::size_t>(std::ceil(p * sorted.size()));
  return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

Figures figures(const Run& run, long long warmup, long long count) {
  Figures f;
  std::vector<double> latencies;
  std::int64_t first_sent = INT64_MAX, last_received = 0;
  f.delivered_min = count;
  for (const auto& records : run.per_subscriber) {
    long long measured = 0;
    bool all_same = !records.empty();
    for (const auto& r : records) {
      all_same = all_same && r.same_pointer && r.size == kFrameBytes;
      if (r.index < warmup) continue;
      ++measured;
      ++f.received;
      f.same_pointer += r.same_pointer ? 1 : 0;
      latencies.push_back((r.received_ns - r.sent_ns) / 1e3);
      first_sent = std::min(first_sent, r.sent_ns);
      last_received = std::max(last_received, r.received_ns);
    }
    f.delivered_min = std::min(f.delivered_min, measured);
    f.subscribers_all_same += all_same ? 1 : 0;
  }
  std::sort(latencies.begin(), latencies.end());
  f.p50 = percentile(latencies, 0.50);
  f.p90 = percentile(latencies, 0.90);
  f.p99 = percentile(latencies, 0.99);
  f.max = latencies.empty() ? NAN : latencies.back();
  if (last_received > first_sent) f.throughput = f.delivered_min / ((last_received - first_sent) / 1e9);
  f.large_bytes_per_message = double(run.large_bytes) / double(warmup + count);
  return f;
}

// CPU time of the wire format alone, per message: building the Frame header and serialising it
// (publisher side), and parsing it (paid once per subscriber).
struct WireCost {
  double encode_us = 0, decode_us = 0;
  std::size_t header_bytes = 0;
};

WireCost wire_cost(int iterations) {
  const auto buffer = bench::make_frame_buffer(kFrameBytes, 0);
  WireCost cost;
  std::string header;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto message = bench::make_frame_message(buffer, kWidth, kHeight, i);
    bench::stamp_send_time(message);
    message.header[field::source] = "pub";
    message.header[field::time] = to_iso8601(now_utc());
    message.header[field::delivery] = "latest";
    message.header["host"] = "bench:1:00000000";
    message.header[field::seq] = i + 1;
    header = message.header.dump();
  }
  const auto t1 = std::chrono::steady_clock::now();
  std::size_t sink = 0;
  for (int i = 0; i < iterations; ++i) sink += nlohmann::json::parse(header).size();
  const auto t2 = std::chrono::steady_clock::now();
  cost.encode_us = std::chrono::duration<double, std::micro>(t1 - t0).count() / iterations;
  cost.decode_us = std::chrono::duration<double, std::micro>(t2 - t1).count() / iterations;
  cost.header_bytes = header.size() + (sink == 0 ? 1 : 0);
  return cost;
}

long long option(int argc, char** argv, const std::string& name, long long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::stoll(argv[i + 1]);
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  o.count = option(argc, argv, "--count", o.count);
  o.warmup = option(argc, argv, "--warmup", o.warmup);
  o.interval_us = option(argc, argv, "--interval-us", o.interval_us);
  o.throughput_count = option(argc, argv, "--throughput-count", o.throughput_count);
  const auto paced = std::chrono::microseconds(o.interval_us);
  const auto flat_out = std::chrono::microseconds(0);

  const auto dir = fs::temp_directory_path() / fmt::format("platebus-bench.{}", getpid());
  fs::create_directories(dir);

  std::cout << fmt::format("bus overhead: {}x{} BGR frame ({} bytes), 1 publisher -> {} subscribers, one process\n",
                           kWidth, kHeight, kFrameBytes, kSubscribers)
            << fmt::format("latency: {} measured messages after {} warm-up, one every {} us; throughput: {} messages "
                           "flat out (lossless)\n",
                           o.count, o.warmup, o.interval_us, o.throughput_count);

  struct Row {
    std::string name;
    Figures latency, throughput;
  };
  std::vector<Row> rows;
  const auto total = o.warmup + o.count;
  const auto ttotal = o.warmup + o.throughput_count;
  std::cerr << "running baseline...\n";
  rows.push_back({"baseline cppzmq PUB->3 SUB", figures(run_baseline(total, paced), o.warmup, o.count),
                  figures(run_baseline(ttotal, flat_out), o.warmup, o.throughput_count)});
  std::cerr << "running PlateBus bus only...\n";
  rows.push_back({"PlateBus bus (proxy+wire)", figures(run_bus(total, paced), o.warmup, o.count),
                  figures(run_bus(ttotal, flat_out), o.warmup, o.throughput_count)});
  std::cerr << "running PlateBus host...\n";
  rows.push_back({"PlateBus host (plugins)",
                  figures(run_host(dir, o.warmup, o.count, paced, false, false), o.warmup, o.count),
                  figures(run_host(dir, o.warmup, o.throughput_count, flat_out, true, false), o.warmup, o.throughput_count)});
  std::cerr << "running PlateBus host, publisher isolated...\n";
  rows.push_back({"host, publisher isolated",
                  figures(run_host(dir, o.warmup, o.count, paced, false, true), o.warmup, o.count),
                  figures(run_host(dir, o.warmup, o.throughput_count, flat_out, true, true), o.warmup, o.throughput_count)});
  fs::remove_all(dir);

  const auto& base = rows.front();
  std::cout << "\nlatency, paced (microseconds, send stamp -> in the subscriber's hands; all 3 subscribers pooled)\n";
  std::cout << fmt::format("{:<28} {:>8} {:>8} {:>8} {:>9} {:>10} {:>12}\n", "path", "p50", "p90", "p99", "max",
                           "p50 ratio", "p99 ratio");
  for (const auto& r : rows) {
    std::cout << fmt::format("{:<28} {:>8.1f} {:>8.1f} {:>8.1f} {:>9.1f} {:>9.2f}x {:>11.2f}x\n", r.name, r.latency.p50,
                             r.latency.p90, r.latency.p99, r.latency.max, r.latency.p50 / base.latency.p50,
                             r.latency.p99 / base.latency.p99);
  }
  std::cout << "\nthroughput, saturated (messages/s delivered to every subscriber) and copies\n";
  std::cout << fmt::format("{:<28} {:>10} {:>8} {:>22} {:>18}\n", "path", "msg/s", "ratio",
                           "same buffer (subs)", ">=1MiB malloc/msg");
  for (const auto& r : rows) {
    const auto same = r.latency.same_pointer + r.throughput.same_pointer;
    const auto received = r.latency.received + r.throughput.received;
    std::cout << fmt::format("{:<28} {:>10.0f} {:>7.2f}x {:>12}/{:<5} ({}/{}) {:>16.0f} B\n", r.name,
                             r.throughput.throughput, base.throughput.throughput / r.throughput.throughput,
                             same, received,
                             std::min(r.latency.subscribers_all_same, r.throughput.subscribers_all_same), kSubscribers,
                             std::max(r.latency.large_bytes_per_message, r.throughput.large_bytes_per_message));
  }
  const auto wire = wire_cost(20000);
  std::cout << fmt::format("\nwire format alone (one thread): Frame header of {} bytes: build+serialise {:.1f} us, "
                           "parse {:.1f} us (x{} subscribers)\n",
                           wire.header_bytes, wire.encode_us, wire.decode_us, kSubscribers);
  std::cout << "\n(throughput ratio = baseline msg/s / path msg/s, i.e. >1 means slower than baseline)\n";
  const auto& in_process = rows[2];
  const auto& isolated = rows[3];
  std::cout << fmt::format("isolated vs in-process host: p50 latency {:.2f}x, p99 {:.2f}x, saturated msg/s {:.2f}x\n",
                           isolated.latency.p50 / in_process.latency.p50, isolated.latency.p99 / in_process.latency.p99,
                           isolated.throughput.throughput / in_process.throughput.throughput);
  for (const auto& r : rows) {
    if (r.latency.delivered_min != o.count || r.throughput.delivered_min != o.throughput_count) {
      std::cout << fmt::format("warning: {}: the worst subscriber got {}/{} paced and {}/{} saturated messages\n", r.name,
                               r.latency.delivered_min, o.count, r.throughput.delivered_min, o.throughput_count);
    }
  }
  return 0;
}
