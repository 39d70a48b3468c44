// Shutdown in the real host: instances stop in the data's direction whatever the file's order, the
// drain waits for work a plugin's own threads hold, and whatever is still dropped at stop is counted
// and logged.
#define BOOST_TEST_MODULE shutdown
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <csignal>

#include "../capture/capture_test_helpers.hpp"
#include "runtime/stop_order.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace platebus::test::capture;
using namespace std::chrono_literals;

namespace {

std::string counter(long long limit) {
  return "  - id: counter\n    use: test.counter\n    config: {limit: " + std::to_string(limit) +
         "}\n    publish: {out: numbers}\n";
}

std::string pool(bool discard_at_stop = false, bool isolate = false) {
  return "  - id: pool\n    use: test.worker_pool\n    config: {workers: 3, hold: 250ms, discard_at_stop: " +
         std::string(discard_at_stop ? "true" : "false") + "}\n"
         "    subscribe: {in: numbers}\n    publish: {out: results}\n" + (isolate ? "    isolate: true\n" : "");
}

std::string recorder(const TempDir& dir, const std::string& subscribe, const std::string& delay = "0ms") {
  return "  - id: recorder\n    use: test.recorder\n    config: {file: " + (dir / "recorded.txt").string() +
         ", delay: " + delay + "}\n    subscribe: " + subscribe + "\n";
}

}  // namespace

// The reported loss: a source, a recognizer whose worker threads hold frames, and a lossless
// subscriber. Listed producer first, the old "reverse order" stopped the subscriber first; listed
// the other way, it stopped the subscriber without draining it. Either way every result arrives.
BOOST_AUTO_TEST_CASE(results_held_by_worker_threads_all_reach_the_subscriber_at_stop) {
  constexpr long long kMessages = 12;
  for (const bool producer_first : {true, false}) {
    for (int run = 0; run < 2; ++run) {
      TempDir dir;
      const auto body = producer_first ? counter(kMessages) + pool() + recorder(dir, "{in: results}")
                                       : recorder(dir, "{in: results}") + pool() + counter(kMessages);
      Host host;
      start(host, deployment(dir, body));
      BOOST_REQUIRE(wait_until([&] { return state_of(host, "counter") == "finished"; }, 10s));
      host.stop();  // what SIGTERM does, right after the source finished
      BOOST_TEST(read_lines(dir / "recorded.txt").size() == static_cast<std::size_t>(kMessages),
                 "producer listed first: " << producer_first << ", run " << run);
      BOOST_TEST(host.stats().of("results").drops == 0u);
    }
  }
}

// The same through the real binary and SIGTERM, sent while the worker threads still hold results.
BOOST_AUTO_TEST_CASE(sigterm_delivers_every_result_worker_threads_hold) {
  constexpr long long kMessages = 12;
  TempDir dir;
  const auto file = deployment(dir, counter(kMessages) + pool() + recorder(dir, "{in: results}"));
  ChildProcess platebus({platebus_binary().string(), "run", file.string()});
  BOOST_REQUIRE(wait_until([&] { return !read_lines(dir / "recorded.txt").empty(); }, 10s));
  platebus.signal(SIGTERM);
  BOOST_TEST(platebus.wait(20s) == 0, platebus.err());
  BOOST_TEST(read_lines(dir / "recorded.txt").size() == static_cast<std::size_t>(kMessages), platebus.err());
}

// The idle signal itself: this pool's stop() drops the messages its threads have not started, so
// they arrive only because the host waited for every begin_work() to be matched before stopping it.
// Isolated too: the child's begin_work()/end_work() travel to the host, whose drain waits for them.
BOOST_AUTO_TEST_CASE(the_drain_waits_for_work_a_plugin_says_its_threads_hold) {
  constexpr long long kMessages = 12;
  for (const bool isolate : {false, true}) {
    TempDir dir;
    Host host;
    start(host, deployment(dir, counter(kMessages) + pool(/*discard_at_stop=*/true, isolate) +
                                    recorder(dir, "{in: results}")));
    BOOST_REQUIRE(wait_until([&] { return state_of(host, "counter") == "finished"; }, 10s));
    host.stop();
    BOOST_TEST(read_lines(dir / "recorded.txt").size() == static_cast<std::size_t>(kMessages), "isolate: " << isolate);
  }
}

// A consumer that cannot keep up with a short stop_timeout: what was still queued for it, and what
// its producer could not send any more, is counted as dropped on the topic and logged by name.
BOOST_AUTO_TEST_CASE(what_is_dropped_at_stop_is_counted_and_logged) {
  TempDir dir;
  StderrCapture log(dir / "log.txt");
  const auto file = write_file(dir / "deployment.yaml",
                               "plugin_path: " + test_plugin_dir("good").string() +
                                   "\nsupervisor: {stop_timeout: 300ms}\ninstances:\n" + counter(0) +
                                   recorder(dir, "{in: {topic: numbers, queue: 4}}", "200ms"));
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "recorded.txt").size() >= 2; }, 10s));
  host.stop();
  const auto recorded = read_lines(dir / "recorded.txt").size();
  const auto stats = host.stats().of("numbers");
  BOOST_TEST(stats.drops > 0u);
  // Everything sent was either handled or counted; at most one more was counted unsent.
  BOOST_TEST(recorded + stats.drops >= stats.messages);
  BOOST_TEST(recorded + stats.drops <= stats.messages + 1);
  const auto text = log.text();
  BOOST_TEST(text.find("[recorder] dropped") != std::string::npos);
  BOOST_TEST(text.find("message(s) on 'numbers' at stop") != std::string::npos);
}

namespace {

PortBinding binding(std::string port, std::string topic) {
  PortBinding binding;
  binding.port = std::move(port);
  binding.topic = std::move(topic);
  return binding;
}

InstanceConfig instance(std::string id, std::vector<std::string> publish, std::vector<std::string> subscribe) {
  InstanceConfig config;
  config.id = std::move(id);
  for (auto& topic : publish) config.publish.push_back(binding("out", std::move(topic)));
  for (auto& topic : subscribe) config.subscribe.push_back(binding("in", std::move(topic)));
  return config;
}

// The layers as instance ids, "*" marking a layer that breaks a cycle.
std::vector<std::string> layers_of(const std::vector<InstanceConfig>& configs) {
  std::vector<const InstanceConfig*> pointers;
  for (const auto& config : configs) pointers.push_back(&config);
  std::vector<std::string> out;
  for (const auto& layer : stop_layers(pointers)) {
    std::string ids = layer.breaks_cycle ? "*" : "";
    for (const auto i : layer.members) ids += (ids.empty() || ids == "*" ? "" : " ") + configs[i].id;
    out.push_back(ids);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(stop_order_follows_the_data_not_the_file) {
  // Listed consumer first; subscriptions are prefixes.
  const std::vector<InstanceConfig> chain{instance("sink", {}, {"reads."}), instance("ocr", {"reads.ocr"}, {"frames."}),
                                          instance("cam2", {"frames.two"}, {}), instance("cam1", {"frames.one"}, {})};
  BOOST_TEST(layers_of(chain) == (std::vector<std::string>{"cam2 cam1", "ocr", "sink"}), boost::test_tools::per_element());

  // A caller stops before the service it calls.
  auto api = instance("api", {}, {});
  api.call.push_back(binding("records", "audit.records"));
  auto audit = instance("audit", {}, {});
  audit.serve.push_back(binding("records", "audit.records"));
  BOOST_TEST(layers_of({audit, api}) == (std::vector<std::string>{"api", "audit"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_cycle_is_broken_where_the_fewest_feeders_still_run) {
  // cam feeds a; a and b feed each other; b feeds out. Once cam stops, out, b and a each have one
  // running feeder, but out is in no cycle; of b and a, the earlier in the file goes first.
  const std::vector<InstanceConfig> configs{instance("out", {}, {"y"}), instance("b", {"x", "y"}, {"x2"}),
                                            instance("a", {"x2"}, {"x", "cam"}), instance("cam", {"cam"}, {})};
  BOOST_TEST(layers_of(configs) == (std::vector<std::string>{"cam", "*b", "out a"}), boost::test_tools::per_element());
  // An instance publishing to a topic it subscribes to is no cycle.
  BOOST_TEST(layers_of({instance("loop", {"t"}, {"t"})}) == (std::vector<std::string>{"loop"}),
             boost::test_tools::per_element());
}
