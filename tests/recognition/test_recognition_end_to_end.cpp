// Recognition end to end, in the real host with the real plugins: rendered plates written as image
// files and as a video go through capture.files / capture.video into recognize.neural (the plate network), and what
// it publishes is written down by test.read_probe. Also: GPS from a recorded NMEA log reaches the
// reads, and odd frames (tiny, infrared only, 16-bit, huge, zero-size) cost at most one log line
// each and never the recognizer.
#define BOOST_TEST_MODULE recognition_end_to_end
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "../capture/capture_test_helpers.hpp"
#include "plate_renderer.hpp"
#include "probe_lines.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace platebus::test::capture;
using namespace std::chrono_literals;
using nlohmann::json;
namespace synthetic = platebus::synthetic;

namespace {

synthetic::PlateRenderer& renderer() {
  static synthetic::PlateRenderer r;
  return r;
}

// One rendered scene with one plate, as the test wrote it to disk.
struct Truth {
  std::string file;  // the colour image
  std::string text;
  synthetic::Quad corners;
  bool night = false;
};

synthetic::Scene render(const std::string& text, std::uint32_t seed, bool night, cv::Size size = {960, 540},
                        double max_tilt = 8) {
  std::mt19937 rng(seed);
  synthetic::SceneOptions options;
  options.size = size;
  options.night = night;
  options.infrared = true;
  options.max_tilt_deg = max_tilt;
  return renderer().render_scene({text}, options, rng);
}

void write_image(const fs::path& file, const cv::Mat& image, const std::vector<int>& params = {}) {
  BOOST_REQUIRE_MESSAGE(cv::imwrite(file.string(), image, params), "cannot write " << file);
}

cv::Rect2d bounds_of(const std::vector<cv::Point2d>& points) {
  double x0 = points[0].x, y0 = points[0].y, x1 = x0, y1 = y0;
  for (const auto& p : points) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  return {x0, y0, x1 - x0, y1 - y0};
}

cv::Rect2d bounds_of(const synthetic::Quad& quad) {
  return bounds_of(std::vector<cv::Point2d>(quad.begin(), quad.end()));
}

cv::Rect2d bounds_of(const json& corners) {
  std::vector<cv::Point2d> points;
  for (const auto& c : corners) points.emplace_back(c.at(0).get<double>(), c.at(1).get<double>());
  return points.empty() ? cv::Rect2d() : bounds_of(points);
}

double iou(const cv::Rect2d& a, const cv::Rect2d& b) {
  const double inter = (a & b).area();
  const double all = a.area() + b.area() - inter;
  return all > 0 ? inter / all : 0;
}

// The recognizer with its outputs going to test.read_probe (reads.jsonl in `dir`).
std::string recognizer(const TempDir& dir, const std::string& config = "{workers: 1}",
                       const std::string& frames = "frames.") {
  return "  - id: ocr\n    use: recognize.neural\n    config: " + config + "\n    subscribe: {frames: " + frames +
         "}\n    publish: {reads: reads.ocr, results: results.ocr}\n"
         "  - id: probe_reads\n    use: test.read_probe\n    config: {file: " +
         (dir / "reads.jsonl").string() + "}\n    subscribe: {reads: reads., results: results.}\n";
}

std::string files_capture(const std::string& config) {
  return "  - id: files\n    use: capture.files\n    config: " + config +
         "\n    publish: {frames: {topic: frames.files, delivery: lossless}}\n";
}

std::size_t results_count(const TempDir& dir) { return probed(dir / "reads.jsonl", "FrameResult").size(); }

std::string log_lines_with(const std::string& log, const std::string& part) {
  std::string out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);)
    if (line.find(part) != std::string::npos) out += line + "\n";
  return out;
}

const std::vector<std::string> kTexts{"7ABC123", "4XYZ982", "8KLM551", "WD2R9B",  "5GHT047", "3PRS448",
                                      "6TUV230", "2MNB775", "9JKL306", "1DEF884", "KX47TR",  "HB2093"};

// Writes kTexts as 960x540 day scenes (tilt up to 8 degrees) into `dir`/images, every fourth one at
// night with its infrared image under the same stem in `dir`/infrared; JPEG and PNG alternate.
std::vector<Truth> write_scenes(const TempDir& dir) {
  fs::create_directories(dir / "images");
  fs::create_directories(dir / "infrared");
  std::vector<Truth> truths;
  for (std::size_t i = 0; i < kTexts.size(); ++i) {
    const bool night = i % 4 == 3;
    const auto scene = render(kTexts[i], static_cast<std::uint32_t>(700 + i), night);
    const std::string stem = "car" + std::to_string(100 + i);
    const auto file = dir / "images" / (stem + (i % 2 == 0 ? ".jpg" : ".png"));
    write_image(file, scene.color, {cv::IMWRITE_JPEG_QUALITY, 92});
    if (night) write_image(dir / "infrared" / (stem + ".png"), scene.infrared);
    truths.push_back({file.string(), kTexts[i], scene.plates.at(0).corners, night});
  }
  return truths;
}

}  // namespace

// Every image gives one FrameResult; most plates are read exactly, each exact read lies where the
// plate is, carries a crop, an overview, its file and the capture's static GPS position.
BOOST_AUTO_TEST_CASE(image_files_are_read_with_position_pictures_file_and_gps) {
  TempDir dir;
  const auto truths = write_scenes(dir);
  StderrCapture log(dir / "log.txt");
  const auto file = deployment(
      dir, files_capture("{path: " + (dir / "images").string() + ", fps: 0, infrared_path: " + (dir / "infrared").string() +
                         ", camera: gate1, gps: {static: {latitude: 38.58, longitude: -121.49}}}") +
               recognizer(dir, "{workers: 1, merge_window: 100ms}"));
  Host host;
  const auto started = std::chrono::steady_clock::now();
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return results_count(dir) >= truths.size(); }, 60s));
  const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST(state_of(host, "ocr") == "running");
  host.stop();

  const auto results = probed(dir / "reads.jsonl", "FrameResult");
  const auto reads = probed(dir / "reads.jsonl", "PlateRead");
  BOOST_REQUIRE_EQUAL(results.size(), truths.size());  // one per image, no more
  int exact = 0, exact_night = 0, nights = 0;
  std::ostringstream report;
  for (const auto& truth : truths) {
    nights += truth.night;
    const auto result = std::find_if(results.begin(), results.end(), [&](const json& r) { return r["file"] == truth.file; });
    BOOST_REQUIRE_MESSAGE(result != results.end(), "a FrameResult for " << truth.file);
    report << fs::path(truth.file).filename().string() << (truth.night ? " (night)" : "") << ": " << truth.text
           << " -> " << (*result)["plates"].dump() << " in " << (*result)["total_ms"].get<double>() << " ms\n";
    const auto& plates = (*result)["plates"];
    if (std::find(plates.begin(), plates.end(), truth.text) == plates.end()) continue;
    ++exact;
    exact_night += truth.night;
    BOOST_TEST_CONTEXT(truth.file << " read as " << truth.text) {
      const auto read = std::find_if(reads.begin(), reads.end(), [&](const json& r) {
        return r["file"] == truth.file && r["text"] == truth.text && r["revision"] == 0;
      });
      BOOST_REQUIRE_MESSAGE(read != reads.end(), "a PlateRead (revision 0) naming the file");
      const double overlap = iou(bounds_of((*read)["corners"]), bounds_of(truth.corners));
      BOOST_TEST((*read)["corners"].size() == 4u);
      BOOST_TEST(overlap >= 0.3, "corners overlap the plate: IoU " << overlap);
      BOOST_TEST((*read)["crop"]["present"] == true);
      BOOST_TEST((*read)["crop"].value("width", 0) > 0);
      BOOST_TEST((*read)["crop"].value("format", "") == "jpeg");
      BOOST_TEST((*read)["overview"]["present"] == true);
      BOOST_TEST((*read)["overview"].value("width", 0) == 640);  // the default overview_width, 960 wide frames
      BOOST_TEST((*read)["overview"].value("height", 0) == 360);
      BOOST_TEST((*read)["camera"] == "gate1");
      BOOST_TEST((*read)["gps"]["fix"] == true);
      BOOST_TEST((*read)["gps"]["source"] == "static");
      BOOST_TEST((*read)["gps"].value("lat", 0.0) == 38.58, boost::test_tools::tolerance(1e-9));
      BOOST_TEST((*read)["gps"].value("lon", 0.0) == -121.49, boost::test_tools::tolerance(1e-9));
    }
  }
  BOOST_TEST_MESSAGE("image files: " << exact << " of " << truths.size() << " read exactly (" << exact_night << " of "
                                     << nights << " at night) in " << took << " s\n"
                                     << report.str());
  // Measured 11/12 on these seeds with the plate network and its committed model (2026-12-08: KX47TR
  // read as KX47TF, all three night plates exact). The floor allows one more miss for another build.
  BOOST_TEST(exact >= 10, exact << " of " << truths.size() << " read exactly");
  // Each read names its own file: no read is published for an image it does not come from.
  for (const auto& read : reads)
    if (read["final"] == false)
      BOOST_TEST(std::any_of(truths.begin(), truths.end(), [&](const Truth& t) { return read["file"] == t.file; }));
  BOOST_TEST(log_lines_with(log.text(), " error ").empty());
}

namespace {

// Every publication of each read id, in the order the probe received them.
std::map<std::string, std::vector<json>> by_read_id(const std::vector<json>& reads) {
  std::map<std::string, std::vector<json>> out;
  for (const auto& read : reads) out[read["read_id"].get<std::string>()].push_back(read);
  return out;
}

// The read ids under which `text` was published at least once.
std::set<std::string> read_ids_of(const std::vector<json>& reads, const std::string& text) {
  std::set<std::string> ids;
  for (const auto& read : reads)
    if (read["text"] == text) ids.insert(read["read_id"].get<std::string>());
  return ids;
}

// `count` frames of one scene, each shifted a little further (as a car creeping forward) and so
// JPEG-compressed a little differently by the video writer.
void append_pass(cv::VideoWriter& video, const cv::Mat& scene, int count) {
  for (int i = 0; i < count; ++i) {
    const cv::Matx23d shift(1, 0, 3.0 * i, 0, 1, 1.0 * i);
    cv::Mat frame;
    cv::warpAffine(scene, frame, shift, scene.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    video.write(frame);
  }
}

}  // namespace

// The same plate seen over consecutive video frames is one read (one read_id), refined under the
// same id with rising revisions, and closed with one final publication once the window has passed.
BOOST_AUTO_TEST_CASE(a_plate_seen_over_video_frames_is_one_read_refined_then_final) {
  TempDir dir;
  const std::string first = "5GHT047", second = "KX47TR";
  constexpr int kFramesEach = 15;
  const auto video_file = dir / "pass.avi";
  {
    cv::VideoWriter video(video_file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 15, {960, 540});
    BOOST_REQUIRE_MESSAGE(video.isOpened(), "OpenCV cannot write MJPG .avi here");
    append_pass(video, render(first, 7101, false).color, kFramesEach);
    append_pass(video, render(second, 7102, false).color, kFramesEach);
  }
  StderrCapture log(dir / "log.txt");
  const auto file = deployment(dir,
                               "  - id: video\n    use: capture.video\n    config: {source: " + video_file.string() +
                                   ", max_fps: 100}\n    publish: {frames: {topic: frames.video, delivery: lossless}}\n" +
                                   recognizer(dir, "{workers: 1, merge_window: 2s}"));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return results_count(dir) >= 2 * kFramesEach; }, 40s));
  const auto results_done = std::chrono::steady_clock::now();
  // Every read opened so far gets its final publication once 2 s pass without it being seen.
  const auto all_final = [&] {
    const auto groups = by_read_id(probed(dir / "reads.jsonl", "PlateRead"));
    return !groups.empty() && std::all_of(groups.begin(), groups.end(), [](const auto& g) {
      return std::any_of(g.second.begin(), g.second.end(), [](const json& r) { return r["final"] == true; });
    });
  };
  BOOST_TEST(wait_until(all_final, 8s));
  const double final_after = std::chrono::duration<double>(std::chrono::steady_clock::now() - results_done).count();
  BOOST_TEST(state_of(host, "ocr") == "running");
  host.stop();

  const auto results = probed(dir / "reads.jsonl", "FrameResult");
  const auto reads = probed(dir / "reads.jsonl", "PlateRead");
  BOOST_REQUIRE_EQUAL(results.size(), static_cast<std::size_t>(2 * kFramesEach));
  int seen_first = 0, seen_second = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& plates = results[i]["plates"];
    const std::string expected = i < kFramesEach ? first : second;
    (i < kFramesEach ? seen_first : seen_second) += std::find(plates.begin(), plates.end(), expected) != plates.end();
  }
  const auto groups = by_read_id(reads);
  std::ostringstream report;
  for (const auto& [id, publications] : groups) {
    report << id << ":";
    for (const auto& p : publications)
      report << " " << p["text"].get<std::string>() << "/r" << p["revision"] << "/" << p["confidence"].get<double>()
             << (p["final"] == true ? "/final" : "");
    report << "\n";
  }
  BOOST_TEST_MESSAGE("video: " << first << " read in " << seen_first << " of " << kFramesEach << " frames, " << second
                               << " in " << seen_second << "; " << reads.size() << " publications under "
                               << groups.size() << " read ids; finals " << final_after << " s after the last result\n"
                               << report.str());
  BOOST_TEST(seen_first >= kFramesEach / 2);
  BOOST_TEST(seen_second >= kFramesEach / 2);

  // One read per plate, not one per frame.
  const auto first_ids = read_ids_of(reads, first), second_ids = read_ids_of(reads, second);
  BOOST_TEST(first_ids.size() == 1u);
  BOOST_TEST(second_ids.size() == 1u);
  if (!first_ids.empty() && !second_ids.empty()) BOOST_TEST(*first_ids.begin() != *second_ids.begin());
  for (const auto& ids : {first_ids, second_ids}) {
    if (ids.empty()) continue;
    const auto& publications = groups.at(*ids.begin());
    BOOST_TEST(publications.size() < static_cast<std::size_t>(kFramesEach));  // republished only when better
  }

  // Each read: revision 0 first, rising revisions after, and exactly one final publication, last.
  for (const auto& [id, publications] : groups) {
    BOOST_TEST_CONTEXT("read " << id << " (" << publications.front()["text"] << ")") {
      BOOST_TEST(publications.front()["revision"] == 0);
      BOOST_TEST(publications.front()["final"] == false);
      for (std::size_t i = 1; i < publications.size(); ++i)
        BOOST_TEST(publications[i]["revision"].get<int>() > publications[i - 1]["revision"].get<int>());
      const auto finals = std::count_if(publications.begin(), publications.end(),
                                        [](const json& p) { return p["final"] == true; });
      BOOST_TEST(finals == 1);
      BOOST_TEST(publications.back()["final"] == true);
      BOOST_TEST(publications.back()["camera"] == "video");
      BOOST_TEST(publications.back()["crop"]["present"] == true);
      BOOST_TEST(publications.back()["overview"]["present"] == true);
    }
  }
  // The final publication of each plate's read carries the plate's text (its best reading).
  for (const auto& [ids, text] : {std::pair{first_ids, first}, std::pair{second_ids, second}})
    if (!ids.empty()) BOOST_TEST(groups.at(*ids.begin()).back()["text"] == text);
  BOOST_TEST(log_lines_with(log.text(), " error ").empty());
}

namespace {

// An NMEA sentence with its checksum: "$" BODY "*" XX.
std::string nmea(const std::string& body) {
  unsigned char sum = 0;
  for (const char c : body) sum ^= static_cast<unsigned char>(c);
  char tail[8];
  std::snprintf(tail, sizeof tail, "*%02X", sum);
  return "$" + body + tail;
}

// ddmm.mmmm / dddmm.mmmm with the hemisphere letter, as NMEA writes coordinates.
std::string nmea_coordinate(double degrees, int degree_digits, char positive, char negative) {
  const double a = std::abs(degrees);
  const int whole = static_cast<int>(a);
  char text[32];
  std::snprintf(text, sizeof text, "%0*d%07.4f,%c", degree_digits, whole, (a - whole) * 60.0,
                degrees < 0 ? negative : positive);
  return text;
}

struct Position {
  double latitude, longitude;
};

}  // namespace

// capture.files stamps frames with the fix replayed from a recorded NMEA log, and the reads made
// from those frames carry the same fix (position, and altitude, speed and heading from the log).
BOOST_AUTO_TEST_CASE(reads_carry_the_fix_replayed_from_a_recorded_nmea_log) {
  TempDir dir;
  // One RMC and one GGA per second, driving north-east; a corrupted sentence in the middle says 0,0.
  std::vector<Position> route;
  std::string log_text = nmea("GPGSV,1,1,01,07,45,120,40") + "\r\n";
  for (int s = 0; s < 8; ++s) {
    const Position p{38.58 + 0.0002 * s, -121.49 + 0.0003 * s};
    route.push_back(p);
    char time[16];
    std::snprintf(time, sizeof time, "1200%02d.00", s);
    const auto lat = nmea_coordinate(p.latitude, 2, 'N', 'S'), lon = nmea_coordinate(p.longitude, 3, 'E', 'W');
    log_text += nmea(std::string("GPRMC,") + time + ",A," + lat + "," + lon + ",10.0,45.0,281126,,,A") + "\r\n";
    log_text += nmea(std::string("GPGGA,") + time + "," + lat + "," + lon + ",1,08,0.9,9.5,M,-30.1,M,,") + "\r\n";
    if (s == 2) log_text += "$GPRMC,120002.50,A,0000.0000,N,00000.0000,E,0.0,0.0,281126,,,A*00\r\n";
  }
  write_file(dir / "route.nmea", log_text);

  fs::create_directories(dir / "images");
  std::vector<std::string> texts{"7ABC123", "4XYZ982", "8KLM551", "3PRS448", "1DEF884", "HB2093"};
  for (std::size_t i = 0; i < texts.size(); ++i)
    write_image(dir / "images" / ("car" + std::to_string(i) + ".jpg"),
                render(texts[i], static_cast<std::uint32_t>(700 + i), false).color);

  const auto file = deployment(dir, files_capture("{path: " + (dir / "images").string() + ", fps: 2, gps: {nmea: " +
                                                  (dir / "route.nmea").string() + "}}") +
                                        frame_probe(dir) + recognizer(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return results_count(dir) >= texts.size(); }, 30s));
  host.stop();

  // Which point of the route a fix is, or -1.
  const auto route_index = [&](const json& gps) {
    for (std::size_t k = 0; k < route.size(); ++k)
      if (std::abs(gps.value("lat", 0.0) - route[k].latitude) < 1e-7 &&
          std::abs(gps.value("lon", 0.0) - route[k].longitude) < 1e-7)
        return static_cast<int>(k);
    return -1;
  };
  const auto frames = probed_frames(dir);
  BOOST_REQUIRE_EQUAL(frames.size(), texts.size());
  std::map<std::string, json> fix_of_file;
  int previous = 0;
  std::ostringstream report;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto& frame = frames[i];
    const auto& gps = frame["gps"];
    report << fs::path(frame["file"].get<std::string>()).filename().string() << ": " << gps.dump() << "\n";
    fix_of_file[frame["file"].get<std::string>()] = gps;
    // The log is replayed on a thread started when capture.files is configured, which races the
    // first publication: the first frame may say "no fix" (measured: 1 run in 5), never anything else.
    if (i == 0 && gps == json{{"fix", false}}) continue;
    BOOST_TEST_CONTEXT(frame["file"]) {
      BOOST_TEST(gps["fix"] == true);
      BOOST_TEST(gps.value("source", "") == "nmea");
      const int at = route_index(gps);
      BOOST_TEST(at >= 0, "the fix is a point of the recorded route: " << gps.dump());
      BOOST_TEST(at >= previous);  // the replay only goes forward
      previous = std::max(previous, at);
      BOOST_TEST(gps.value("speed_mps", 0.0) == 10.0 * 1852.0 / 3600.0, boost::test_tools::tolerance(1e-6));
      BOOST_TEST(gps.value("heading_deg", 0.0) == 45.0, boost::test_tools::tolerance(1e-9));
      BOOST_TEST(gps.value("alt_m", 0.0) == 9.5, boost::test_tools::tolerance(1e-9));
    }
  }
  BOOST_TEST_MESSAGE("nmea fixes of the frames:\n" << report.str());
  BOOST_TEST(previous >= 1);  // 6 frames at 2 fps span more than one second of the log

  // A read carries the fix of the frame it was read in. Final publications name no file: theirs is
  // the fix of an earlier publication of the same read.
  const auto reads = probed(dir / "reads.jsonl", "PlateRead");
  BOOST_TEST(reads.size() >= 3u);
  const auto groups = by_read_id(reads);
  for (const auto& read : reads) {
    BOOST_TEST_CONTEXT(read["file"] << " read as " << read["text"] << " (final " << read["final"] << ")") {
      if (read["final"] == true) {
        const auto& same = groups.at(read["read_id"].get<std::string>());
        BOOST_TEST(std::any_of(same.begin(), same.end(), [&](const json& r) {
          return r["final"] == false && r["gps"] == read["gps"];
        }));
        continue;
      }
      BOOST_REQUIRE(fix_of_file.count(read["file"].get<std::string>()) == 1u);
      BOOST_TEST(read["gps"] == fix_of_file.at(read["file"].get<std::string>()));
    }
  }
}

// Odd frames published straight to the recognizer through the host: each costs at most one error
// line, the recognizer keeps running (no restart), and a good frame after them is still read.
BOOST_AUTO_TEST_CASE(odd_frames_cost_one_log_line_each_and_never_the_recognizer) {
  TempDir dir;
  const auto day = render("7ABC123", 700, false);
  const auto night = render("WD2R9B", 703, true);
  const auto good = render("8KLM551", 702, false);
  write_image(dir / "day.png", day.color);
  write_image(dir / "night_ir.png", night.infrared);
  write_image(dir / "good.png", good.color);
  const std::vector<std::string> odd{"tiny",
                                     "infrared:" + (dir / "night_ir.png").string(),
                                     "gray16_infrared:" + (dir / "night_ir.png").string(),
                                     "huge",
                                     "zero_size",
                                     "no_image",
                                     "bad_sequence",
                                     "color_half_infrared:" + (dir / "day.png").string(),
                                     "color:" + (dir / "good.png").string()};
  // Refused by the recognizer (one error line each): no 8-bit image, over max_frame_pixels (144
  // megapixels), no image, a malformed header.
  const std::set<std::string> refused{odd[2], "huge", "zero_size", "no_image", "bad_sequence"};
  std::string list;
  for (const auto& entry : odd) list += (list.empty() ? "\"" : ", \"") + entry + "\"";

  StderrCapture log(dir / "log.txt");
  const auto file = deployment(dir,
                               "  - id: maker\n    use: test.frame_maker\n    config: {frames: [" + list +
                                   "]}\n    publish: {frames: frames.maker}\n" +
                                   recognizer(dir));
  Host host;
  start(host, file);
  const auto good_read = [&] {
    const auto results = probed(dir / "reads.jsonl", "FrameResult");
    return std::any_of(results.begin(), results.end(), [&](const json& r) { return r["file"] == odd.back(); });
  };
  BOOST_REQUIRE(wait_until(good_read, 60s));
  BOOST_TEST(wait_until([&] { return state_of(host, "maker") == "finished"; }, 5s));
  BOOST_TEST(state_of(host, "ocr") == "running");
  BOOST_TEST(host.instance("ocr")->restarts() == 0);
  const auto text = log.text();
  host.stop();

  const auto results = probed(dir / "reads.jsonl", "FrameResult");
  const auto reads = probed(dir / "reads.jsonl", "PlateRead");
  std::map<std::string, json> result_of;
  for (const auto& r : results) result_of[r["file"].get<std::string>()] = r;
  std::ostringstream report;
  for (const auto& entry : odd)
    report << entry << ": " << (result_of.count(entry) ? result_of[entry]["plates"].dump() : "no result") << "\n";
  const auto errors = log_lines_with(text, " error [ocr]");
  BOOST_TEST_MESSAGE("odd frames:\n" << report.str() << "recognizer errors:\n" << errors);

  // Every frame gives a result; a refused one says why, with no plates, and one log line.
  for (const auto& entry : odd) {
    BOOST_TEST_CONTEXT(entry) {
      BOOST_REQUIRE(result_of.count(entry) == 1u);
      BOOST_TEST(result_of[entry].contains("error") == (refused.count(entry) == 1));
      if (refused.count(entry)) {
        BOOST_TEST(!result_of[entry]["error"].get<std::string>().empty());
        BOOST_TEST(result_of[entry]["plates"].empty());
      }
    }
  }
  BOOST_TEST(result_of["bad_sequence"]["sequence"] == "not a number");  // passed on as it came
  BOOST_TEST(occurrences(errors, "\n") == refused.size());
  for (std::uint64_t sequence = 1; sequence <= odd.size(); ++sequence)
    BOOST_TEST(occurrences(errors, "frame " + std::to_string(sequence) + " from 'maker'") <= 1u);
  BOOST_TEST(occurrences(errors, "frame \"not a number\" from 'maker'") == 1u);
  BOOST_TEST(log_lines_with(text, " error [").size() == errors.size());  // nothing else complained
  BOOST_TEST(log_lines_with(text, "restart").empty());

  // The readable ones were read where the plate is: infrared only, and colour with a half-size
  // infrared image (detection on the infrared, corners reported in colour pixels).
  const auto read_of = [&](const std::string& entry, const std::string& plate) {
    return std::find_if(reads.begin(), reads.end(),
                        [&](const json& r) { return r["file"] == entry && r["text"] == plate; });
  };
  for (const auto& [entry, scene] : {std::pair<std::string, const synthetic::Scene*>{odd[1], &night},
                                     {odd[7], &day}, {odd.back(), &good}}) {
    BOOST_TEST_CONTEXT(entry) {
      const auto read = read_of(entry, scene->plates[0].text);
      BOOST_REQUIRE(read != reads.end());
      const double overlap = iou(bounds_of((*read)["corners"]), bounds_of(scene->plates[0].corners));
      BOOST_TEST(overlap >= 0.3, "IoU " << overlap);
      BOOST_TEST((*read)["overview"]["present"] == true);
    }
  }
  BOOST_TEST(result_of[odd[0]]["plates"].empty());  // 1x1: nothing found, nothing wrong
  BOOST_TEST(result_of["huge"]["error"].get<std::string>().find("the largest accepted is 100 megapixels") !=
             std::string::npos);
  BOOST_TEST(result_of["huge"]["refused_frames"] >= 1);
}

// With a colour image and a 16-bit infrared image of another size, the recognizer reads the colour
// image (it reads infrared only when it is 8-bit), and positions must come out in colour pixels.
BOOST_AUTO_TEST_CASE(colour_with_16_bit_infrared_is_reported_in_colour_pixels) {
  TempDir dir;
  const auto day = render("7ABC123", 700, false);
  write_image(dir / "day.png", day.color);
  const std::string entry = "color_gray16_infrared:" + (dir / "day.png").string();
  const auto file = deployment(dir, "  - id: maker\n    use: test.frame_maker\n    config: {frames: [\"" + entry +
                                        "\"]}\n    publish: {frames: frames.maker}\n" + recognizer(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return results_count(dir) >= 1; }, 30s));
  host.stop();
  const auto result = probed(dir / "reads.jsonl", "FrameResult").at(0);
  for (const auto& region : result["regions"]) {
    BOOST_TEST(region[0].get<int>() + region[2].get<int>() <= 960, "region inside the frame: " << region.dump());
    BOOST_TEST(region[1].get<int>() + region[3].get<int>() <= 540, "region inside the frame: " << region.dump());
  }
  // The scene's one plate was read (whatever the text), and where it is, in colour pixels.
  const auto reads = probed(dir / "reads.jsonl", "PlateRead");
  BOOST_REQUIRE(!reads.empty());
  double best = 0;
  for (const auto& read : reads) best = std::max(best, iou(bounds_of(read["corners"]), bounds_of(day.plates[0].corners)));
  BOOST_TEST(best >= 0.3, "best IoU " << best << " of " << reads.size() << " read(s)");
}
