// The matcher the reading thread uses: changes match at once through the overlay, before the full
// index is rebuilt, and the overlay is forgotten once a rebuild reflects them; the dedupe window.
#define BOOST_TEST_MODULE hotlist_live_matcher
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <mutex>
#include <thread>

#include <atomic>

#include "hit_dedupe.hpp"
#include "hotlist_test_support.hpp"
#include "matcher_holder.hpp"

using namespace platebus;
using namespace platebus::hotlist;
using namespace std::chrono_literals;

namespace {

HotPlateEntry entry(const std::string& plate, const std::string& list = "bolo", const std::string& state = "") {
  auto e = hotlist_test::hot_entry(plate, list, now_utc());
  e.state = state;
  e.category = Category::bolo;
  e.reason = "seen at the robbery";
  return e;
}

std::vector<std::string> plates_matched(const MatcherHolder& holder, const std::string& text) {
  PlateRead read;
  read.text = text;
  std::vector<std::string> plates;
  for (const auto& match : holder.current()->match(read, true, now_utc())) {
    std::string name = match.entry.list;
    name.append(1, '/').append(match.entry.plate);
    plates.push_back(std::move(name));
  }
  std::sort(plates.begin(), plates.end());
  return plates;
}

// A "store" the loader reads; the test decides when a rebuild may see which plates.
struct FakeStoreState {
  std::mutex mutex;
  std::vector<HotPlateEntry> plates;
  std::atomic<int> loads{0};
};

}  // namespace

BOOST_AUTO_TEST_CASE(changes_match_at_once_and_survive_the_rebuild) {
  FakeStoreState store;
  store.plates = {entry("7ABC123"), entry("4XYZ982", "stolen")};
  MatcherHolder holder(
      [&] {
        std::lock_guard lock(store.mutex);
        HotlistIndexBuilder builder;
        for (const auto& plate : store.plates) builder.add(plate);
        ++store.loads;
        return builder.build();
      },
      [](bool, const std::string&) {}, ConfusableTable::defaults());
  // The rebuild worker may run whenever it likes: hold the store so it sees the old plates.
  std::unique_lock hold(store.mutex);
  hold.unlock();
  holder.load_and_start();
  BOOST_TEST(plates_matched(holder, "7ABC123") == std::vector<std::string>{"bolo/7ABC123"});

  hold.lock();  // a rebuild now blocks: what matches comes from the overlay alone
  holder.added({entry("5NEW123")});
  BOOST_TEST(plates_matched(holder, "5NEW123") == std::vector<std::string>{"bolo/5NEW123"});
  holder.removed_plate("bolo", "7ABC123", std::nullopt);
  BOOST_TEST(plates_matched(holder, "7ABC123").empty());
  holder.removed_list("stolen");
  BOOST_TEST(plates_matched(holder, "4XYZ982").empty());
  holder.added({entry("4XYZ982", "stolen")});  // added again after the list was deleted
  BOOST_TEST(plates_matched(holder, "4XYZ982") == std::vector<std::string>{"stolen/4XYZ982"});

  // The store now holds what the changes made; once a rebuild reads it the overlay is forgotten.
  store.plates = {entry("5NEW123"), entry("4XYZ982", "stolen")};
  const int loads = store.loads;
  hold.unlock();
  BOOST_REQUIRE(std::invoke([&] {
    for (int i = 0; i < 200 && !(store.loads > loads && holder.current()->changes->empty()); ++i)
      std::this_thread::sleep_for(10ms);
    return holder.current()->changes->empty();
  }));
  BOOST_TEST(holder.current()->recent->size() == 0u);
  BOOST_TEST(plates_matched(holder, "5NEW123") == std::vector<std::string>{"bolo/5NEW123"});
  BOOST_TEST(plates_matched(holder, "7ABC123").empty());
  BOOST_TEST(plates_matched(holder, "4XYZ982") == std::vector<std::string>{"stolen/4XYZ982"});
}

BOOST_AUTO_TEST_CASE(a_replaced_entry_matches_in_its_new_form_only) {
  RecentChanges changes;
  auto updated = entry("7ABC123");
  updated.reason = "now wanted for a warrant";
  changes.add(updated, 1);
  BOOST_TEST(changes.masks(entry("7ABC123")));           // the full index's old version is hidden
  BOOST_TEST(!changes.masks(entry("7ABC123", "other")));  // the same plate in another list is not
  changes.remove_plate("x", "9ZZZ999", std::string_view("CA"), 2);
  BOOST_TEST(changes.masks(entry("9ZZZ999", "x", "CA")));
  BOOST_TEST(!changes.masks(entry("9ZZZ999", "x", "NV")));
  changes.forget_up_to(1);
  BOOST_TEST(!changes.masks(entry("7ABC123")));
  BOOST_TEST(changes.masks(entry("9ZZZ999", "x", "CA")));
}

BOOST_AUTO_TEST_CASE(dedupe_remembers_pairs_for_the_window_and_within_its_capacity) {
  HitDedupe dedupe(10min, 100);
  const auto t0 = HitDedupe::Clock::now();
  BOOST_TEST(dedupe.first_time("read-1", "bolo/7ABC123", t0));
  BOOST_TEST(!dedupe.first_time("read-1", "bolo/7ABC123", t0 + 1min));
  BOOST_TEST(dedupe.first_time("read-1", "bolo/7ABC128", t0 + 1min));
  BOOST_TEST(dedupe.first_time("read-2", "bolo/7ABC123", t0 + 1min));
  BOOST_TEST(dedupe.first_time("read-1", "bolo/7ABC123", t0 + 11min));  // forgotten after the window
  for (int i = 0; i < 200; ++i) dedupe.first_time(std::string("r").append(std::to_string(i)), "e", t0 + 12min);
  BOOST_TEST(dedupe.size() <= 100u);
}
