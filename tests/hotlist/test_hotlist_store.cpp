// Hot lists in a real LMDB database in a temporary folder: all-or-nothing imports, deletes, and
// reloading into the matcher.
#define BOOST_TEST_MODULE hotlist_store
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

#include "csv_import.hpp"
#include "hotlist_store.hpp"
#include "hotlist_test_support.hpp"

using namespace platebus::hotlist;
using hotlist_test::TempFolder;
using hotlist_test::test_now;

namespace {

HotPlateEntry hot(const std::string& plate, const std::string& list = "stolen", const std::string& state = "CA") {
  auto entry = hotlist_test::hot_entry(plate, list);
  entry.state = state;
  return entry;
}

std::size_t matches(const HotlistIndex& index, const std::string& text) {
  return index.match(text, {}, test_now()).size();
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_import_is_stored_and_reloads_into_the_matcher) {
  TempFolder folder;
  {
    HotlistStore store(folder.path());
    const auto change = store.import({hot("7ABC123"), hot("4XYZ982"), hot("8DEF456", "bolo")}, ImportMode::merge, "officer1");
    BOOST_TEST(change.added == 3u);
    BOOST_TEST(store.plate_count() == 3u);
  }
  HotlistStore store(folder.path());  // the same process shares the environment; the data is on disk
  const auto lists = store.lists();
  BOOST_REQUIRE_EQUAL(lists.size(), 2u);
  BOOST_TEST(lists[0].name == "bolo");
  BOOST_TEST(lists[0].plates == 1u);
  BOOST_TEST(lists[1].plates == 2u);
  BOOST_TEST(lists[1].updated_by == "officer1");

  const auto index = store.load_index();
  BOOST_TEST(index.size() == 3u);
  const auto found = index.match("B0EF456", {}, test_now());
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(match_kind_name(found[0].kind) == "confusable");
  BOOST_TEST((index.entry(found[0].entry) == hot("8DEF456", "bolo")));
}

BOOST_AUTO_TEST_CASE(an_invalid_entry_stores_nothing) {
  TempFolder folder;
  HotlistStore store(folder.path());
  store.import({hot("1AAA111")});
  auto bad = hot("2BBB222");
  bad.reason.clear();
  std::vector<HotPlateEntry> upload;
  for (int i = 0; i < 1000; ++i) upload.push_back(hot(std::string("C").append(std::to_string(100000 + i))));
  upload.insert(upload.begin() + 500, bad);
  BOOST_CHECK_THROW(store.import(upload), std::invalid_argument);
  BOOST_TEST(store.plate_count() == 1u);
  BOOST_TEST(store.list("stolen")->plates == 1u);
}

BOOST_AUTO_TEST_CASE(a_full_database_refuses_the_whole_upload) {
  TempFolder folder;
  platebus::lmdb_store::LmdbOptions small;
  small.map_size = 1 << 20;  // 1 MiB: a few thousand plates at most
  HotlistStore store(folder.path(), small);
  store.import({hot("1AAA111")});
  std::vector<HotPlateEntry> upload;
  for (int i = 0; i < 50000; ++i) upload.push_back(hot(std::string("C").append(std::to_string(100000 + i))));
  for (int attempt = 0; attempt < 5; ++attempt) {  // refused each time, never a crash
    try {
      store.import(upload);
      BOOST_FAIL("a 50,000-plate upload fitted in 1 MiB");
    } catch (const std::runtime_error& e) {
      BOOST_TEST(std::string(e.what()).find("nothing was changed") != std::string::npos);
      BOOST_TEST(std::string(e.what()).find("raise map_size_mib") != std::string::npos);
    }
  }
  BOOST_TEST(store.plate_count() == 1u);
  BOOST_TEST(store.load_index().size() == 1u);
  store.import({hot("2BBB222")});  // what fits is still stored
  BOOST_TEST(store.plate_count() == 2u);
}

BOOST_AUTO_TEST_CASE(a_refused_csv_leaves_the_store_untouched) {
  TempFolder folder;
  HotlistStore store(folder.path());
  const auto result = import_csv(
      "plate,state,category,reason,list,case_number,expires\n"
      "7ABC123,CA,stolen_vehicle,stolen,stolen,,\n"
      "8DEF456,CA,stolen_vehicle,RO: John Smith,stolen,,\n",
      hotlist_test::options());
  BOOST_TEST(!result.accepted());
  if (result.accepted()) store.import(result.plates);
  BOOST_TEST(store.plate_count() == 0u);
}

BOOST_AUTO_TEST_CASE(merging_replaces_the_same_plate_and_state) {
  TempFolder folder;
  HotlistStore store(folder.path());
  store.import({hot("7ABC123"), hot("7ABC123", "stolen", "NV")});
  auto updated = hot("7ABC123");
  updated.reason = "recovered? still wanted";
  const auto change = store.import({updated, hot("9ZZZ999")});
  BOOST_TEST(change.added == 1u);
  BOOST_TEST(change.replaced == 1u);
  BOOST_TEST(store.list("stolen")->plates == 3u);
  const auto found = store.find_plate("7abc-123");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  BOOST_TEST(found[0].reason == "recovered? still wanted");
  BOOST_TEST(found[1].state == "NV");
}

BOOST_AUTO_TEST_CASE(replacing_a_list_drops_its_old_plates_only) {
  TempFolder folder;
  HotlistStore store(folder.path());
  store.import({hot("1AAA111", "daily"), hot("2BBB222", "daily"), hot("3CCC333", "bolo")});
  const auto change = store.import({hot("4DDD444", "daily")}, ImportMode::replace_lists);
  BOOST_TEST(change.removed == 2u);
  BOOST_TEST(change.added == 1u);
  BOOST_TEST(store.list("daily")->plates == 1u);
  BOOST_TEST(store.plate_count() == 2u);
  const auto index = store.load_index();
  BOOST_TEST(matches(index, "1AAA111") == 0u);
  BOOST_TEST(matches(index, "4DDD444") == 1u);
  BOOST_TEST(matches(index, "3CCC333") == 1u);
}

BOOST_AUTO_TEST_CASE(deleting_a_plate_and_a_list) {
  TempFolder folder;
  HotlistStore store(folder.path());
  store.import({hot("7ABC123"), hot("7ABC123", "stolen", "NV"), hot("7ABC124"), hot("7ABC123", "bolo"),
                hot("8DEF456", "bolo")});

  BOOST_TEST(store.delete_plate("stolen", "7ABC123", std::string_view("NV")).removed == 1u);
  BOOST_TEST(store.delete_plate("stolen", "7ABC123", std::string_view("NV")).removed == 0u);
  BOOST_TEST(store.delete_plate("stolen", "7abc 123").removed == 1u, "without a state: every state");
  BOOST_TEST(store.list("stolen")->plates == 1u);
  auto index = store.load_index();
  BOOST_REQUIRE_EQUAL(index.match("7ABC123", {}, test_now()).size(), 1u);
  BOOST_TEST(index.entry(index.match("7ABC123", {}, test_now())[0].entry).list == "bolo");
  BOOST_TEST(matches(index, "7ABC124") == 1u, "a neighbouring plate stays");

  BOOST_TEST(store.delete_list("bolo").removed == 2u);
  BOOST_TEST(!store.list("bolo"));
  BOOST_TEST(store.delete_list("bolo").removed == 0u);
  BOOST_TEST(store.plate_count() == 1u);
  index = store.load_index();
  BOOST_TEST(matches(index, "7ABC123") == 0u);
  BOOST_TEST(matches(index, "8DEF456") == 0u);
}

BOOST_AUTO_TEST_CASE(a_list_can_be_browsed_page_by_page) {
  TempFolder folder;
  HotlistStore store(folder.path());
  std::vector<HotPlateEntry> plates;
  for (int i = 0; i < 25; ++i) plates.push_back(hot(std::string("P").append(std::to_string(1000 + i)), "paged"));
  plates.push_back(hot("Q1000", "pagedx"));  // a list whose name starts like the other
  store.import(plates);
  const auto page = store.plates_in_list("paged", 20, 10);
  BOOST_REQUIRE_EQUAL(page.size(), 5u);
  BOOST_TEST(page[0].plate == "P1020");
  BOOST_TEST(page[4].plate == "P1024");
}

BOOST_AUTO_TEST_CASE(a_large_shuffled_upload_is_stored_whole_and_in_plate_order) {
  // Large enough to be sorted and checked on two threads (two_halves.hpp).
  TempFolder folder;
  HotlistStore store(folder.path());
  std::vector<HotPlateEntry> plates;
  const std::vector<std::string> lists = {"stolen", "bolo", "amber"}, states = {"CA", "", "NV"};
  for (int i = 0; i < 90'000; ++i) {
    auto entry = hot("", lists[static_cast<std::size_t>(i) % 3], states[static_cast<std::size_t>(i / 3) % 3]);
    // Plates spread over the alphabet, written out of order; some partial patterns among them.
    const int n = (i * 7919) % 90'000;
    entry.plate = std::string(1, static_cast<char>('A' + n % 26)) + std::to_string(100000 + n) + (i % 1000 == 0 ? "*" : "");
    entry.reason = "reason " + std::to_string(i);
    plates.push_back(entry);
  }
  BOOST_TEST(store.import(plates, ImportMode::merge, "officer1").added == 90'000u);
  for (const auto& list : lists) {
    std::vector<HotPlateEntry> expected;
    std::copy_if(plates.begin(), plates.end(), std::back_inserter(expected), [&](const auto& e) { return e.list == list; });
    std::sort(expected.begin(), expected.end(),
              [](const auto& a, const auto& b) { return std::tie(a.plate, a.state) < std::tie(b.plate, b.state); });
    const auto stored = store.plates_in_list(list, 0, 100'000);
    BOOST_REQUIRE_EQUAL(stored.size(), expected.size());
    BOOST_TEST((stored == expected), "list " << list << " comes back whole, in plate order");
    BOOST_TEST(store.list(list)->plates == expected.size());
  }
}

BOOST_AUTO_TEST_CASE(a_million_plates_import_and_reload_quickly) {
  TempFolder folder;
  HotlistStore store(folder.path());
  std::vector<HotPlateEntry> plates;
  plates.reserve(1'000'000);
  char text[16];
  for (int i = 0; i < 1'000'000; ++i) {
    std::snprintf(text, sizeof text, "%c%c%06d", 'A' + i % 26, 'A' + (i / 26) % 26, i);
    plates.push_back(hot(text, i % 2 ? "stolen" : "daily"));
  }
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST(store.import(plates).added == 1'000'000u);
  const auto imported = std::chrono::steady_clock::now();
  const auto index = store.load_index();
  const auto loaded = std::chrono::steady_clock::now();
  BOOST_TEST(index.size() == 1'000'000u);
  BOOST_TEST(matches(index, "AA000000") == 1u);
  const auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };
  BOOST_TEST_MESSAGE("store 1M: " << seconds(imported - started) << " s, load 1M: " << seconds(loaded - imported) << " s");
  BOOST_TEST(seconds(loaded - imported) < 2.0);
}
