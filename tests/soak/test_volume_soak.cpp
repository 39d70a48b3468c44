// The volume soak (issue 17): what a day at 16 reads/s brings (about 1.4 million reads), pushed
// through the real host faster than real time: test.read_pump -> match.hotlist (a 100,500-plate hot
// list; one read in 100 is hot) -> alert.terminal (banner to a file, images saved) and test.tally.
// Asserts that nothing lossless is lost or dropped, every hot read raises exactly one hit that
// reaches the alert, and the heap does not grow after the warm-up. CI runs one minute; by hand:
//   build/bin/test_volume_soak -- --reads 1400000 --for 0
#define BOOST_TEST_MODULE volume_soak
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "hotlist_store.hpp"
#include "hotlist_test_support.hpp"
#include "platebus/time.hpp"
#include "process_memory.hpp"
#include "runtime/host.hpp"
#include "soak_plates.hpp"
#include "soak_settings.hpp"
#include "test_support.hpp"

namespace {

using namespace platebus;
namespace fs = std::filesystem;

constexpr long long kHotEvery = 100;
constexpr long long kHotPlates = 500;
constexpr std::size_t kOtherListedPlates = 100'000;
// The heap may settle a little after the warm-up (allocator pools, the dedupe memory filling to its
// window); a leak of even 100 bytes a read would pass this by far in a two-minute run's 300,000 reads.
constexpr long long kHeapGrowthLimitKb = 48 * 1024;

// The plates test.read_pump shows as hot (H...), and many others no read shows (K...).
void seed_hot_list(const fs::path& database) {
  std::vector<hotlist::HotPlateEntry> entries;
  for (std::size_t i = 0; i < kHotPlates; ++i) entries.push_back(hotlist_test::hot_entry(soak::soak_plate('H', static_cast<long long>(i)), "soak-hot"));
  for (std::size_t i = 0; i < kOtherListedPlates; ++i) entries.push_back(hotlist_test::hot_entry(soak::soak_plate('K', static_cast<long long>(i)), "bulk"));
  hotlist::HotlistStore(database).import(entries);
}

std::string deployment(const test::TempDir& dir, long long reads) {
  return fmt::format(R"(log: {{level: warn}}
plugin_path: [{plugins}]
instances:
  - id: pump
    use: test.read_pump
    config: {{count: {reads}, hot_every: {hot_every}, hot_plates: {hot_plates}}}
    publish: {{reads: soak.reads}}
  - id: matcher
    use: match.hotlist
    config: {{database: {dir}/hotlists}}
    subscribe: {{reads: soak.reads}}
    publish: {{hits: soak.hits}}
  - id: alert
    use: alert.terminal
    config: {{output: {dir}/banners.txt, bell: false, image_folder: {dir}/alert-images}}
    subscribe: {{hits: soak.hits}}
  - id: tally
    use: test.tally
    config: {{file: {dir}/tally.json}}
    subscribe: {{in: soak.}}
)",
                     fmt::arg("plugins", test::test_plugin_dir("good").string()), fmt::arg("reads", reads),
                     fmt::arg("hot_every", kHotEvery), fmt::arg("hot_plates", kHotPlates),
                     fmt::arg("dir", dir.path().string()));
}

long long tallied(const fs::path& file, const std::string& type) {
  if (!fs::exists(file)) return 0;
  return nlohmann::json::parse(test::read_file(file)).value(type, 0LL);
}

std::size_t files_in(const fs::path& folder) {
  std::size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++count;
  return count;
}

double mib(long long kb) { return static_cast<double>(kb) / 1024.0; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_day_of_reads_loses_nothing_and_the_heap_stays_flat) {
  auto& suite = boost::unit_test::framework::master_test_suite();
  const auto settings = soak::SoakSettings::from_arguments(suite.argc, suite.argv);
  test::TempDir dir;
  fs::create_directories(dir / "alert-images");
  fs::permissions(dir / "alert-images", fs::perms::owner_all);  // alert.terminal refuses a folder others may open
  seed_hot_list(dir / "hotlists");
  test::write_file(dir / "soak.yaml", deployment(dir, settings.reads));

  host::Host host;
  host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(dir / "soak.yaml", diagnostics), diagnostics.to_string());
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::steady_clock::now() - started; };
  std::optional<soak::ProcessMemory> after_warm_up;
  long long peak_anon_kb = 0, peak_rss_kb = 0;
  while (true) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const auto memory = soak::ProcessMemory::now();
    if (!after_warm_up && elapsed() >= settings.warm_up) after_warm_up = memory;
    peak_anon_kb = std::max(peak_anon_kb, memory.anon_kb);
    peak_rss_kb = std::max(peak_rss_kb, memory.rss_kb);
    const bool all_read = settings.reads > 0 && tallied(dir / "tally.json", "PlateRead") >= settings.reads;
    if (all_read || (settings.duration.count() > 0 && elapsed() >= settings.duration)) break;
  }
  const auto at_end = soak::ProcessMemory::now();
  const auto seconds = std::chrono::duration<double>(elapsed()).count();
  host.stop();  // the pump first, then everything it fed is drained

  const auto reads = host.stats().of("soak.reads");
  const auto hits = host.stats().of("soak.hits");
  const auto expected_hits = (static_cast<long long>(reads.messages) + kHotEvery - 1) / kHotEvery;
  const auto tally = dir / "tally.json";
  fmt::print("volume soak: {} reads in {:.0f} s ({:.0f} reads/s, {:.2f} days at 16 reads/s), {} hits; drops: reads {}, "
             "hits {}\n  heap (RssAnon): {:.1f} MiB after the {}s warm-up, {:.1f} MiB at the end, peak {:.1f} MiB; "
             "VmRSS (with mapped LMDB pages): {:.1f} MiB at the end, peak {:.1f} MiB\n",
             reads.messages, seconds, static_cast<double>(reads.messages) / seconds,
             static_cast<double>(reads.messages) / (16.0 * 86400.0), hits.messages, reads.drops, hits.drops,
             mib(after_warm_up ? after_warm_up->anon_kb : 0), settings.warm_up.count(), mib(at_end.anon_kb),
             mib(peak_anon_kb), mib(at_end.rss_kb), mib(peak_rss_kb));

  if (settings.reads > 0) BOOST_TEST(static_cast<long long>(reads.messages) == settings.reads);
  BOOST_TEST(reads.drops == 0u);
  BOOST_TEST(hits.drops == 0u);
  BOOST_TEST(tallied(tally, "PlateRead") == static_cast<long long>(reads.messages));
  BOOST_TEST(static_cast<long long>(hits.messages) == expected_hits);
  BOOST_TEST(tallied(tally, "Hit") == expected_hits);
  BOOST_TEST(static_cast<long long>(files_in(dir / "alert-images")) == 2 * expected_hits);  // plate + overview
  BOOST_REQUIRE(after_warm_up.has_value());
  BOOST_TEST(peak_anon_kb - after_warm_up->anon_kb < kHeapGrowthLimitKb);
}
