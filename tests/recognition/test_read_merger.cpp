// One read per car passing a camera: the merge window's rules.
#define BOOST_TEST_MODULE read_merger
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "read_merger.hpp"

using namespace platebus::recognition;
using namespace std::chrono_literals;

namespace {
const auto t0 = ReadMerger::Clock::time_point{} + 1h;
Sighting seen(const std::string& camera, const std::string& text, double confidence,
              std::vector<std::string> alternatives = {}) {
  return {camera, text, confidence, std::move(alternatives)};
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_first_reading_is_published_at_once_and_better_ones_update_it) {
  ReadMerger merger(2s);
  const auto first = merger.add(seen("cam1", "7ABC123", 0.6), t0);
  BOOST_TEST(first.publish);
  BOOST_TEST(first.revision == 0);
  const auto worse = merger.add(seen("cam1", "7ABC123", 0.5), t0 + 100ms);
  BOOST_TEST(!worse.publish);
  BOOST_TEST(worse.read_id == first.read_id);
  const auto better = merger.add(seen("cam1", "7ABC123", 0.9), t0 + 200ms);
  BOOST_TEST(better.publish);
  BOOST_TEST(better.read_id == first.read_id);
  BOOST_TEST(better.revision == 1);
  BOOST_TEST(merger.open_reads() == 1u);
}

BOOST_AUTO_TEST_CASE(a_one_character_misread_or_an_alternative_is_the_same_plate) {
  ReadMerger merger(2s);
  const auto first = merger.add(seen("cam1", "7ABC123", 0.6), t0);
  BOOST_TEST(merger.add(seen("cam1", "7A8C123", 0.5), t0 + 50ms).read_id == first.read_id);
  BOOST_TEST(merger.add(seen("cam1", "ABC123", 0.5, {"7ABC123"}), t0 + 60ms).read_id == first.read_id);
  BOOST_TEST(merger.add(seen("cam1", "4XYZ982", 0.5), t0 + 70ms).read_id != first.read_id);
  BOOST_TEST(merger.open_reads() == 2u);
}

BOOST_AUTO_TEST_CASE(cameras_are_kept_apart) {
  ReadMerger merger(2s);
  const auto north = merger.add(seen("north", "7ABC123", 0.6), t0);
  const auto south = merger.add(seen("south", "7ABC123", 0.6), t0 + 10ms);
  BOOST_TEST(north.read_id != south.read_id);
  BOOST_TEST(south.publish);
}

BOOST_AUTO_TEST_CASE(the_window_runs_from_the_last_sighting_and_closing_reports_the_best) {
  ReadMerger merger(2s);
  const auto first = merger.add(seen("cam1", "7ABC123", 0.6), t0);
  merger.add(seen("cam1", "7ABC123", 0.8), t0 + 1500ms);  // still seen: the window moves on
  BOOST_TEST(merger.close_expired(t0 + 3s).empty());
  const auto closed = merger.close_expired(t0 + 3600ms);
  BOOST_REQUIRE_EQUAL(closed.size(), 1u);
  BOOST_TEST(closed[0].read_id == first.read_id);
  BOOST_TEST(closed[0].best_text == "7ABC123");
  BOOST_TEST(closed[0].revision == 2);  // after revision 1 (the better reading)
  BOOST_TEST(merger.open_reads() == 0u);
  // The same plate after the window closed is a new pass of the car.
  BOOST_TEST(merger.add(seen("cam1", "7ABC123", 0.6), t0 + 4s).read_id != first.read_id);
}

BOOST_AUTO_TEST_CASE(noise_level_gains_do_not_republish) {
  ReadMerger merger(2s, 0.05);
  const auto first = merger.add(seen("cam1", "KX47TR", 0.98), t0);
  BOOST_TEST(!merger.add(seen("cam1", "KX47TR", 0.98002), t0 + 10ms).publish);
  BOOST_TEST(!merger.add(seen("cam1", "KX47TR", 1.0), t0 + 20ms).publish);
  BOOST_TEST(merger.add(seen("cam1", "KX47TR", 0.98), t0 + 30ms).read_id == first.read_id);
}

BOOST_AUTO_TEST_CASE(closing_all_at_stop_reports_every_open_read_with_its_next_revision) {
  ReadMerger merger(10min);
  const auto first = merger.add(seen("cam1", "7ABC123", 0.6), t0);
  merger.add(seen("cam1", "7ABC123", 0.9), t0 + 100ms);  // revision 1
  merger.add(seen("cam2", "4XYZ982", 0.8), t0 + 200ms);
  BOOST_TEST(merger.close_expired(t0 + 1s).empty());
  const auto closed = merger.close_all();
  BOOST_REQUIRE_EQUAL(closed.size(), 2u);
  const auto of_first = std::find_if(closed.begin(), closed.end(), [&](const ClosedRead& c) { return c.read_id == first.read_id; });
  BOOST_REQUIRE(of_first != closed.end());
  BOOST_TEST(of_first->revision == 2);
  BOOST_TEST(of_first->best_text == "7ABC123");
  BOOST_TEST(merger.open_reads() == 0u);
}
