// `platebus check` rules: every kind of deployment error is found, all at once, each as
// FILE:LINE:COL with what is wrong and how to fix it. Checked against the real test plugins.
#define BOOST_TEST_MODULE deployment_check
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "runtime/deployment_loader.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;

namespace {

struct Checked {
  Diagnostics diagnostics;
  std::string file;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// Writes `body` under a header that puts the test plugins on the plugin path, and checks it.
Checked check(const std::string& body, const TempDir& dir, bool with_test_plugins = true) {
  Checked result;
  const auto text = (with_test_plugins ? "plugin_path: " + test_plugin_dir("good").string() + "\n" : "\n") + body;
  result.file = write_file(dir / "deployment.yaml", text).string();
  load_deployment(result.file, result.diagnostics);
  for (const auto& d : result.diagnostics.items())
    (d.severity == Severity::error ? result.errors : result.warnings).push_back(d.to_string());
  return result;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& line : lines)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

const std::string kCounter =
    "  - id: counter\n"
    "    use: test.counter\n"
    "    publish: {out: numbers}\n";

}  // namespace

BOOST_AUTO_TEST_CASE(valid_deployment_has_no_errors_and_gets_defaults) {
  TempDir dir;
  auto result = check("instances:\n" + kCounter +
                          "  - id: rec\n    use: test.recorder\n    config: {file: /tmp/x}\n"
                          "    subscribe: {in: numbers}\n",
                      dir);
  BOOST_TEST(result.errors.empty(), result.diagnostics.to_string());
  BOOST_TEST(result.warnings.empty(), result.diagnostics.to_string());
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error_has_position) {
  TempDir dir;
  auto result = check("instances:\n  - id: a\n    use: [unclosed\n", dir);
  BOOST_REQUIRE_EQUAL(result.errors.size(), 1u);
  BOOST_TEST(result.errors[0].starts_with(result.file + ":"));
  BOOST_TEST(any_contains(result.errors, "YAML syntax"));
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_found_at_every_level) {
  TempDir dir;
  auto result = check(
      "colour: blue\n"                                   // line 2: top level
      "bus: {listen: tcp://127.0.0.1:7400, insecure: true, speed: 9}\n"  // line 3: bus
      "instances:\n"
      "  - id: counter\n"
      "    use: test.counter\n"
      "    colour: red\n"                                 // line 7: instance
      "    config: {limit: 3, colour: green}\n"           // line 8: plugin config
      "    publish: {out: {topic: numbers, colour: x}}\n",  // line 9: binding
      dir);
  BOOST_TEST(result.errors.size() == 5u, result.diagnostics.to_string());
  BOOST_TEST(any_contains(result.errors, ":2:1: error: unknown key 'colour' in the deployment"));
  BOOST_TEST(any_contains(result.errors, ":3:53: error: unknown key 'speed' in bus"));
  BOOST_TEST(any_contains(result.errors, ":7:5: error: unknown key 'colour' in an instance"));
  BOOST_TEST(any_contains(result.errors, ":8:24: error: plugin 'test.counter' has no config key 'colour'"));
  BOOST_TEST(any_contains(result.errors, "unknown key 'colour' in publish binding"));
}

BOOST_AUTO_TEST_CASE(wrong_types_are_reported_with_the_expected_type) {
  TempDir dir;
  auto result = check(
      "bus: {listen: http://example}\n"
      "log: {level: loud, stats_interval: 10}\n"
      "instances:\n"
      "  - id: counter\n"
      "    use: test.counter\n"
      "    config: {limit: many, interval: 5, payload_bytes: [1]}\n"
      "    publish: {out: numbers}\n",
      dir);
  BOOST_TEST(any_contains(result.errors, "bus.listen 'http://example' must be tcp://HOST:PORT"));
  BOOST_TEST(any_contains(result.errors, "log.level 'loud' is not one of"));
  BOOST_TEST(any_contains(result.errors, "log.stats_interval '10' is not a duration"));
  BOOST_TEST(any_contains(result.errors, "config key 'limit' of plugin 'test.counter' must be a whole number"));
  BOOST_TEST(any_contains(result.errors, "config key 'interval' of plugin 'test.counter' must be a duration"));
  BOOST_TEST(any_contains(result.errors, "config key 'payload_bytes' of plugin 'test.counter' must be a whole number"));
  BOOST_TEST(result.errors.size() == 6u, result.diagnostics.to_string());
}

BOOST_AUTO_TEST_CASE(the_old_audit_topic_key_is_an_error_that_names_lifecycle_topic) {
  TempDir dir;
  auto old = check("bus: {audit_topic: audit}\ninstances:\n" + kCounter, dir);
  BOOST_REQUIRE_EQUAL(old.errors.size(), 1u);
  BOOST_TEST(old.errors[0].starts_with(old.file + ":2:"), old.errors[0]);
  BOOST_TEST(any_contains(old.errors, "bus.audit_topic is now bus.lifecycle_topic"));
  auto renamed = check("bus: {lifecycle_topic: lifecycle}\ninstances:\n" + kCounter, dir);
  BOOST_TEST(renamed.errors.empty(), renamed.diagnostics.to_string());
}

BOOST_AUTO_TEST_CASE(unknown_plugin_is_named_with_the_known_ones) {
  TempDir dir;
  auto result = check("instances:\n  - id: cam\n    use: capture.nonexistent\n", dir);
  BOOST_REQUIRE_EQUAL(result.errors.size(), 1u);
  BOOST_TEST(any_contains(result.errors, ":4:10: error: no plugin named 'capture.nonexistent' was found; known plugins:"));
  BOOST_TEST(any_contains(result.errors, "test.counter"));
}

BOOST_AUTO_TEST_CASE(ports_must_exist_in_the_right_direction) {
  TempDir dir;
  auto result = check("instances:\n"
                      "  - id: counter\n    use: test.counter\n    publish: {frames: numbers}\n    subscribe: {out: x}\n",
                      dir);
  BOOST_TEST(any_contains(result.errors, "plugin 'test.counter' has no output port 'frames'; its publish ports are: out, latest_out"));
  BOOST_TEST(any_contains(result.errors, "plugin 'test.counter' has no input port 'out'; its subscribe ports are: none"));
}

BOOST_AUTO_TEST_CASE(duplicate_ids_and_duplicate_keys_are_errors) {
  TempDir dir;
  auto result = check("instances:\n" + kCounter + kCounter +
                          "  - id: rec\n    use: test.recorder\n    config: {file: a, file: b}\n",
                      dir);
  BOOST_TEST(any_contains(result.errors, ":6:9: error: id 'counter' is used by an earlier instance"));
  BOOST_TEST(any_contains(result.errors, "key 'file' appears twice in this map"));
}

BOOST_AUTO_TEST_CASE(required_config_keys_must_be_set) {
  TempDir dir;
  auto result = check("instances:\n  - id: rec\n    use: test.recorder\n", dir);
  BOOST_TEST(any_contains(result.errors, "instance 'rec' must set config key 'file'"));
}

BOOST_AUTO_TEST_CASE(subscription_nobody_publishes_is_only_a_warning) {
  TempDir dir;
  auto result = check("instances:\n  - id: rec\n    use: test.recorder\n    config: {file: a}\n"
                      "    subscribe: {in: plates.}\n",
                      dir);
  BOOST_TEST(result.errors.empty(), result.diagnostics.to_string());
  BOOST_TEST(any_contains(result.warnings, "no instance here publishes a topic starting with 'plates.'"));
}

// The host itself publishes on bus.lifecycle_topic: subscribing to it is no spelling mistake.
BOOST_AUTO_TEST_CASE(subscribing_to_the_hosts_lifecycle_topic_is_not_warned_of) {
  TempDir dir;
  auto result = check("bus:\n  lifecycle_topic: lifecycle\n"
                      "instances:\n  - id: rec\n    use: test.recorder\n    config: {file: a}\n"
                      "    subscribe: {in: lifecycle}\n",
                      dir);
  BOOST_TEST(result.errors.empty(), result.diagnostics.to_string());
  BOOST_TEST(!any_contains(result.warnings, "no instance here publishes"), result.diagnostics.to_string());
}

BOOST_AUTO_TEST_CASE(missing_instances_and_bad_plugin_path) {
  TempDir dir;
  auto result = check("plugin_path: [./no-such-folder]\n", dir, false);
  BOOST_TEST(any_contains(result.errors, "plugin_path folder"));
  BOOST_TEST(any_contains(result.errors, "has no 'instances:' list"));
}

BOOST_AUTO_TEST_CASE(bindings_accept_delivery_and_queue) {
  TempDir dir;
  auto result = check("instances:\n" + kCounter +
                          "  - id: rec\n    use: test.recorder\n    config: {file: a}\n"
                          "    subscribe: {in: {topic: numbers, delivery: latest, queue: 0}}\n",
                      dir);
  BOOST_TEST(any_contains(result.errors, "queue must be a whole number of at least 1"));
  result = check("instances:\n" + kCounter +
                     "  - id: rec\n    use: test.recorder\n    config: {file: a}\n"
                     "    subscribe: {in: {topic: numbers, delivery: sometimes}}\n",
                 dir);
  BOOST_TEST(any_contains(result.errors, "delivery 'sometimes' must be latest or lossless"));
}

BOOST_AUTO_TEST_CASE(relative_paths_in_plugin_config_start_at_the_deployment_folder) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", "plugin_path: " + test_plugin_dir("good").string() +
                                                   "\ninstances:\n"
                                                   "  - id: rec\n    use: test.recorder\n    config: {file: logs/out.txt}\n"
                                                   "  - id: url\n    use: capture.video\n    config: {source: rtsp://cam/1}\n"
                                                   "  - id: dev\n    use: capture.video\n    config: {source: '0'}\n"
                                                   "  - id: abs\n    use: capture.video\n    config: {source: /dev/video2}\n");
  Diagnostics diagnostics;
  const auto loaded = load_deployment(file, diagnostics);
  BOOST_TEST(!diagnostics.has_errors(), diagnostics.to_string());
  BOOST_TEST(loaded.deployment.find("rec")->settings["file"] == (dir.path() / "logs/out.txt").string());
  BOOST_TEST(loaded.deployment.find("url")->settings["source"] == "rtsp://cam/1");
  BOOST_TEST(loaded.deployment.find("dev")->settings["source"] == "0");
  BOOST_TEST(loaded.deployment.find("abs")->settings["source"] == "/dev/video2");
}
