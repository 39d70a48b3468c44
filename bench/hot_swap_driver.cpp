// bench_hot_swap_driver: starts a Host and reloads between two deployment files N times, swapping
// the instance "cam" between capture.synthetic and test.counter while a test.recorder downstream
// keeps running (it must stay the same instance throughout). Meant to run under valgrind or
// LeakSanitizer; it checks along the way that frames keep reaching the recorder.
//
// Usage: bench_hot_swap_driver [SWAPS=100] [DWELL_MS=30]
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "runtime/host.hpp"

namespace fs = std::filesystem;
using namespace platebus::host;

namespace {

std::size_t line_count(const fs::path& file) {
  std::ifstream in(file);
  std::size_t lines = 0;
  std::string line;
  while (std::getline(in, line)) ++lines;
  return lines;
}

// How many distinct plugin libraries of `name` are mapped right now (a library dlclose really
// unloaded is gone from /proc/self/maps; one that stays resident keeps its mapping).
int mapped(const std::string& name) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  std::set<std::string> inodes;
  while (std::getline(maps, line))
    if (line.find(name) != std::string::npos) {
      std::istringstream fields(line);
      std::string range, perms, offset, device, inode;
      fields >> range >> perms >> offset >> device >> inode;
      inodes.insert(device + ":" + inode);
    }
  return static_cast<int>(inodes.size());
}

long rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  return 0;
}

void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

}  // namespace

int main(int argc, char** argv) {
  const int swaps = argc > 1 ? std::stoi(argv[1]) : 100;
  const auto dwell = std::chrono::milliseconds(argc > 2 ? std::stoi(argv[2]) : 30);
  const auto dir = fs::temp_directory_path() / fmt::format("platebus-hotswap.{}", getpid());
  fs::create_directories(dir);
  const auto recorded = dir / "recorded.txt";

  const std::string head = fmt::format("plugin_path: {}\nlog: {{level: warn}}\ninstances:\n", PLATEBUS_TEST_PLUGIN_DIR);
  const std::string recorder = fmt::format(
      "  - id: recorder\n    use: test.recorder\n    config: {{file: {}}}\n    subscribe: {{in: frames.}}\n",
      recorded.string());
  const auto synthetic = dir / "synthetic.yaml";
  const auto counter = dir / "counter.yaml";
  write(synthetic, head +
                       "  - id: cam\n    use: capture.synthetic\n"
                       "    config: {fps: 30, width: 320, height: 240}\n    publish: {frames: frames.cam}\n" +
                       recorder);
  write(counter, head +
                     "  - id: cam\n    use: test.counter\n    config: {interval: 2ms, payload_bytes: 1000}\n"
                     "    publish: {out: frames.cam}\n" +
                     recorder);

  int failures = 0;
  int most_synthetic = 0, most_counter = 0;
  long rss_after_first = 0, rss_after_last = 0;
  {
    Host host;
    Diagnostics diagnostics;
    if (!host.start(counter, diagnostics)) {
      std::cerr << diagnostics.to_string();
      return 2;
    }
    auto* kept = host.instance("recorder");
    for (int i = 0; i < swaps; ++i) {
      const auto before = line_count(recorded);
      Diagnostics reload_diagnostics;
      const auto& next = (i % 2 == 0) ? synthetic : counter;
      if (!host.reload(next, reload_diagnostics)) {
        std::cerr << "reload " << i << " refused:\n" << reload_diagnostics.to_string();
        ++failures;
        continue;
      }
      if (host.instance("recorder") != kept) {
        std::cerr << "reload " << i << ": the recorder was restarted\n";
        ++failures;
      }
      // Let the new driver deliver something before the next swap.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      std::this_thread::sleep_for(dwell);
      while (line_count(recorded) == before && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      if (line_count(recorded) == before) {
        std::cerr << "reload " << i << ": nothing reached the recorder within 10 s\n";
        ++failures;
      }
      most_synthetic = std::max(most_synthetic, mapped("capture_synthetic.so"));
      most_counter = std::max(most_counter, mapped("test_counter.so"));
      if (i == 1) rss_after_first = rss_kb();
      rss_after_last = rss_kb();
    }
    host.stop();
  }
  std::cout << fmt::format("hot swap: {} reloads, {} messages recorded, {} failure(s)\n", swaps, line_count(recorded),
                           failures)
            << fmt::format("mapped at once (most): capture_synthetic.so {}, test_counter.so {}; after host.stop(): {}, {}\n",
                           most_synthetic, most_counter, mapped("capture_synthetic.so"), mapped("test_counter.so"))
            << fmt::format("VmRSS after reload 2: {} kB, after reload {}: {} kB\n", rss_after_first, swaps,
                           rss_after_last);
  fs::remove_all(dir);
  return failures == 0 ? 0 : 1;
}
