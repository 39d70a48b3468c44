// Hostile messages sent by a bus peer into a real `platebus run` (issue 17): a frame whose stride
// wraps around, a header 100,000 levels deep, and a 1 KB JPEG claiming 30000x30000 (the bomb test
// CI runs). Each is refused with a reason in the log, the host's memory stays put, and ordinary
// frames still flow afterwards.
#define BOOST_TEST_MODULE hostile_messages
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
#include <thread>

#include <zmq.hpp>

#include "hostile_images.hpp"
#include "platebus/opencv.hpp"
#include "bus/wire.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A host on an ipc bus with recognize.neural on frames.peer (its FrameResults written by
// test.read_probe) and sink.log on logged.; the test publishes as a peer would.
struct HostWithPeer {
  TempDir dir;
  std::string bus = "ipc://" + (dir / "bus" / "socket").string();
  fs::path pid_file = dir / "platebus.pid";
  std::unique_ptr<ChildProcess> host;
  zmq::context_t context;
  zmq::socket_t publisher{context, zmq::socket_type::pub};
  std::uint64_t sequence = 0;

  HostWithPeer() {
    const auto yaml = "plugin_path: " + test_plugin_dir("good").string() + "\nbus: {listen: '" + bus +
                      "'}\ninstances:\n"
                      "  - id: ocr\n    use: recognize.neural\n    config: {workers: 1}\n"
                      "    subscribe: {frames: frames.peer}\n    publish: {reads: reads.ocr, results: results.ocr}\n"
                      "  - id: probe\n    use: test.read_probe\n    config: {file: " +
                      (dir / "results.jsonl").string() + "}\n    subscribe: {results: results.}\n"
                      "  - id: log\n    use: sink.log\n    subscribe: {in: logged.}\n";
    host = std::make_unique<ChildProcess>(
        std::vector<std::string>{platebus_binary().string(), "run", write_file(dir / "d.yaml", yaml).string(),
                                 "--pid-file", pid_file.string()});
    BOOST_REQUIRE_MESSAGE(wait_until([&] { return fs::exists(pid_file) && contains(host->err(), "reading with"); }, 60s),
                          host->err());
    publisher.set(zmq::sockopt::linger, 0);
    publisher.connect(bus + ".publish");
    // The first frame that gets through shows the peer's connection is up.
    BOOST_REQUIRE_MESSAGE(send_until_read(ordinary_frame), host->err());
  }
  ~HostWithPeer() {
    host->signal(SIGTERM);
    host->wait(30s);
  }

  static Message ordinary_frame(std::uint64_t n) {
    return frame_message(image_from_mat(cv::Mat(240, 320, CV_8UC3, cv::Scalar(40, 80, 120))), n);
  }

  // The FrameResult recorded for frame `n`, or null.
  json result_of(std::uint64_t n) const {
    for (const auto& line : read_lines(dir / "results.jsonl")) {
      auto parsed = json::parse(line, nullptr, false);
      if (!parsed.is_discarded() && parsed.value("sequence", std::uint64_t{0}) == n) return parsed;
    }
    return nullptr;
  }

  // Publishes frames made by `make` until the recognizer answers one (a frame topic drops what
  // arrives while it is busy); returns whether one was answered within 30 s.
  template <class Make>
  bool send_until_read(Make make) {
    const auto until = std::chrono::steady_clock::now() + 30s;
    std::vector<std::uint64_t> sent;
    while (std::chrono::steady_clock::now() < until) {
      sent.push_back(++sequence);
      send_message(publisher, "frames.peer", make(sequence));
      if (wait_until([&] { return std::any_of(sent.begin(), sent.end(), [&](auto n) { return !result_of(n).is_null(); }); },
                     500ms))
        return true;
    }
    return false;
  }

  json last_answered() const {
    json last;
    for (const auto& line : read_lines(dir / "results.jsonl")) {
      auto parsed = json::parse(line, nullptr, false);
      if (!parsed.is_discarded()) last = parsed;
    }
    return last;
  }

  std::uint64_t peak_rss_kib() const {
    std::ifstream status("/proc/" + read_lines(pid_file).at(0) + "/status");
    std::string line;
    while (std::getline(status, line))
      if (line.starts_with("VmHWM:")) return std::stoull(line.substr(6));
    return 0;
  }

  bool alive() const { return ::kill(std::stoi(read_lines(pid_file).at(0)), 0) == 0; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_frame_whose_stride_wraps_around_is_refused_and_the_host_lives_on) {
  HostWithPeer bus;
  BOOST_REQUIRE(bus.send_until_read([](std::uint64_t n) { return frame_with_wrapping_stride(n); }));
  const auto refused = bus.last_answered();
  BOOST_TEST(contains(refused.value("error", ""), "does not fit"), refused.dump());
  BOOST_TEST(bus.alive(), bus.host->err());
  BOOST_TEST(bus.send_until_read(HostWithPeer::ordinary_frame), bus.host->err());
  BOOST_TEST(!bus.last_answered().contains("error"), bus.last_answered().dump());
}

BOOST_AUTO_TEST_CASE(a_header_100000_levels_deep_never_reaches_sink_log) {
  HostWithPeer bus;
  const std::string deep =
      "{\"type\": \"Deep\", \"a\": " + std::string(100'000, '[') + std::string(100'000, ']') + "}";
  for (int i = 0; i < 5; ++i) {
    std::array<zmq::const_buffer, 2> frames{zmq::buffer(std::string_view("logged.deep")), zmq::buffer(deep)};
    bus.publisher.send(frames[0], zmq::send_flags::sndmore);
    bus.publisher.send(frames[1], zmq::send_flags::none);
    std::this_thread::sleep_for(100ms);
  }
  BOOST_TEST(wait_until([&] { return contains(bus.host->err(), "deeper than 32 levels"); }, 10s), bus.host->err());
  BOOST_TEST(bus.alive(), bus.host->err());
  BOOST_TEST(!contains(bus.host->err(), "Deep on 'logged.deep'"), bus.host->err());
  BOOST_TEST(bus.send_until_read(HostWithPeer::ordinary_frame), bus.host->err());
}

// The bomb test: a 1 KB JPEG whose header says 30000x30000 (2.7 GB decoded) sent as a Frame.
BOOST_AUTO_TEST_CASE(a_decompression_bomb_frame_is_refused_before_decoding_and_counted) {
  HostWithPeer bus;
  const auto bomb = jpeg_claiming(30000, 30000);
  BOOST_REQUIRE(!bomb.empty() && bomb.size() < 2000);
  const auto before = bus.peak_rss_kib();
  BOOST_REQUIRE(bus.send_until_read([&](std::uint64_t n) { return frame_message(jpeg_image(bomb, 640, 480), n); }));
  const auto refused = bus.last_answered();
  BOOST_TEST(contains(refused.value("error", ""), "30000x30000"), refused.dump());
  BOOST_TEST(refused.value("refused_frames", 0) >= 1, refused.dump());
  const auto after = bus.peak_rss_kib();
  BOOST_TEST_MESSAGE("the host's peak RSS: " << before << " KiB before the bomb, " << after << " KiB after");
  BOOST_TEST(after < before + 300 * 1024, "peak RSS went from " << before << " KiB to " << after << " KiB");
  BOOST_TEST(bus.alive(), bus.host->err());
  BOOST_TEST(bus.send_until_read(HostWithPeer::ordinary_frame), bus.host->err());
  BOOST_TEST(!bus.last_answered().contains("error"), bus.last_answered().dump());
  bus.host->signal(SIGTERM);
  BOOST_TEST(bus.host->wait(30s) == 0);
  BOOST_TEST(contains(bus.host->err(), "refused"), bus.host->err());
}
