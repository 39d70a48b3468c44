// capture.files in the real host: good images arrive in name order as 8-bit BGR frames naming their
// file, each bad image is reported once and skipped without stopping the replay, looping, infrared
// pairing by stem, fps pacing, and configuration mistakes refused with a message.
#define BOOST_TEST_MODULE capture_files
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "capture_test_helpers.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace platebus::test::capture;
using namespace std::chrono_literals;

namespace {

cv::Mat solid(int width, int height, cv::Scalar bgr) { return cv::Mat(height, width, CV_8UC3, bgr); }

void write_image(const fs::path& file, const cv::Mat& image, const std::vector<int>& params = {}) {
  BOOST_REQUIRE_MESSAGE(cv::imwrite(file.string(), image, params), "cannot write " << file);
}

// The first half of a real JPEG: what a copy interrupted mid-way leaves behind.
void write_truncated_jpeg(const fs::path& file) {
  std::vector<uchar> bytes;
  cv::Mat noisy(240, 320, CV_8UC3);
  cv::randu(noisy, 0, 255);
  cv::imencode(".jpg", noisy, bytes);
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size() / 2));
}

std::string files_instance(const std::string& config, const std::string& id = "files") {
  return "  - id: " + id + "\n    use: capture.files\n    config: " + config +
         "\n    publish: {frames: {topic: frames." + id + ", delivery: lossless}}\n";
}

bool finished(Host& host, const std::string& id) {
  return wait_until([&] { return state_of(host, id) == "finished"; }, 20s);
}

std::vector<std::string> file_names(const std::vector<nlohmann::json>& frames) {
  std::vector<std::string> names;
  for (const auto& f : frames) names.push_back(fs::path(f.at("file").get<std::string>()).filename().string());
  return names;
}

}  // namespace

BOOST_AUTO_TEST_CASE(good_images_arrive_in_name_order_and_each_bad_one_is_reported_once) {
  TempDir dir;
  const auto images = dir / "images";
  fs::create_directories(images / "sub");
  write_image(images / "a_color.jpg", solid(640, 480, {200, 30, 30}));
  write_image(images / "b_grey.png", cv::Mat(240, 320, CV_8UC1, cv::Scalar(100)));
  write_truncated_jpeg(images / "c_truncated.jpg");
  write_file(images / "d_empty.jpg", "");
  write_file(images / "e_text.jpg", "this is not a picture\n");
  write_image(images / "f_tiny.png", solid(1, 1, {0, 0, 255}));
  cv::Mat deep(100, 200, CV_16UC1, cv::Scalar(0));
  deep.colRange(100, 200).setTo(4095);  // 12-bit data in a 16-bit file: scaled so 4095 becomes 255
  write_image(images / "g_deep.png", deep);
  write_image(images / "h_alpha.png", cv::Mat(80, 100, CV_8UC4, cv::Scalar(10, 20, 30, 0)));
  write_image(images / "i_upper.BMP", solid(64, 48, {0, 255, 0}));
  write_image(images / "j_huge.png", cv::Mat(12000, 12000, CV_8UC1, cv::Scalar(0)), {cv::IMWRITE_PNG_COMPRESSION, 1});
  write_image(images / "sub" / "k_nested.jpg", solid(64, 64, {1, 2, 3}));  // sub-folders are not read
  write_file(images / "notes.txt", "not an image name, not counted\n");

  StderrCapture log(dir / "log.txt");
  const auto file = deployment(dir, files_instance("{path: " + images.string() + "}") + frame_probe(dir) +
                                        "  - id: recorder\n    use: test.recorder\n    config: {file: " +
                                        (dir / "recorded.txt").string() + "}\n    subscribe: {in: frames.}\n");
  Host host;
  start(host, file);
  BOOST_REQUIRE(finished(host, "files"));
  host.stop();

  const auto frames = probed_frames(dir);
  const std::vector<std::string> expected = {"a_color.jpg", "b_grey.png", "g_deep.png", "h_alpha.png", "i_upper.BMP"};
  BOOST_TEST(file_names(frames) == expected, boost::test_tools::per_element());
  const auto recorded = read_lines(dir / "recorded.txt");
  BOOST_REQUIRE_EQUAL(recorded.size(), expected.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    BOOST_TEST(frames[i]["sequence"] == i + 1);
    BOOST_TEST(frames[i]["camera"] == "files");  // the instance id when `camera` is empty
    BOOST_TEST(frames[i]["colour"]["format"] == "bgr8");
    BOOST_TEST(frames[i]["infrared"].is_null());
    BOOST_TEST(frames[i]["gps"]["fix"] == false);
    BOOST_TEST(recorded[i] == "frames.files files 0 Frame");
  }
  BOOST_TEST(frames[0]["colour"]["width"] == 640);
  BOOST_TEST(frames[0]["colour"]["height"] == 480);
  BOOST_TEST(frames[0]["file"] == (images / "a_color.jpg").string());
  // Grey became BGR with equal channels.
  for (int c = 0; c < 3; ++c)
    BOOST_TEST(frames[1]["colour"]["mean"][c].get<double>() == 100.0, boost::test_tools::tolerance(0.5));
  // Half black, half at the 16-bit file's maximum: scaled to 0 and 255.
  BOOST_TEST(frames[2]["colour"]["mean"][0].get<double>() == 127.5, boost::test_tools::tolerance(0.01));
  BOOST_TEST(frames[3]["colour"]["mean"][2].get<double>() == 30.0, boost::test_tools::tolerance(0.01));  // alpha dropped

  const auto text = log.text();
  for (const std::string bad : {"c_truncated.jpg", "d_empty.jpg", "e_text.jpg", "f_tiny.png", "j_huge.png"})
    BOOST_TEST(occurrences(text, (images / bad).string() + ": ") == 1u, bad << " is reported once");
  BOOST_TEST(occurrences(text, "truncated JPEG") == 1u);
  BOOST_TEST(occurrences(text, "empty (0 bytes)") == 1u);
  BOOST_TEST(occurrences(text, "not a JPEG, PNG or BMP") == 1u);
  BOOST_TEST(occurrences(text, "too small (1x1") == 1u);
  BOOST_TEST(occurrences(text, "too large (12000x12000 = 144 megapixels") == 1u);
  BOOST_TEST(occurrences(text, "published 5 of 10 files (5 unreadable)") == 1u);
}

BOOST_AUTO_TEST_CASE(a_list_of_files_is_published_in_its_order_and_loops) {
  TempDir dir;
  write_image(dir / "one.png", solid(64, 64, {10, 10, 10}));
  write_image(dir / "two.jpg", solid(96, 64, {50, 50, 50}));
  write_file(dir / "bad.png", "garbage");
  StderrCapture log(dir / "log.txt");
  const auto file =
      deployment(dir, files_instance("{files: [" + (dir / "two.jpg").string() + ", " + (dir / "bad.png").string() +
                                     ", " + (dir / "one.png").string() + "], loop: true, camera: gate7}") +
                          frame_probe(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return probed_frames(dir).size() >= 7; }, 20s));
  BOOST_TEST(state_of(host, "files") == "running");  // looping never finishes
  host.stop();

  const auto frames = probed_frames(dir);
  const auto names = file_names(frames);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    BOOST_TEST(names[i] == (i % 2 == 0 ? "two.jpg" : "one.png"));
    BOOST_TEST(frames[i]["sequence"] == i + 1);  // sequence keeps counting across passes
    BOOST_TEST(frames[i]["camera"] == "gate7");
  }
  BOOST_TEST(occurrences(log.text(), (dir / "bad.png").string() + ": ") == 1u);  // once, not once per pass
  BOOST_TEST(occurrences(log.text(), "first pass: published 2 of 3 files (1 unreadable); looping") == 1u);
}

BOOST_AUTO_TEST_CASE(infrared_images_pair_by_file_stem) {
  TempDir dir;
  fs::create_directories(dir / "color");
  fs::create_directories(dir / "ir");
  write_image(dir / "color" / "car1.jpg", solid(320, 240, {0, 0, 200}));
  write_image(dir / "color" / "car2.jpg", solid(320, 240, {0, 200, 0}));
  write_image(dir / "color" / "car3.png", solid(320, 240, {200, 0, 0}));
  write_image(dir / "ir" / "car1.png", cv::Mat(240, 320, CV_8UC1, cv::Scalar(180)));
  write_image(dir / "ir" / "car3.jpg", solid(320, 240, {60, 60, 60}));              // colour file: converted to grey
  write_image(dir / "ir" / "car9.png", cv::Mat(240, 320, CV_8UC1, cv::Scalar(1)));  // no colour partner
  const auto file = deployment(
      dir, files_instance("{path: " + (dir / "color").string() + ", infrared_path: " + (dir / "ir").string() +
                          ", gps: {static: {latitude: 38.58, longitude: -121.49}}}") +
               frame_probe(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(finished(host, "files"));
  host.stop();

  const auto frames = probed_frames(dir);
  BOOST_REQUIRE_EQUAL(frames.size(), 3u);
  BOOST_TEST(frames[0]["infrared"]["format"] == "gray8");
  BOOST_TEST(frames[0]["infrared"]["mean"][0].get<double>() == 180.0, boost::test_tools::tolerance(0.01));
  BOOST_TEST(frames[0]["infrared_file"] == (dir / "ir" / "car1.png").string());
  BOOST_TEST(frames[1]["infrared"].is_null());
  BOOST_TEST(frames[1]["infrared_file"] == "");
  BOOST_TEST(frames[2]["infrared"]["format"] == "gray8");
  BOOST_TEST(frames[2]["infrared"]["mean"][0].get<double>() == 60.0, boost::test_tools::tolerance(2.0));
  for (const auto& frame : frames) {
    BOOST_TEST(frame["gps"]["fix"] == true);
    BOOST_TEST(frame["gps"].value("lat", 0.0) == 38.58, boost::test_tools::tolerance(1e-9));
  }
}

BOOST_AUTO_TEST_CASE(fps_paces_the_replay) {
  TempDir dir;
  for (int i = 0; i < 5; ++i) write_image(dir / ("img" + std::to_string(i) + ".png"), solid(32, 32, {0, 0, 0}));
  const auto folder = dir.path();
  const auto file = deployment(dir, files_instance("{path: " + folder.string() + ", fps: 20}") + frame_probe(dir));
  Host host;
  const auto started = std::chrono::steady_clock::now();
  start(host, file);
  BOOST_REQUIRE(finished(host, "files"));
  const auto took = std::chrono::steady_clock::now() - started;
  host.stop();
  BOOST_TEST(probed_frames(dir).size() == 5u);
  BOOST_TEST(took >= 200ms);  // 5 images at 20 per second: at least 4 gaps of 50 ms
}

BOOST_AUTO_TEST_CASE(configuration_mistakes_are_refused_with_a_message) {
  TempDir dir;
  write_image(dir / "one.png", solid(64, 64, {10, 10, 10}));
  const auto one = (dir / "one.png").string();
  // What the keys' table and validate() can say is a check error: the deployment is refused (issue 18).
  const auto refused = deployment(dir, files_instance("{path: " + one + ", files: [" + one + "]}", "both") +
                                           files_instance("{}", "neither") +
                                           files_instance("{path: " + one + ", fps: -1}", "negative_fps"));
  Host checked;
  Diagnostics diagnostics;
  BOOST_TEST(!checked.start(refused, diagnostics));
  const auto errors = diagnostics.to_string();
  BOOST_TEST(occurrences(errors, "config key 'files' of plugin 'capture.files': path and files are both set") == 1u,
             errors);
  BOOST_TEST(occurrences(errors, "plugin 'capture.files': give either path") == 1u, errors);
  BOOST_TEST(occurrences(errors, "config key 'fps' of plugin 'capture.files' is -1; give 0 to 1000") == 1u, errors);

  // Files that are not there are found when the instance starts: it is refused and stays down.
  StderrCapture log(dir / "log.txt");
  const auto file = deployment(
      dir, files_instance("{path: " + (dir / "no_such_folder").string() + "}", "missing") +
               files_instance("{files: [" + one + ", " + (dir / "gone.jpg").string() + "]}", "missing_file") +
               files_instance("{path: " + one + ", infrared_path: " + one + "}", "ir_not_folder"));
  Host host;
  start(host, file);
  for (const std::string id : {"missing", "missing_file", "ir_not_folder"})
    BOOST_TEST(wait_until([&] { return state_of(host, id) == "failed"; }, 10s), id << " failed");
  const auto text = log.text();
  BOOST_TEST(occurrences(text, "[missing] configuration rejected: path: '" + (dir / "no_such_folder").string() +
                                   "' does not exist") == 1u);
  BOOST_TEST(occurrences(text, "[missing_file] configuration rejected: files[1]:") == 1u);
  BOOST_TEST(occurrences(text, "[ir_not_folder] configuration rejected: infrared_path:") == 1u);
  host.stop();
}
