// Instances with `isolate: true` run in a child process of the real `platebus` binary: a plugin
// that segfaults, aborts, overflows its stack, calls exit() or lets an exception escape its thread
// ends only its own process, which restarts under the supervisor's cap while the rest keep flowing;
// lossless ports stay lossless across the process boundary in both directions.
#define BOOST_TEST_MODULE isolation
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdlib>

#include <sys/stat.h>

#include "runtime/deployment_loader.hpp"
#include "runtime/host.hpp"
#include "runtime/instance.hpp"
#include "recorded_lines.hpp"
#include "test_support.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

std::vector<long long> numbers_from(const std::vector<Line>& lines, const std::string& source) {
  std::vector<long long> numbers;
  for (const auto& line : lines)
    if (line.source == source) numbers.push_back(line.n);
  return numbers;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

fs::path deployment(const TempDir& dir, const std::string& instances) {
  return write_file(dir / "deployment.yaml",
                    "plugin_path: " + test_plugin_dir("good").string() + "\n" +
                        "supervisor: {restart_backoff: 20ms, max_backoff: 100ms, max_restarts: 3, restart_window: 60s}\n"
                        "instances:\n" + instances);
}

std::string recorder(const TempDir& dir, const std::string& subscribe, const std::string& extra = "") {
  return "  - id: recorder\n    use: test.recorder\n    config: {file: " + (dir / "recorded.txt").string() +
         "}\n    subscribe: " + subscribe + "\n" + extra;
}

// The real host in its own process, stopped with SIGTERM (as a service manager does).
class RunningHost {
 public:
  explicit RunningHost(const fs::path& file) : process_({platebus_binary().string(), "run", file.string()}) {}
  std::string log() const { return process_.err(); }
  bool still_running() { return process_.wait(0ms) == -1; }
  int stop() {
    process_.signal(SIGTERM);
    return process_.wait(30s);
  }

 private:
  ChildProcess process_;
};

struct CrashWay {
  std::string crash;  // test.crasher's `crash` setting
  std::string death;  // how the host's log says its process ended
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_crashing_isolated_instance_restarts_alone_under_the_cap) {
  const CrashWay ways[] = {{"segfault", "was killed by signal SIGSEGV (Segmentation fault)"},
                           {"abort", "was killed by signal SIGABRT (Aborted)"},
                           {"exit", "exited with code 3 before its plugin returned"},
                           {"stack_overflow", "was killed by signal SIGSEGV (Segmentation fault)"},
                           {"thread_exception", "was killed by signal SIGABRT (Aborted)"}};
  for (const auto& way : ways) {
    BOOST_TEST_CONTEXT("crash: " << way.crash) {
      TempDir dir;
      const auto file = deployment(
          dir, "  - id: crasher\n    use: test.crasher\n    isolate: true\n    config: {crash: " + way.crash +
                   ", crash_after: 3}\n    publish: {out: numbers.crasher}\n"
                   "  - id: counter\n    use: test.counter\n    config: {interval: 5ms}\n"
                   "    publish: {out: numbers.counter}\n" +
                   recorder(dir, "{in: numbers.}"));
      RunningHost host(file);
      BOOST_REQUIRE_MESSAGE(wait_until([&] { return host.log().find("stays stopped") != std::string::npos; }, 30s),
                            host.log());
      // The rest keeps flowing after the crasher has failed for good.
      const auto before = count_of(recorded(dir / "recorded.txt"), "counter");
      BOOST_TEST(wait_until([&] { return count_of(recorded(dir / "recorded.txt"), "counter") >= before + 20; },
                            10s));
      BOOST_TEST(host.still_running());
      BOOST_TEST(host.stop() == 0);
      const auto log = host.log();
      // Each death is logged under the instance's name, with how its process ended: three restarts,
      // then the fourth failure within the window leaves it stopped.
      BOOST_TEST(occurrences(log, "[crasher] failed: its process (pid ") == 4u, log);
      BOOST_TEST(occurrences(log, way.death) == 4u, log);
      BOOST_TEST(occurrences(log, "; restarting in ") == 3u, log);
      BOOST_TEST(occurrences(log, "it failed 4 times within 60000 ms, so it stays stopped") == 1u, log);
      // What each life published before dying arrived, all of it (lossless across the boundary).
      const auto crasher = numbers_from(recorded(dir / "recorded.txt"), "crasher");
      BOOST_TEST(crasher == (std::vector<long long>{1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}));
    }
  }
}

// Lossless input across the boundary: the message an isolated subscriber's process dies holding is
// lost with it, and counted, never silently; once it has failed for good, what is queued for it is
// dropped and counted. Processed + drops = published.
BOOST_AUTO_TEST_CASE(a_message_lost_with_a_crashing_subscriber_is_counted) {
  TempDir dir;
  const auto file = deployment(dir, "  - id: counter\n    use: test.counter\n    config: {limit: 20}\n"
                                    "    publish: {out: numbers}\n"
                                    "  - id: crasher\n    use: test.crasher\n    isolate: true\n"
                                    "    config: {trigger: received, crash_after: 3}\n    subscribe: {in: numbers}\n");
  RunningHost host(file);
  BOOST_REQUIRE_MESSAGE(wait_until([&] { return host.log().find("stays stopped") != std::string::npos; }, 30s),
                        host.log());
  BOOST_TEST(host.stop() == 0);
  const auto log = host.log();
  // Four lives, each took 3 messages and died holding the 4th: 12 processed, 4 lost in hand, and the
  // last 4 dropped when it was left stopped.
  BOOST_TEST(occurrences(log, "the message on 'numbers' it was handling when its process died is lost") == 4u, log);
  BOOST_TEST(occurrences(log, "discarded 4 queued message(s): this instance has failed") == 1u, log);
  BOOST_TEST(log.find("stats topic=numbers messages=20 bytes=0 drops=8") != std::string::npos, log);
}

// The contrast, in a host process of its own: without isolate the same crash ends the whole host.
BOOST_AUTO_TEST_CASE(without_isolate_the_same_crash_ends_the_host) {
  TempDir dir;
  const auto file = deployment(dir, "  - id: crasher\n    use: test.crasher\n    config: {crash: segfault}\n"
                                    "    publish: {out: numbers.crasher}\n" +
                                        recorder(dir, "{in: numbers.}"));
  const auto result = run_process({platebus_binary().string(), "run", file.string(), "--for", "20s"}, 30s);
  BOOST_TEST(result.exit_status == 128 + SIGSEGV);
}

namespace {
// test.counter publishes `count` numbers losslessly to a test.recorder with a small queue, one of
// the two isolated: all of them arrive, in order, and the host counts no drop.
void lossless_across_the_boundary(bool isolated_publisher, long long count) {
  TempDir dir;
  const std::string isolate = "    isolate: true\n";
  const auto file = deployment(dir, "  - id: counter\n    use: test.counter\n" + (isolated_publisher ? isolate : "") +
                                        "    config: {limit: " + std::to_string(count) + "}\n    publish: {out: numbers}\n" +
                                        recorder(dir, "{in: {topic: numbers, queue: 4}}", isolated_publisher ? "" : isolate));
  RunningHost host(file);
  BOOST_TEST(wait_until([&] { return recorded(dir / "recorded.txt").size() >= static_cast<std::size_t>(count); }, 60s));
  BOOST_TEST(host.stop() == 0);
  const auto numbers = numbers_from(recorded(dir / "recorded.txt"), "counter");
  BOOST_REQUIRE_EQUAL(numbers.size(), static_cast<std::size_t>(count));
  for (long long i = 0; i < count; ++i) BOOST_REQUIRE_EQUAL(numbers[i], i + 1);
  const auto stats = "stats topic=numbers messages=" + std::to_string(count) + " bytes=0 drops=0";
  BOOST_TEST(host.log().find(stats) != std::string::npos, host.log());
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_isolated_lossless_publisher_loses_nothing) { lossless_across_the_boundary(true, 3000); }

BOOST_AUTO_TEST_CASE(an_isolated_lossless_subscriber_loses_nothing) { lossless_across_the_boundary(false, 1000); }

BOOST_AUTO_TEST_CASE(the_channel_folder_is_private_and_removed_at_stop) {
  TempDir dir, tmp;
  setenv("TMPDIR", tmp.path().c_str(), 1);
  const auto file = deployment(dir, "  - id: counter\n    use: test.counter\n    isolate: true\n"
                                    "    config: {interval: 10ms}\n    publish: {out: numbers}\n" +
                                        recorder(dir, "{in: numbers}"));
  RunningHost host(file);
  unsetenv("TMPDIR");
  BOOST_REQUIRE(wait_until([&] { return recorded(dir / "recorded.txt").size() >= 5; }, 20s));
  const auto channel_folders = [&] {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(tmp.path()))
      if (entry.path().filename().string().starts_with("platebus-isolated-")) folders.push_back(entry.path());
    return folders;
  };
  const auto folders = channel_folders();
  BOOST_REQUIRE_EQUAL(folders.size(), 1u);
  BOOST_TEST(!fs::is_empty(folders[0]));  // the sockets
  struct stat info {};
  BOOST_REQUIRE(stat(folders[0].c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0700u);
  BOOST_TEST(host.stop() == 0);
  BOOST_TEST(channel_folders().empty());
}

BOOST_AUTO_TEST_CASE(check_wants_isolate_true_or_false_at_its_place) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", "plugin_path: " + test_plugin_dir("good").string() +
                                                   "\ninstances:\n"
                                                   "  - id: counter\n    use: test.counter\n"
                                                   "    publish: {out: numbers}\n    isolate: sometimes\n");
  const auto result = run_process({platebus_binary().string(), "check", file.string()});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find(file.string() + ":6:14: error: isolate must be true or false") != std::string::npos,
             result.err);
}

BOOST_AUTO_TEST_CASE(isolate_is_read_and_a_reload_restarts_an_instance_whose_isolate_changed) {
  TempDir dir;
  const auto text = [&](const std::string& isolate) {
    return "plugin_path: " + test_plugin_dir("good").string() +
           "\ninstances:\n  - id: counter\n    use: test.counter\n    publish: {out: numbers}\n" + isolate;
  };
  Diagnostics plain_diagnostics, isolated_diagnostics;
  const auto plain = load_deployment(write_file(dir / "a.yaml", text("")), plain_diagnostics);
  const auto isolated = load_deployment(write_file(dir / "b.yaml", text("    isolate: true\n")), isolated_diagnostics);
  BOOST_REQUIRE(!plain_diagnostics.has_errors());
  BOOST_REQUIRE_MESSAGE(!isolated_diagnostics.has_errors(), isolated_diagnostics.to_string());
  BOOST_TEST(!plain.deployment.instances[0].isolate);
  BOOST_TEST(isolated.deployment.instances[0].isolate);
  const auto& library = *plain.catalog.find("test.counter");
  BOOST_TEST(Instance::fingerprint_of(plain.deployment.instances[0], library) !=
             Instance::fingerprint_of(isolated.deployment.instances[0], library));
}

// A program that embeds the host (this test, in build/bin) and names no runner starts the platebus
// beside it, never itself; a runner that cannot be started fails like a crash, under the cap.
BOOST_AUTO_TEST_CASE(an_embedding_program_starts_the_platebus_beside_it) {
  TempDir dir;
  const auto file = deployment(dir, "  - id: counter\n    use: test.counter\n    isolate: true\n"
                                    "    config: {interval: 1ms}\n    publish: {out: numbers}\n");
  {
    Host host;
    Diagnostics diagnostics;
    BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
    BOOST_TEST(wait_until([&] { return host.stats().of("numbers").messages >= 20u; }, 20s));
    BOOST_TEST(host.instance("counter")->restarts() == 0);
  }
  Host host;
  host.set_isolation_runner("/nonexistent/platebus");
  Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
  BOOST_TEST(wait_until([&] { return host.instance("counter")->state() == InstanceState::failed; }, 20s));
  BOOST_TEST(host.instance("counter")->restarts() == 3);
}
