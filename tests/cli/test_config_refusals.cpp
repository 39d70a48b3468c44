// What a plugin would refuse, `platebus check` refuses first (issue 18): values outside a config
// key's declared constraints and a plugin's validate() rules are errors at FILE:LINE:COL; `run`
// exits 2 on them instead of running with the instance down; a refused reload keeps the running
// deployment and `platebus reload` exits non-zero; `platebus plugins NAME` shows the constraints.
#define BOOST_TEST_MODULE config_refusals
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <csignal>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string bin() { return platebus_binary().string(); }

std::string plugins_line() {
  return "plugin_path: [" + test_plugin_dir("good").string() + ", " PLATEBUS_BUILT_PLUGIN_DIR "]\n";
}

// One instance of `plugin` whose config block is `config` (lines indented by six spaces): line 6 is
// the first config line.
std::string one_instance(const std::string& plugin, const std::string& config) {
  return plugins_line() + "instances:\n  - id: subject\n    use: " + plugin + "\n    config:\n" + config;
}

// `platebus check` on `text`: exits 2, and its errors include `expected` with the file as FILE.
void check_refuses(const std::string& text, const std::string& expected) {
  TempDir dir;
  const auto file = write_file(dir / "deployment.yaml", text).string();
  const auto result = run_process({bin(), "check", file});
  BOOST_TEST(result.exit_status == 2, result.out + result.err);
  BOOST_TEST(contains(result.err, file + ":" + expected), result.err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_refuses_a_rate_of_0_at_the_value) {
  check_refuses(one_instance("capture.synthetic", "      fps: 0\n"),
                "6:12: error: config key 'fps' of plugin 'capture.synthetic' is 0; give more than 0");
}

BOOST_AUTO_TEST_CASE(check_refuses_an_audit_retention_below_its_minimum) {
  check_refuses(one_instance("audit", "      database: db\n      checkpoint_folder: cp\n      signing_key: key\n"
                                      "      retention: 365d\n"),
                "9:18: error: config key 'retention' of plugin 'audit' is 365d; give at least 730d");
}

BOOST_AUTO_TEST_CASE(check_refuses_a_hit_retention_below_its_minimum) {
  check_refuses(one_instance("match.hotlist", "      database: db\n      hit_retention: 100d\n"),
                "7:22: error: config key 'hit_retention' of plugin 'match.hotlist' is 100d; give at least 365d");
}

BOOST_AUTO_TEST_CASE(check_refuses_a_width_outside_its_range_and_a_rule_across_keys) {
  check_refuses(one_instance("capture.synthetic", "      width: 100\n"), "6:14: error: config key 'width'");
  // validate(): latitude without longitude is reported at the key it names.
  check_refuses(one_instance("capture.synthetic", "      latitude: 45\n"),
                "6:7: error: config key 'latitude' of plugin 'capture.synthetic'");
}

BOOST_AUTO_TEST_CASE(run_exits_2_on_a_config_check_would_refuse) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", one_instance("capture.synthetic", "      fps: 0\n")).string();
  const auto result = run_process({bin(), "run", file, "--for", "3s"});
  BOOST_TEST(result.exit_status == 2, result.err);
  BOOST_TEST(contains(result.err, file + ":6:12: error: config key 'fps'"), result.err);
}

BOOST_AUTO_TEST_CASE(a_refused_reload_exits_non_zero_and_the_deployment_keeps_running) {
  TempDir dir;
  const auto recorder = "  - id: recorder\n    use: test.recorder\n    config: {file: " + (dir / "recorded.txt").string() +
                        "}\n    subscribe: {in: numbers.}\n";
  const auto counter = "  - id: counter\n    use: test.counter\n    config: {interval: 10ms}\n"
                       "    publish: {out: numbers.counter}\n";
  const auto file = write_file(dir / "d.yaml", plugins_line() + "instances:\n" + counter + recorder);
  const auto pid_file = dir / "platebus.pid";
  ChildProcess host({bin(), "run", file.string(), "--pid-file", pid_file.string()});
  BOOST_REQUIRE(wait_until([&] { return fs::exists(pid_file) && read_lines(dir / "recorded.txt").size() > 3; }, 10s));

  write_file(file, plugins_line() + "instances:\n" + counter + recorder +
                       "  - id: camera\n    use: capture.synthetic\n    config: {fps: 0}\n");
  const auto refused = run_process({bin(), "reload", "--pid-file", pid_file.string()});
  BOOST_TEST(refused.exit_status == 2, refused.out + refused.err);
  BOOST_TEST(contains(refused.err, "refused"), refused.err);
  BOOST_TEST(contains(host.err(), "config key 'fps'"), host.err());
  const auto seen = read_lines(dir / "recorded.txt").size();
  BOOST_TEST(wait_until([&] { return read_lines(dir / "recorded.txt").size() > seen + 10; }, 10s));

  write_file(file, plugins_line() + "instances:\n" + counter + recorder);
  const auto applied = run_process({bin(), "reload", "--pid-file", pid_file.string()});
  BOOST_TEST(applied.exit_status == 0, applied.out + applied.err);
  host.signal(SIGTERM);
  BOOST_TEST(host.wait(20s) == 0);
}

BOOST_AUTO_TEST_CASE(plugins_shows_the_constraints_and_descriptions_do_not_repeat_them) {
  const auto text = run_process({bin(), "plugins", "capture.synthetic"});
  BOOST_TEST(text.exit_status == 0, text.err);
  BOOST_TEST(contains(text.out, "default 1280; 320 to 7680"), text.out);
  BOOST_TEST(contains(text.out, "default 5; more than 0"), text.out);
  BOOST_TEST(!contains(text.out, "(320 to 7680)"), text.out);

  const auto json = nlohmann::json::parse(run_process({bin(), "plugins", "audit", "--json"}).out);
  bool shown = false;
  for (const auto& key : json.at("config"))
    if (key.at("name") == "retention") shown = key.at("minimum") == "730d" && key.at("constraints") == "at least 730d";
  BOOST_TEST(shown, json.dump(2));
}
