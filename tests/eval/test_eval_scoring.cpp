// platebus-eval's reading of labelled sets and its scoring rules.
#define BOOST_TEST_MODULE eval_scoring
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "eval/eval_context.hpp"
#include "eval/scoring.hpp"
#include "runtime/logging.hpp"
#include "test_support.hpp"

using namespace platebus::eval;
using namespace platebus::test;

BOOST_AUTO_TEST_CASE(plates_are_normalised) {
  BOOST_TEST(normalise_plate("7abc 123") == "7ABC123");
  BOOST_TEST(normalise_plate("ab-12.c") == "AB12C");
}

BOOST_AUTO_TEST_CASE(benchmark_folders_and_crop_csvs_are_read) {
  TempDir dir;
  write_file(dir / "car1.jpg", "x");
  write_file(dir / "car1.txt", "car1.jpg\t10\t20\t100\t50\tABC123\n");
  write_file(dir / "car2.png", "x");
  write_file(dir / "car2.txt", "car2.png\t1\t2\n");  // too few fields: reported, image kept
  const auto set = read_labelled_set(dir.path());
  BOOST_TEST(!set.crops);
  BOOST_REQUIRE_EQUAL(set.images.size(), 2u);
  BOOST_TEST(set.images[0].plates.at(0).text == "ABC123");
  BOOST_TEST((*set.images[0].plates.at(0).box == cv::Rect(10, 20, 100, 50)));
  BOOST_TEST(set.images[1].plates.empty());
  BOOST_REQUIRE_EQUAL(set.problems.size(), 1u);
  BOOST_TEST(set.problems[0].find("car2.txt:1") != std::string::npos);

  TempDir crops;
  write_file(crops / "a.jpg", "x");
  write_file(crops / "groundtruth.csv", "file,state,plate\na.jpg,ca,7abc123\nmissing.jpg,ca,X1\n");
  const auto crop_set = read_labelled_set(crops.path());
  BOOST_TEST(crop_set.crops);
  BOOST_REQUIRE_EQUAL(crop_set.images.size(), 1u);
  BOOST_TEST(crop_set.images[0].plates[0].text == "7ABC123");
  BOOST_TEST(crop_set.problems.size() == 1u);
  BOOST_CHECK_THROW(read_labelled_set(dir / "car1.jpg"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(scores_count_detection_top1_topn_and_time) {
  LabelledSet set;
  set.images = {{"a.jpg", {{"ABC123", cv::Rect(100, 100, 100, 50)}}},
                {"b.jpg", {{"XYZ789", cv::Rect(0, 0, 100, 50)}}},
                {"c.jpg", {{"QQQ111", cv::Rect(500, 500, 100, 50)}}}};
  std::vector<ImageOutcome> outcomes(3);
  for (int i = 0; i < 3; ++i) {
    outcomes[i].file = set.images[i].file;
    outcomes[i].finished = true;
    outcomes[i].total_ms = 10.0 * (i + 1);
  }
  outcomes[0].regions = {cv::Rect(105, 100, 100, 50)};
  outcomes[0].reads = {{"ABC123", {}, cv::Rect(105, 100, 100, 50)}};
  outcomes[1].regions = {cv::Rect(0, 0, 100, 50)};
  outcomes[1].reads = {{"XYZ78B", {"XYZ789"}, cv::Rect(0, 0, 100, 50)}};  // right only among alternatives
  outcomes[2].regions = {cv::Rect(0, 0, 50, 50)};                          // nowhere near the plate
  const auto s = score(set, outcomes);
  BOOST_TEST(s.plates == 3);
  BOOST_TEST(s.detected == 2);
  BOOST_TEST(s.top1 == 1);
  BOOST_TEST(s.topn == 2);
  BOOST_TEST(s.median_ms == 20.0);
  BOOST_TEST(s.to_json()["top1_rate"].get<double>() == 1.0 / 3.0);
  BOOST_TEST(iou(cv::Rect(0, 0, 10, 10), cv::Rect(5, 0, 10, 10)) == 50.0 / 150.0);
}

// A recognizer that fails on a frame says so in its FrameResult: the image is finished and counted
// unreadable, and the run does not wait for a result that will never come.
BOOST_AUTO_TEST_CASE(a_frame_result_with_an_error_finishes_the_image_as_unreadable) {
  TempDir dir;
  write_file(dir / "a.jpg", "x");
  write_file(dir / "a.txt", "a.jpg\t1\t2\t30\t15\tABC123\n");
  const auto set = read_labelled_set(dir.path());
  EvalContext ctx(nlohmann::json::object(), set, platebus::host::make_logger("eval-test"));
  platebus::Message result;
  result.header = {{"type", "FrameResult"}, {"file", set.images[0].file.string()}, {"plates", nlohmann::json::array()},
                   {"error", "the reader failed"}};
  ctx.publish("results", std::move(result));
  BOOST_TEST(ctx.wait_until_done(std::chrono::seconds(1)));
  BOOST_TEST(ctx.outcomes().at(0).error == "the reader failed");
  BOOST_TEST(score(set, ctx.outcomes()).unreadable_images == 1);
}
