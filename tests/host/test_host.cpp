// The real host running real plugins in this process: frames flow end to end, lossless delivery
// loses nothing, latest delivery drops the oldest, crashes are contained, shutdown drains, and a
// reload swaps a capture driver while the subscriber downstream keeps receiving.
#define BOOST_TEST_MODULE host
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "recorded_lines.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

// A deployment file using the test plugins, with a quick supervisor so restart tests stay short.
fs::path deployment(const TempDir& dir, const std::string& instances, const std::string& name = "deployment.yaml",
                    const std::string& supervisor = "{restart_backoff: 20ms, max_backoff: 100ms, max_restarts: 50}") {
  return write_file(dir / name, "plugin_path: " + test_plugin_dir("good").string() + "\n" +
                                    "supervisor: " + supervisor + "\n" + "instances:\n" + instances);
}

std::string recorder(const TempDir& dir, const std::string& subscribe, const std::string& delay = "0ms") {
  return "  - id: recorder\n    use: test.recorder\n    config: {file: " + (dir / "recorded.txt").string() +
         ", delay: " + delay + "}\n    subscribe: " + subscribe + "\n";
}

std::string counter(const std::string& config, const std::string& publish) {
  return "  - id: counter\n    use: test.counter\n    config: " + config + "\n    publish: " + publish + "\n";
}

void start(Host& host, const fs::path& file) {
  Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
}

}  // namespace

BOOST_AUTO_TEST_CASE(synthetic_frames_reach_a_subscriber) {
  TempDir dir;
  const auto file = deployment(dir, "  - id: cam\n    use: capture.synthetic\n    config: {fps: 20, width: 640, height: 360}\n"
                                    "    publish: {frames: frames.cam}\n" +
                                        recorder(dir, "{frames: frames.}"));
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] { return count_of(recorded(dir / "recorded.txt"), "cam") >= 3; }, 10s));
  host.stop();
  const auto lines = recorded(dir / "recorded.txt");
  BOOST_TEST(lines.front().type == "Frame");
  BOOST_TEST(lines.front().topic == "frames.cam");
  BOOST_TEST(host.stats().of("frames.cam").messages >= 3u);
}

BOOST_AUTO_TEST_CASE(lossless_delivery_loses_nothing_to_a_slow_consumer) {
  TempDir dir;
  const auto file =
      deployment(dir, counter("{limit: 300}", "{out: numbers}") +
                          recorder(dir, "{in: {topic: numbers, queue: 8}}", "2ms"));
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] { return recorded(dir / "recorded.txt").size() >= 300; }, 20s));
  host.stop();
  const auto lines = recorded(dir / "recorded.txt");
  BOOST_REQUIRE_EQUAL(lines.size(), 300u);
  for (std::size_t i = 0; i < lines.size(); ++i) BOOST_REQUIRE_EQUAL(lines[i].n, static_cast<long long>(i + 1));
  BOOST_TEST(host.stats().of("numbers").drops == 0u);
}

BOOST_AUTO_TEST_CASE(latest_delivery_keeps_the_newest_and_counts_drops) {
  TempDir dir;
  const auto file = deployment(
      dir, counter("{limit: 200}", "{latest_out: frames.fast}") +
               recorder(dir, "{in: {topic: frames., delivery: latest, queue: 2}}", "5ms"));
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] {
    const auto lines = recorded(dir / "recorded.txt");
    return !lines.empty() && lines.back().n == 200;
  }, 20s));
  host.stop();
  const auto lines = recorded(dir / "recorded.txt");
  const auto drops = host.stats().of("frames.fast").drops;
  BOOST_TEST(lines.size() < 200u);
  BOOST_TEST(drops > 0u);
  BOOST_TEST(lines.size() + drops == 200u);
  for (std::size_t i = 1; i < lines.size(); ++i) BOOST_REQUIRE_LT(lines[i - 1].n, lines[i].n);
}

BOOST_AUTO_TEST_CASE(a_throwing_instance_restarts_while_the_others_keep_flowing) {
  TempDir dir;
  const auto file = deployment(dir,
                               "  - id: thrower\n    use: test.thrower\n    config: {throw_after: 3}\n"
                               "    publish: {out: numbers.thrower}\n"
                               "  - id: counter\n    use: test.counter\n    config: {interval: 5ms}\n"
                               "    publish: {out: numbers.counter}\n" +
                                   recorder(dir, "{in: numbers.}"));
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] { return host.instance("thrower")->restarts() >= 3; }, 10s));
  const auto before = count_of(recorded(dir / "recorded.txt"), "counter");
  BOOST_TEST(wait_until([&] { return count_of(recorded(dir / "recorded.txt"), "counter") > before + 20; }, 10s));
  host.stop();
  const auto lines = recorded(dir / "recorded.txt");
  const auto first_messages = std::count_if(lines.begin(), lines.end(),
                                            [](const Line& l) { return l.source == "thrower" && l.n == 1; });
  BOOST_TEST(first_messages >= 3);  // each restart is a fresh object that starts counting again
  BOOST_TEST(host.instance("counter") == nullptr);  // stopped and gone
}

BOOST_AUTO_TEST_CASE(restarts_are_capped_and_the_instance_stays_failed) {
  TempDir dir;
  const auto file =
      deployment(dir, "  - id: thrower\n    use: test.thrower\n    config: {throw_after: 0}\n    publish: {out: n}\n",
                 "deployment.yaml", "{restart_backoff: 10ms, max_backoff: 20ms, max_restarts: 2, restart_window: 1m}");
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] { return host.instance("thrower")->state() == InstanceState::failed; }, 10s));
  BOOST_TEST(host.instance("thrower")->restarts() == 2);
}

BOOST_AUTO_TEST_CASE(shutdown_drains_messages_in_flight) {
  TempDir dir;
  const auto file =
      deployment(dir, counter("{limit: 200}", "{out: numbers}") +
                          recorder(dir, "{in: numbers}", "3ms"));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return host.instance("counter")->state() == InstanceState::finished; }, 10s));
  BOOST_TEST(recorded(dir / "recorded.txt").size() < 200u);  // the consumer is still busy...
  host.stop();
  BOOST_TEST(recorded(dir / "recorded.txt").size() == 200u);  // ...and shutdown waited for it
}

BOOST_AUTO_TEST_CASE(reload_swaps_the_capture_driver_while_the_subscriber_keeps_receiving) {
  TempDir dir;
  const auto downstream = recorder(dir, "{in: frames.}");
  const auto before = deployment(dir, "  - id: cam\n    use: test.counter\n    config: {interval: 10ms}\n"
                                      "    publish: {out: frames.cam}\n" + downstream);
  Host host;
  start(host, before);
  auto* kept = host.instance("recorder");
  BOOST_REQUIRE(wait_until([&] { return count_of(recorded(dir / "recorded.txt"), "cam") >= 5; }, 10s));

  const auto after = deployment(dir, "  - id: cam\n    use: capture.synthetic\n    config: {fps: 30, width: 320, height: 240}\n"
                                     "    publish: {frames: frames.cam}\n" + downstream, "deployment.yaml");
  Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.reload(after, diagnostics), diagnostics.to_string());
  BOOST_TEST(host.instance("recorder") == kept);  // unchanged: the same running instance
  BOOST_TEST(wait_until([&] {
    const auto lines = recorded(dir / "recorded.txt");
    return std::count_if(lines.begin(), lines.end(), [](const Line& l) { return l.type == "Frame"; }) >= 5;
  }, 10s));
  const auto lines = recorded(dir / "recorded.txt");
  BOOST_TEST(lines.front().type == "Count");
  BOOST_TEST(lines.back().type == "Frame");
}

BOOST_AUTO_TEST_CASE(an_invalid_reload_changes_nothing) {
  TempDir dir;
  const auto file = deployment(dir, counter("{interval: 5ms}", "{out: numbers}") + recorder(dir, "{in: numbers}"));
  Host host;
  start(host, file);
  auto* counter = host.instance("counter");
  write_file(file, "instances:\n  - id: counter\n    use: no.such.plugin\n");
  Diagnostics diagnostics;
  BOOST_TEST(!host.reload(file, diagnostics));
  BOOST_TEST(diagnostics.has_errors());
  BOOST_TEST(host.instance("counter") == counter);
  const auto seen = recorded(dir / "recorded.txt").size();
  BOOST_TEST(wait_until([&] { return recorded(dir / "recorded.txt").size() > seen + 10; }, 10s));
}

BOOST_AUTO_TEST_CASE(starts_and_reloads_applied_and_refused_are_published_on_the_lifecycle_topic) {
  TempDir dir;
  const auto body = counter("{interval: 50ms}", "{out: numbers}") + recorder(dir, "{in: lifecycle}");
  const auto file = write_file(dir / "deployment.yaml", "plugin_path: " + test_plugin_dir("good").string() +
                                                           "\nbus: {lifecycle_topic: lifecycle}\ninstances:\n" + body);
  Host host;
  start(host, file);
  Diagnostics applied;
  BOOST_REQUIRE(host.reload(file, applied));
  write_file(file, "instances: [oops\n");
  Diagnostics refused;
  BOOST_TEST(!host.reload(file, refused));
  // Two instances started, one reload applied, one refused: neutral events, no audit schema.
  BOOST_TEST(wait_until([&] { return recorded(dir / "recorded.txt").size() >= 4; }, 5s));
  const auto lines = recorded(dir / "recorded.txt");
  BOOST_REQUIRE(lines.size() == 4u);
  for (const auto& line : lines) {
    BOOST_TEST(line.topic == "lifecycle");
    BOOST_TEST(line.source == "platebus");
    BOOST_TEST(line.type == "LifecycleEvent");
  }
}

BOOST_AUTO_TEST_CASE(a_failed_lossless_consumer_does_not_stall_its_publishers) {
  TempDir dir;
  const auto file = deployment(
      dir, counter("{limit: 500}", "{out: numbers}") +
               recorder(dir, "{in: numbers}") +
               "  - id: broken\n    use: test.recorder\n    config: {file: /nonexistent/folder/x.txt}\n"
               "    subscribe: {in: {topic: numbers, queue: 4}}\n");
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] { return recorded(dir / "recorded.txt").size() == 500; }, 20s));
  BOOST_TEST(to_string(host.instance("broken")->state()) == std::string("failed"));
  BOOST_TEST(host.stats().of("numbers").drops > 0u);  // what the failed one would have had is counted
}

BOOST_AUTO_TEST_CASE(a_capture_can_ask_for_lossless_delivery_so_every_frame_is_seen) {
  TempDir dir;
  // The port is `latest` by its descriptor; the binding asks for lossless, as a file replay would.
  const auto file = deployment(dir,
                               "  - id: replay\n    use: test.counter\n    config: {limit: 150}\n"
                               "    publish: {latest_out: {topic: frames.replay, delivery: lossless}}\n" +
                                   recorder(dir, "{frames: {topic: frames., queue: 2}}", "3ms"));
  Host host;
  start(host, file);
  BOOST_TEST(wait_until([&] { return recorded(dir / "recorded.txt").size() == 150; }, 20s));
  host.stop();
  const auto lines = recorded(dir / "recorded.txt");
  BOOST_REQUIRE_EQUAL(lines.size(), 150u);
  BOOST_TEST(lines.back().n == 150);
  BOOST_TEST(host.stats().of("frames.replay").drops == 0u);
}
