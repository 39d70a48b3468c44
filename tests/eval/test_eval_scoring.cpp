// platebus-eval's reading of labelled sets and its scoring rules.
#define BOOST_TEST_MODULE eval_scoring
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>

#include "platebus_eval/eval_context.hpp"
#include "platebus_eval/failures.hpp"
#include "platebus_eval/scoring.hpp"
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
  outcomes[0].reads = {{"ABC123", {}, cv::Rect(105, 100, 100, 50), {}}};
  outcomes[1].regions = {cv::Rect(0, 0, 100, 50)};
  outcomes[1].reads = {{"XYZ78B", {"XYZ789"}, cv::Rect(0, 0, 100, 50), {}}};  // right only among alternatives
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

// --failures: a person looks at the misses. Each missed plate has a line in misses.tsv, its image
// copied beside it, and the crop the reader read (when the read published one).
BOOST_AUTO_TEST_CASE(misses_are_written_with_the_crop_the_reader_read) {
  TempDir dir;
  const auto image = dir / "car.jpg";
  std::ofstream(image) << "not really a jpeg";
  Score s;
  PlateVerdict hit;
  hit.file = image;
  hit.expected = hit.got = "ABC123";
  hit.top1 = true;
  PlateVerdict misread = hit;
  misread.expected = "XYZ789";
  misread.got = "XYZ78B";
  misread.top1 = false;
  misread.detected = true;
  misread.crop.format = platebus::PixelFormat::jpeg;
  misread.crop.bytes = platebus::Blob::from_string("crop bytes");
  PlateVerdict unread = misread;
  unread.got.clear();
  unread.crop = {};
  s.verdicts = {hit, misread, unread};

  const auto out = dir / "misses";
  write_failures(s, out);
  std::ifstream tsv(out / "misses.tsv");
  std::vector<std::string> lines;
  for (std::string line; std::getline(tsv, line);) lines.push_back(line);
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[0] == "file\texpected\tgot\tdetected\tcrop");
  BOOST_TEST(lines[1] == image.string() + "\tXYZ789\tXYZ78B\tyes\t001-car.read.jpg");
  BOOST_TEST(lines[2] == image.string() + "\tXYZ789\t\tyes\t");
  std::ifstream crop(out / "001-car.read.jpg");
  const std::string bytes((std::istreambuf_iterator<char>(crop)), std::istreambuf_iterator<char>());
  BOOST_TEST(bytes == "crop bytes");
  BOOST_TEST(std::filesystem::exists(out / "car.jpg"));
}
