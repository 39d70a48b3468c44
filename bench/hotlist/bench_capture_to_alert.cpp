// Capture to alert, end to end through the host (issue 5): capture.synthetic renders 1920x1080 frames
// at 10 fps with unique plates, some of them on a 1,000,000-plate hot list; a recognizer
// (recognize.neural unless named) reads them; match.hotlist matches and publishes hits; bench.alert_probe notes when reads and hits
// arrive. Reports p50/p99 from the frame's capture time to the hit's arrival, split into capture ->
// read (recognition) and read -> hit (matching and delivery), and the frames dropped on the way.
//   cmake --build build-hotlist --target bench_capture_to_alert -j2
//   OMP_THREAD_LIMIT=1 build-hotlist/bin/bench_capture_to_alert [SECONDS] [WORKERS] [RECOGNIZER]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hotlist_store.hpp"
#include "runtime/host.hpp"

using namespace platebus;
using namespace platebus::hotlist;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kHotListSize = 1'000'000;
constexpr double kFps = 10;
constexpr auto kWarmUp = std::chrono::seconds(5);  // not measured: the 1M-plate index loads, workers start

// Unique plates in the California style (digit, three letters, three digits): one car per frame.
std::vector<std::string> camera_plates(std::size_t count) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> digit(0, 9), letter(0, 25);
  std::vector<std::string> plates;
  std::set<std::string> seen;
  while (plates.size() < count) {
    std::string plate(1, static_cast<char>('1' + digit(random) % 9));
    for (int i = 0; i < 3; ++i) plate += static_cast<char>('A' + letter(random));
    for (int i = 0; i < 3; ++i) plate += static_cast<char>('0' + digit(random));
    if (seen.insert(plate).second) plates.push_back(plate);
  }
  return plates;
}

HotPlateEntry hot_entry(const std::string& plate, const std::string& list) {
  HotPlateEntry entry;
  entry.plate = plate;
  entry.category = Category::stolen_vehicle;
  entry.reason = "stolen from lot 4";
  entry.list = list;
  entry.source = "upload";
  entry.added_by = "bench";
  entry.added_at = now_utc();
  return entry;
}

// The hot list: every other camera plate, and random other plates up to a million.
void seed_hot_list(const fs::path& database, const std::vector<std::string>& hot) {
  std::vector<HotPlateEntry> entries;
  entries.reserve(kHotListSize);
  for (const auto& plate : hot) entries.push_back(hot_entry(plate, "bench-hot"));
  const std::string symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (std::size_t i = 0; entries.size() < kHotListSize; ++i) {
    std::string plate = "Z";  // no camera plate starts with Z
    for (std::size_t n = i, k = 0; k < 6; ++k, n /= 36) plate += symbols[n % 36];
    entries.push_back(hot_entry(plate, "bulk"));
  }
  HotlistStore store(database);
  store.import(entries);
}

double ms_between(const std::string& from, const std::string& to) {
  return std::chrono::duration<double, std::milli>(parse_iso8601(to) - parse_iso8601(from)).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

void print_line(const char* what, const std::vector<double>& values) {
  std::printf("  %-38s n=%-4zu p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms\n", what, values.size(),
              percentile(values, 50), percentile(values, 99), values.empty() ? 0.0 : *std::max_element(values.begin(), values.end()));
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 60;
  const int workers = argc > 2 ? std::atoi(argv[2]) : 2;
  const std::string recognizer = argc > 3 ? argv[3] : "recognize.neural";
  ::setenv("OMP_THREAD_LIMIT", "1", 0);  // Tesseract's OpenMP threads would fight the workers
  const auto folder = fs::temp_directory_path() / fmt::format("platebus-bench-alert-{}", std::random_device{}());
  fs::create_directories(folder);

  const auto plates = camera_plates(static_cast<std::size_t>((seconds + 5) * kFps) + 50);
  std::vector<std::string> hot;
  for (std::size_t i = 0; i < plates.size(); i += 2) hot.push_back(plates[i]);
  auto started = std::chrono::steady_clock::now();
  seed_hot_list(folder / "hotlist", hot);
  std::printf("hot list: %zu plates (%zu of them on camera) stored in %.2f s\n", kHotListSize, hot.size(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

  std::string plate_list;
  for (const auto& plate : plates) plate_list += (plate_list.empty() ? "" : ", ") + plate;
  const auto yaml = fmt::format(
      "log: {{level: warn}}\nplugin_path: [{}]\ninstances:\n"
      "  - id: cam\n    use: capture.synthetic\n    config: {{plates: [{}], fps: {}, width: 1920, height: 1080, "
      "infrared: true}}\n    publish: {{frames: frames.cam}}\n"
      "  - id: reader\n    use: {}\n    config: {{workers: {}}}\n"
      "    subscribe: {{frames: frames.}}\n    publish: {{reads: bench.reads, results: bench.results}}\n"
      "  - id: hotlist\n    use: match.hotlist\n    config: {{database: {}}}\n"
      "    subscribe: {{reads: bench.reads}}\n    publish: {{hits: bench.hits}}\n"
      "  - id: probe\n    use: bench.alert_probe\n    config: {{file: {}}}\n    subscribe: {{in: bench.}}\n",
      PLATEBUS_BENCH_PLUGIN_DIR, plate_list, kFps, recognizer, workers, (folder / "hotlist").string(),
      (folder / "probe.jsonl").string());
  std::ofstream(folder / "deployment.yaml") << yaml;

  Timestamp measured_from{};
  {
    host::Host host;
    host::Diagnostics diagnostics;
    started = std::chrono::steady_clock::now();
    if (!host.start(folder / "deployment.yaml", diagnostics)) {
      std::fprintf(stderr, "%s\n", diagnostics.to_string().c_str());
      return 2;
    }
    std::printf("host started in %.2f s (match.hotlist loads its 1M-plate index during the warm-up)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    measured_from = now_utc() + kWarmUp;
    std::this_thread::sleep_for(kWarmUp + std::chrono::seconds(seconds));
    const auto frames = host.stats().of("frames.cam");
    host.stop();
    std::printf("frames published: %llu, dropped on the bus (latest delivery): %llu\n",
                static_cast<unsigned long long>(frames.messages), static_cast<unsigned long long>(frames.drops));
  }

  std::map<std::string, std::string> first_read_arrival;  // read_id -> arrival of its first read
  std::map<std::string, std::string> read_arrival;        // read_id + capture time -> arrival of that read
  std::vector<double> capture_to_read, capture_to_hit, read_to_hit, frame_ms;
  std::size_t results = 0, queue_drops = 0, reads = 0, hits = 0, hot_reads = 0;
  std::map<std::string, std::size_t> kinds;
  std::set<std::string> hot_set(hot.begin(), hot.end()), hot_seen;
  std::vector<nlohmann::json> lines;
  std::ifstream in(folder / "probe.jsonl");
  for (std::string text; std::getline(in, text);) lines.push_back(nlohmann::json::parse(text));
  // Each read's arrival first: the probe takes reads and hits from two topics, not always in order.
  for (const auto& line : lines)
    if (line["type"] == "PlateRead")
      read_arrival.emplace(line["read_id"].get<std::string>() + line["captured_at"].get<std::string>(),
                           line["arrived"].get<std::string>());
  std::size_t hits_before_read = 0, hits_without_read = 0;
  for (const auto& line : lines) {
    const auto type = line["type"].get<std::string>();
    if (type == "FrameResult") {
      ++results;
      frame_ms.push_back(line["total_ms"].get<double>());
      queue_drops = std::max<std::size_t>(queue_drops, line["queue_drops"].get<std::size_t>());
    } else if (parse_iso8601(line["captured_at"].get<std::string>()) < measured_from) {
      continue;  // warm-up: the index is still loading and the workers are starting
    } else if (type == "PlateRead") {
      ++reads;
      const auto id = line["read_id"].get<std::string>();
      if (!first_read_arrival.contains(id)) {
        first_read_arrival[id] = line["arrived"].get<std::string>();
        capture_to_read.push_back(ms_between(line["captured_at"], line["arrived"]));
      }
      if (hot_set.contains(line["text"].get<std::string>())) hot_seen.insert(line["text"].get<std::string>());
    } else if (type == "Hit") {
      ++hits;
      ++kinds[line["match_kind"].get<std::string>()];
      capture_to_hit.push_back(ms_between(line["captured_at"], line["arrived"]));
      // The read that raised it: same pass, same frame.
      const auto key = line["read_id"].get<std::string>() + line["captured_at"].get<std::string>();
      if (const auto it = read_arrival.find(key); it != read_arrival.end()) {
        const auto ms = ms_between(it->second, line["arrived"]);
        if (ms < 0) ++hits_before_read;
        read_to_hit.push_back(ms);
      } else {
        ++hits_without_read;
      }
    }
  }
  hot_reads = hot_seen.size();
  std::printf("measured over %d s after a %lld s warm-up\n", seconds, static_cast<long long>(kWarmUp.count()));
  std::printf("frames recognized: %zu (%.1f fps), dropped by the recognizer's queue: %zu (whole run)\n", results,
              results / static_cast<double>(seconds + kWarmUp.count()), queue_drops);
  std::printf("reads: %zu (%zu passes); hot plates read exactly: %zu; hits: %zu (", reads, first_read_arrival.size(),
              hot_reads, hits);
  for (const auto& [kind, count] : kinds) std::printf("%s %zu ", kind.c_str(), count);
  std::printf(")\n");
  print_line("recognition time per frame", frame_ms);
  print_line("capture -> first read at subscriber", capture_to_read);
  print_line("capture -> hit at subscriber", capture_to_hit);
  print_line("read -> hit at subscriber", read_to_hit);
  std::printf("  (hits that reached the probe before their read: %zu; hits whose read it never saw: %zu)\n",
              hits_before_read, hits_without_read);
  std::error_code ignored;
  fs::remove_all(folder, ignored);
  return 0;
}
