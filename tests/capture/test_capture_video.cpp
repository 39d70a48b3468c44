// capture.video in the real host: a video file is played frame by frame in order at its own rate,
// loops when asked, an infrared-only camera publishes infrared frames, a second source adds paired
// infrared images, a missing device or stream is retried with growing backoff without stalling a
// prompt shutdown, and configuration mistakes are refused with a message.
#define BOOST_TEST_MODULE capture_video
#define BOOST_TEST_DYN_LINK
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <opencv2/videoio.hpp>

#include "capture_test_helpers.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace platebus::test::capture;
using namespace std::chrono_literals;

namespace {

// An MJPG .avi (Debian's OpenCV writes it without extra codecs) whose frame i is grey level base+step*i.
fs::path write_video(const fs::path& file, int frames, double fps, cv::Size size, int base = 10, int step = 9) {
  cv::VideoWriter writer(file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, size);
  BOOST_REQUIRE_MESSAGE(writer.isOpened(), "this OpenCV cannot write MJPG .avi files");
  for (int i = 0; i < frames; ++i) writer.write(cv::Mat(size, CV_8UC3, cv::Scalar::all(base + step * i)));
  writer.release();
  return file;
}

// A TCP port nobody listens on right now (the kernel's pick), for a server the test starts later.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string video_instance(const std::string& config, const std::string& id = "video") {
  return "  - id: " + id + "\n    use: capture.video\n    config: " + config +
         "\n    publish: {frames: {topic: frames." + id + ", delivery: lossless}}\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_video_file_is_played_frame_by_frame_in_order_at_its_own_rate) {
  TempDir dir;
  const auto video = write_video(dir / "clip.avi", 24, 30, {160, 120});
  StderrCapture log(dir / "log.txt");
  const auto file =
      deployment(dir, video_instance("{source: " + video.string() + ", camera: lane2}") + frame_probe(dir));
  Host host;
  const auto started = std::chrono::steady_clock::now();
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return state_of(host, "video") == "finished"; }, 20s));
  const auto took = std::chrono::steady_clock::now() - started;
  host.stop();

  const auto frames = probed_frames(dir);
  BOOST_REQUIRE_EQUAL(frames.size(), 24u);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    BOOST_TEST(frames[i]["sequence"] == i + 1);
    BOOST_TEST(frames[i]["frame_index"] == i);
    BOOST_TEST(frames[i]["camera"] == "lane2");
    BOOST_TEST(frames[i]["file"] == video.string());
    BOOST_TEST(frames[i]["colour"]["format"] == "bgr8");
    BOOST_TEST(frames[i]["colour"]["width"] == 160);
    BOOST_TEST(frames[i]["colour"]["height"] == 120);
    BOOST_TEST(frames[i]["infrared"].is_null());
    // The grey level written into frame i survives MJPG compression closely enough to prove the order.
    BOOST_TEST(frames[i]["colour"]["mean"][1].get<double>() == 10.0 + 9.0 * i, boost::test_tools::tolerance(0.05));
  }
  BOOST_TEST(took >= 700ms);  // 24 frames at the file's 30 fps
  BOOST_TEST(occurrences(log.text(), "finished: published 24 frames from " + video.string()) == 1u);
}

BOOST_AUTO_TEST_CASE(a_looping_file_starts_again_and_max_fps_sets_the_pace) {
  TempDir dir;
  const auto video = write_video(dir / "short.avi", 5, 5, {64, 48});
  const auto file =
      deployment(dir, video_instance("{source: " + video.string() + ", loop: true, max_fps: 50}") + frame_probe(dir));
  Host host;
  const auto started = std::chrono::steady_clock::now();
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return probed_frames(dir).size() >= 12; }, 20s));
  const auto took = std::chrono::steady_clock::now() - started;
  BOOST_TEST(state_of(host, "video") == "running");
  host.stop();
  const auto frames = probed_frames(dir);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    BOOST_TEST(frames[i]["frame_index"] == i % 5);
    BOOST_TEST(frames[i]["sequence"] == i + 1);
  }
  BOOST_TEST(took < 2s);  // at 50 fps, not the file's own 5 fps (which would take 2.4 s for 12 frames)
}

BOOST_AUTO_TEST_CASE(an_infrared_only_camera_publishes_infrared_frames) {
  TempDir dir;
  const auto video = write_video(dir / "ir.avi", 4, 25, {96, 64});
  const auto file =
      deployment(dir, video_instance("{source: " + video.string() + ", infrared_only: true}") + frame_probe(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return state_of(host, "video") == "finished"; }, 20s));
  host.stop();
  const auto frames = probed_frames(dir);
  BOOST_REQUIRE_EQUAL(frames.size(), 4u);
  for (const auto& frame : frames) {
    BOOST_TEST(frame["colour"].is_null());
    BOOST_TEST(frame["infrared"]["format"] == "gray8");
    BOOST_TEST(frame["infrared"]["width"] == 96);
  }
}

BOOST_AUTO_TEST_CASE(a_second_source_adds_infrared_images_paired_by_arrival) {
  TempDir dir;
  const auto color = write_video(dir / "color.avi", 20, 20, {160, 120});
  const auto infrared = write_video(dir / "infrared.avi", 40, 20, {80, 60}, 200, 0);
  const auto file =
      deployment(dir, video_instance("{source: " + color.string() + ", infrared_source: " + infrared.string() + "}") +
                          frame_probe(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return state_of(host, "video") == "finished"; }, 20s));
  host.stop();
  const auto frames = probed_frames(dir);
  BOOST_REQUIRE_EQUAL(frames.size(), 20u);
  std::size_t paired = 0;
  for (const auto& frame : frames) {
    BOOST_TEST(frame["colour"]["width"] == 160);
    if (frame["infrared"].is_null()) continue;
    ++paired;
    BOOST_TEST(frame["infrared"]["format"] == "gray8");
    BOOST_TEST(frame["infrared"]["width"] == 80);
    BOOST_TEST(frame["infrared"]["mean"][0].get<double>() == 200.0, boost::test_tools::tolerance(0.05));
  }
  // Both play at 20 fps, so after the first moments every frame finds a recent infrared image.
  BOOST_TEST(paired >= 15u);
}

BOOST_AUTO_TEST_CASE(a_missing_device_or_stream_is_retried_with_backoff_and_stopping_stays_prompt) {
  TempDir dir;
  StderrCapture log(dir / "log.txt");
  const std::string backoff = ", reconnect_backoff: 50ms, max_backoff: 200ms, timeout: 1s}";
  const auto file = deployment(dir, video_instance("{source: /dev/video97" + backoff, "device") +
                                        video_instance("{source: \"rtsp://127.0.0.1:9/none\"" + backoff, "stream") +
                                        frame_probe(dir));
  Host host;
  start(host, file);
  BOOST_TEST(wait_until(
      [&] {
        const auto text = log.text();
        return occurrences(text, "[device] colour source /dev/video97 still unavailable") >= 4 &&
               occurrences(text, "[stream] colour source rtsp://127.0.0.1:9/none still unavailable") >= 4;
      },
      20s));
  BOOST_TEST(state_of(host, "device") == "running");  // waiting for the camera, not crashed
  BOOST_TEST(state_of(host, "stream") == "running");

  const auto stop_started = std::chrono::steady_clock::now();
  host.stop();
  const auto stop_took = std::chrono::steady_clock::now() - stop_started;
  BOOST_TEST(stop_took < 2s);

  const auto text = log.text();
  for (const std::string id : {"device", "stream"}) {
    BOOST_TEST(occurrences(text, "[" + id + "] cannot open colour source") == 1u);  // warned once...
    BOOST_TEST(occurrences(text, "retrying in 50 ms, then with the wait doubling up to 200 ms") >= 1u);
  }
  BOOST_TEST(occurrences(text, "attempts; retrying in 100 ms") >= 2u);  // ...then the wait doubles...
  BOOST_TEST(occurrences(text, "attempts; retrying in 200 ms") >= 2u);  // ...up to max_backoff
  BOOST_TEST(occurrences(text, "attempts; retrying in 400 ms") == 0u);
  BOOST_TEST(probed_frames(dir).empty());
}

BOOST_AUTO_TEST_CASE(a_live_stream_that_appears_late_and_ends_is_reconnected) {
  TempDir dir;
  write_video(dir / "clip.avi", 60, 30, {160, 120});
  const int port = free_port();
  const auto url = "http://127.0.0.1:" + std::to_string(port) + "/clip.avi";
  StderrCapture log(dir / "log.txt");
  const auto file = deployment(
      dir, video_instance("{source: \"" + url + "\", reconnect_backoff: 100ms, max_backoff: 400ms, timeout: 2s}") +
               frame_probe(dir));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return occurrences(log.text(), "still unavailable after 2 attempts") == 1; }, 10s));

  // The server (Python's, from Debian's python3) comes up: the stream opens at the next attempt. Served as
  // a network stream, the clip is read as fast as it arrives and ends quickly; each end is a dropped stream
  // that is reopened, so frames keep coming.
  ChildProcess server({"/usr/bin/python3", "-m", "http.server", std::to_string(port), "--bind", "127.0.0.1",
                       "--directory", dir.path().string()});
  BOOST_TEST(wait_until([&] { return occurrences(log.text(), "stopped delivering frames after") >= 2; }, 20s));
  BOOST_TEST(wait_until([&] { return probed_frames(dir).size() >= 2; }, 10s));
  BOOST_TEST(occurrences(log.text(), "colour source " + url + " is back after") == 1u);
  BOOST_TEST(occurrences(log.text(), "colour source " + url + " reconnected") >= 1u);
  const auto stop_started = std::chrono::steady_clock::now();
  host.stop();
  const auto stop_took = std::chrono::steady_clock::now() - stop_started;
  BOOST_TEST(stop_took < 2s);
  server.signal(SIGTERM);
  server.wait(5s);

  const auto frames = probed_frames(dir);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    BOOST_TEST(frames[i]["sequence"] == i + 1);
    BOOST_TEST(frames[i]["frame_index"] == -1);  // live: no position in a file
    BOOST_TEST(frames[i]["colour"]["width"] == 160);
  }
}

BOOST_AUTO_TEST_CASE(configuration_mistakes_are_refused_before_anything_runs) {
  // Each is a check error at its key (issue 18), so the host refuses the whole deployment.
  TempDir dir;
  const auto video = write_video(dir / "clip.avi", 2, 10, {64, 48}).string();
  const auto file = deployment(
      dir, video_instance("{source: " + (dir / "missing.avi").string() + "}", "missing") +
               video_instance("{source: \"\"}", "empty") +
               video_instance("{source: " + video + ", infrared_only: true, infrared_source: 1}", "both_ir") +
               video_instance("{source: 0, reconnect_backoff: 2s, max_backoff: 1s}", "backoff") +
               video_instance("{source: " + video + ", max_fps: -5}", "fps"));
  Host host;
  Diagnostics diagnostics;
  BOOST_TEST(!host.start(file, diagnostics));
  const auto text = diagnostics.to_string();
  BOOST_TEST(occurrences(text, "config key 'source' of plugin 'capture.video': '" + (dir / "missing.avi").string() +
                                   "' is not an existing video file") == 1u, text);
  BOOST_TEST(occurrences(text, "config key 'source' of plugin 'capture.video': it is empty") == 1u, text);
  BOOST_TEST(occurrences(text, "config key 'infrared_only' of plugin 'capture.video': infrared_only and "
                               "infrared_source") == 1u, text);
  BOOST_TEST(occurrences(text, "config key 'max_backoff' of plugin 'capture.video': give at least") == 1u, text);
  BOOST_TEST(occurrences(text, "config key 'max_fps' of plugin 'capture.video' is -5; give 0 to 1000") == 1u, text);
}
