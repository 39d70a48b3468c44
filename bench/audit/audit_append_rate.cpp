// bench_audit_append: how many audit records per second the store appends, one record per write
// transaction as the audit service does, with fsync'd commits (the durability the service promises
// before it acknowledges) and, for comparison, with MDB_NOSYNC (what the same work costs without
// waiting for the disk). Each run uses a fresh database in --folder, on the disk being measured.
//
// fsync time on a shared disk varies with whatever else writes to it, so it runs --rounds rounds
// (fsync'd and baseline alternating) and reports each and the median.
//
// Usage: bench_audit_append [--count N] [--rounds N] [--folder DIR]   (default 2000, 5, /var/tmp)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "audit_store.hpp"
#include "record_chain.hpp"

namespace {

using namespace platebus;
using namespace platebus::audit;
namespace fs = std::filesystem;

// A typical inquiry record (about 480 bytes stored).
AuditEvent sample_event(int i) {
  AuditEvent event;
  event.at = now_utc();
  event.actor = Actor{"jdoe", {"investigator"}, "a1b2c3d4e5f6", "203.0.113.7:51320"};
  event.category = audit_category::read_search;
  event.target = "POST /api/v1/reads/search";
  event.query = {{"plate", fmt::format("7ABC{:03}", i % 1000)}, {"from", "2026-11-01"}, {"to", "2026-11-28"}};
  event.case_number = "CASE-2026-0042";
  event.reason = "stolen vehicle follow-up";
  event.outcome = audit_outcome::allowed;
  event.detail = "served";
  return event;
}

struct Figures {
  double records_per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  std::uintmax_t bytes = 0;
};

Figures measure(const fs::path& folder, int count, unsigned int flags) {
  fs::remove_all(folder);
  StoreOptions options;
  options.extra_flags = flags;
  std::vector<double> latencies;
  latencies.reserve(count);
  Figures figures;
  {
    AuditStore store(folder, options);
    store.append(sample_event(0));  // creates the file: not measured
    const auto started = std::chrono::steady_clock::now();
    for (int i = 1; i <= count; ++i) {
      const auto before = std::chrono::steady_clock::now();
      store.append(sample_event(i));
      latencies.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - before).count());
    }
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    figures.records_per_second = count / seconds;
  }
  std::sort(latencies.begin(), latencies.end());
  figures.p50_us = latencies[latencies.size() / 2];
  figures.p99_us = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  figures.bytes = fs::file_size(folder / "data.mdb");
  fs::remove_all(folder);
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  int count = 2000;
  int rounds = 5;
  fs::path root = "/var/tmp";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--count") count = std::atoi(argv[i + 1]);
    else if (option == "--rounds") rounds = std::atoi(argv[i + 1]);
    else if (option == "--folder") root = argv[i + 1];
    else {
      std::cerr << "usage: bench_audit_append [--count N] [--rounds N] [--folder DIR]\n";
      return 2;
    }
  }
  if (count < 1 || rounds < 1) {
    std::cerr << "--count and --rounds must be 1 or more\n";
    return 2;
  }
  const auto folder = root / fmt::format("bench-audit-{}", ::getpid());
  std::cout << fmt::format("audit append, {} records of ~{} bytes, one write transaction each, in {}\n", count,
                           canonical_json(chain_record(sample_event(1), 1, genesis_hash())).size(), root.string());
  const auto show = [](const std::string& name, const Figures& f) {
    std::cout << fmt::format("  {:<30} {:>9.0f} records/s   p50 {:>8.1f} us   p99 {:>8.1f} us   file {} KiB\n", name,
                             f.records_per_second, f.p50_us, f.p99_us, f.bytes / 1024);
  };
  std::vector<Figures> synced, unsynced;
  for (int round = 1; round <= rounds; ++round) {
    synced.push_back(measure(folder, count, 0));
    unsynced.push_back(measure(folder, count, MDB_NOSYNC));
    show(fmt::format("round {} fsync'd commits", round), synced.back());
    show(fmt::format("round {} MDB_NOSYNC", round), unsynced.back());
  }
  const auto median = [](std::vector<Figures> runs) {
    std::sort(runs.begin(), runs.end(),
              [](const Figures& a, const Figures& b) { return a.records_per_second < b.records_per_second; });
    return runs[runs.size() / 2];
  };
  const auto synced_median = median(synced), unsynced_median = median(unsynced);
  std::cout << "median of the rounds (by rate):\n";
  show("fsync'd commits (as served)", synced_median);
  show("MDB_NOSYNC (baseline)", unsynced_median);
  std::cout << fmt::format("  durability costs {:.1f}x\n",
                           unsynced_median.records_per_second / synced_median.records_per_second);
  return 0;
}
