// Hot-list figures for docs/benchmarks.md: matching cost per read with 1M hot plates (p50, p99,
// mean, against a naive baseline), import of a 1M-row CSV, and loading 1M plates from LMDB.
//   cmake --build build-hotlist --target bench_hotlist && build-hotlist/bin/bench_hotlist [DB_FOLDER]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "csv_import.hpp"
#include "hotlist_index.hpp"
#include "hotlist_store.hpp"
#include "naive_matcher.hpp"

using namespace platebus::hotlist;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kPlates = 1'000'000;
constexpr std::size_t kPartial = 1'000;  // wildcard entries among them
constexpr std::size_t kReads = 200'000;
constexpr std::string_view kSymbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kNotConfusable = "34679ACEFHJKMNPRUVWXY";  // in no default group

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string random_plate(std::mt19937_64& random) {
  std::uniform_int_distribution<std::size_t> symbol(0, kSymbols.size() - 1), letter(10, 35), digit(0, 9), kind(0, 3);
  std::string plate;
  if (kind(random) < 3) {  // California style 9ABC123
    plate += kSymbols[1 + digit(random) % 9];
    for (int i = 0; i < 3; ++i) plate += kSymbols[letter(random)];
    for (int i = 0; i < 3; ++i) plate += kSymbols[digit(random)];
  } else {  // anything from 5 to 8 characters
    const std::size_t length = 5 + kind(random);
    for (std::size_t i = 0; i < length; ++i) plate += kSymbols[symbol(random)];
  }
  return plate;
}

struct BenchRead {
  std::string best;
  std::vector<std::string> alternatives;
  std::vector<std::string_view> alternative_views;
};

// 10 % exact hits, 5 % hits by an alternative, 5 % by a confusion, 80 % misses; 2-3 alternatives each.
std::vector<BenchRead> make_reads(const std::vector<std::string>& hot, std::mt19937_64& random) {
  const auto defaults = ConfusableTable::defaults();
  std::uniform_int_distribution<std::size_t> pick(0, hot.size() - 1), percent(0, 99), extra(2, 3);
  std::vector<BenchRead> reads(kReads);
  for (auto& read : reads) {
    const auto roll = percent(random);
    const auto& target = hot[pick(random)];
    std::uniform_int_distribution<std::size_t> place(0, target.size() - 1);
    if (roll < 10) {
      read.best = target;
    } else if (roll < 15) {
      read.best = target;
      read.best[place(random)] = kNotConfusable[random() % kNotConfusable.size()];
      read.alternatives.push_back(target);
    } else if (roll < 20) {
      read.best = target;
      for (auto& c : read.best) {
        const auto group = defaults.group_of(c);
        if (group.size() > 1) {
          c = group[(group.find(c) + 1) % group.size()];
          break;
        }
      }
    } else {
      read.best = random_plate(random);
    }
    for (std::size_t n = extra(random); read.alternatives.size() < n;) {
      auto alternative = read.best;
      alternative[random() % alternative.size()] = kSymbols[random() % kSymbols.size()];
      read.alternatives.push_back(alternative);
    }
    for (const auto& alternative : read.alternatives) read.alternative_views.push_back(alternative);
  }
  return reads;
}

std::string partial_pattern(std::string plate, std::mt19937_64& random) {
  if (random() % 2) plate[1 + random() % (plate.size() - 1)] = '?';
  else plate = "*" + plate.substr(plate.size() - 4);
  return plate;
}

void report_latency(const char* name, std::vector<double>& nanos, double total_seconds) {
  std::sort(nanos.begin(), nanos.end());
  std::printf("%-32s p50 %8.2f us   p99 %8.2f us   max %8.2f us   mean %8.3f us (loop without timers)\n", name,
              nanos[nanos.size() / 2] / 1000, nanos[nanos.size() * 99 / 100] / 1000, nanos.back() / 1000,
              total_seconds * 1e6 / static_cast<double>(nanos.size()));
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path folder =
      argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path() / "platebus-bench-hotlist";
  std::filesystem::remove_all(folder);
  std::mt19937_64 random(20261128);
  const auto now = platebus::parse_iso8601("2026-11-28T12:00:00Z");

  std::vector<std::string> plates;
  plates.reserve(kPlates);
  for (std::size_t i = 0; i < kPlates; ++i) plates.push_back(random_plate(random));

  // 1. A 1M-row CSV: parsed, checked (rules and personal data), then stored in one transaction.
  std::string csv = "plate,state,category,reason,list,case_number,expires\n";
  csv.reserve(kPlates * 64);
  for (std::size_t i = 0; i < kPlates; ++i) {
    const auto plate = i < kPartial ? partial_pattern(plates[i], random) : plates[i];
    csv += plate + ",CA," + (i % 7 ? "stolen_vehicle" : "felony_vehicle") + ",stolen from lot " +
           std::to_string(i % 50) + ",daily," + (i % 3 ? "" : "26-" + std::to_string(i)) + "," +
           (i % 5 ? "" : "2027-06-30") + "\n";
  }
  ImportOptions options;
  options.added_by = "bench";
  options.now = now;
  auto started = Clock::now();
  const auto upload = import_csv(csv, options);
  const double parse_seconds = seconds_since(started);
  if (!upload.accepted()) {
    std::fprintf(stderr, "%s", upload.report().c_str());
    return 1;
  }
  HotlistStore store(folder);
  started = Clock::now();
  const auto change = store.import(upload.plates, ImportMode::replace_lists, "bench");
  const double store_seconds = seconds_since(started);
  std::printf("CSV of %zu rows (%.1f MB): parse+check %.3f s, store in LMDB %.3f s, total %.3f s (%zu plates, %zu merged)\n",
              kPlates, static_cast<double>(csv.size()) / 1e6, parse_seconds, store_seconds,
              parse_seconds + store_seconds, change.added, upload.duplicates_merged);

  // 2. Start-up: every plate from LMDB into a new matcher.
  started = Clock::now();
  const auto index = store.load_index();
  std::printf("load %zu plates from LMDB into the matcher: %.3f s (%zu partial entries)\n", index.size(),
              seconds_since(started), index.partial_count());

  // 3. Matching.
  const auto reads = make_reads(plates, random);
  std::size_t hits = 0, by_kind[4] = {};
  std::vector<double> nanos;
  nanos.reserve(kReads);
  for (const auto& read : reads) {  // warm-up, and the hit mix
    for (const auto& match : index.match(read.best, read.alternative_views, now)) ++by_kind[static_cast<int>(match.kind)];
  }
  started = Clock::now();
  for (const auto& read : reads) hits += index.match(read.best, read.alternative_views, now).size();
  const double index_total = seconds_since(started);
  for (const auto& read : reads) {
    const auto t0 = Clock::now();
    hits += index.match(read.best, read.alternative_views, now).size();
    nanos.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
  }
  std::printf("%zu reads (best + 2-3 alternatives): exact %zu, alternative %zu, confusable %zu, partial %zu matches\n",
              kReads, by_kind[0], by_kind[1], by_kind[2], by_kind[3]);
  report_latency("canonical-form index:", nanos, index_total);

  // 4. Baseline: every confusable variant of each text probed in an unordered_set.
  bench::NaiveMatcher naive(ConfusableTable::defaults());
  naive.reserve(kPlates);
  for (std::size_t i = kPartial; i < kPlates; ++i) naive.add(plates[i]);
  std::vector<std::string_view> texts;
  nanos.clear();
  started = Clock::now();
  for (const auto& read : reads) {
    texts.assign(read.alternative_views.begin(), read.alternative_views.end());
    texts.push_back(read.best);
    hits += naive.count_hits(texts);
  }
  const double naive_total = seconds_since(started);
  for (const auto& read : reads) {
    const auto t0 = Clock::now();
    texts.assign(read.alternative_views.begin(), read.alternative_views.end());
    texts.push_back(read.best);
    hits += naive.count_hits(texts);
    nanos.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
  }
  report_latency("naive variants + unordered_set:", nanos, naive_total);
  std::printf("speed-up of the mean: %.1fx   (checksum %zu)\n", naive_total / index_total, hits);
  std::filesystem::remove_all(folder);
  return 0;
}
