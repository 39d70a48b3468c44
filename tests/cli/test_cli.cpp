// The `platebus` command as a user runs it: exit statuses, error output, signals, reload, tap.
#define BOOST_TEST_MODULE cli
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include "bus/wire.hpp"
#include "config/duration.hpp"
#include "test_support.hpp"

using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string plugins_line() { return "plugin_path: " + test_plugin_dir("good").string() + "\n"; }

std::string counter_and_recorder(const TempDir& dir, const std::string& interval = "10ms") {
  return "instances:\n"
         "  - id: counter\n    use: test.counter\n    config: {interval: " + interval + "}\n"
         "    publish: {out: numbers.counter}\n"
         "  - id: recorder\n    use: test.recorder\n    config: {file: " + (dir / "recorded.txt").string() + "}\n"
         "    subscribe: {in: numbers.}\n";
}

// A TCP port whose next port up is free too (the bus uses both).
int free_port_pair() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const int probe = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
    const int port = ntohs(address.sin_port);
    const int next = socket(AF_INET, SOCK_STREAM, 0);
    address.sin_port = htons(static_cast<uint16_t>(port + 1));
    const bool next_free = bind(next, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    close(next);
    close(probe);
    if (next_free && port < 65534) return port;
  }
  throw std::runtime_error("no free pair of TCP ports on 127.0.0.1");
}

std::string bin() { return platebus_binary().string(); }

}  // namespace

BOOST_AUTO_TEST_CASE(check_reports_every_error_and_exits_2) {
  TempDir dir;
  const auto file = write_file(dir / "bad.yaml", plugins_line() +
                                                     "instances:\n"
                                                     "  - id: counter\n    use: test.counter\n    config: {limit: lots}\n"
                                                     "  - id: counter\n    use: no.such.plugin\n");
  const auto result = run_process({bin(), "check", file.string()});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(contains(result.err, file.string() + ":5:21: error: config key 'limit' of plugin 'test.counter' must be a whole number"), result.err);
  BOOST_TEST(contains(result.err, file.string() + ":6:9: error: id 'counter' is used by an earlier instance"), result.err);
  BOOST_TEST(contains(result.err, file.string() + ":7:10: error: no plugin named 'no.such.plugin'"), result.err);
}

BOOST_AUTO_TEST_CASE(check_passes_a_good_deployment) {
  TempDir dir;
  const auto file = write_file(dir / "good.yaml", plugins_line() + counter_and_recorder(dir));
  const auto result = run_process({bin(), "check", file.string()});
  BOOST_TEST(result.exit_status == 0, result.err);
  BOOST_TEST(contains(result.out, "ok, 2 instance(s)"));
}

BOOST_AUTO_TEST_CASE(run_refuses_an_invalid_deployment_with_exit_2) {
  TempDir dir;
  const auto file = write_file(dir / "bad.yaml", "instances: {}\n");
  const auto result = run_process({bin(), "run", file.string(), "--for", "5s"});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(contains(result.err, "instances must be a list"), result.err);
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_2_with_a_reason) {
  const auto result = run_process({bin(), "run", "/nonexistent.yaml"});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(contains(result.err + result.out, "/nonexistent.yaml"));
  const auto bad_duration = run_process({bin(), "tap", "x", "--bus", "tcp://127.0.0.1:1", "--for", "10"});
  BOOST_TEST(bad_duration.exit_status == 2);
  BOOST_TEST(contains(bad_duration.err + bad_duration.out, "not a duration"));
}

BOOST_AUTO_TEST_CASE(a_plugin_command_runs_as_platebus_name_with_its_arguments) {
  TempDir dir;
  const auto tool = write_file(dir / "platebus-greet", "#!/bin/sh\necho \"greet:$*\"\nexit 7\n");
  fs::permissions(tool, fs::perms::owner_all);
  const std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", (dir.path().string() + ":" + old_path).c_str(), 1);
  const auto result = run_process({bin(), "greet", "--config", "x.yaml", "two words"});
  const auto help = run_process({bin(), "--help"});
  const auto unknown = run_process({bin(), "no-such-command"});
  ::setenv("PATH", old_path.c_str(), 1);
  BOOST_TEST(result.exit_status == 7);  // the command's own status comes back
  BOOST_TEST(result.out == "greet:--config x.yaml two words\n");
  BOOST_TEST(contains(help.out, "greet"));
  BOOST_TEST(unknown.exit_status == 2);
  BOOST_TEST(contains(unknown.err, "'no-such-command' is not a platebus command"));
  BOOST_TEST(contains(unknown.err, "platebus-NAME"));
}

BOOST_AUTO_TEST_CASE(day_durations_are_understood) {
  BOOST_TEST(platebus::host::parse_duration("90d").value().count() == 90LL * 86'400'000);
  BOOST_TEST(!platebus::host::parse_duration("90").has_value());
}

BOOST_AUTO_TEST_CASE(run_for_stops_by_itself_cleanly) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", plugins_line() + counter_and_recorder(dir));
  const auto result = run_process({bin(), "run", file.string(), "--for", "1s"}, 20s);
  BOOST_TEST(result.exit_status == 0, result.err);
  BOOST_TEST(contains(result.err, "stopped counter"));
  BOOST_TEST(contains(result.err, "stats topic=numbers.counter"));
  BOOST_TEST(read_lines(dir / "recorded.txt").size() > 10u);
}

BOOST_AUTO_TEST_CASE(sigterm_and_sigint_stop_with_exit_0_capture_first) {
  for (const int signal_number : {SIGTERM, SIGINT}) {
    TempDir dir;
    const auto file = write_file(dir / "d.yaml", plugins_line() + counter_and_recorder(dir));
    ChildProcess host({bin(), "run", file.string()});
    BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "recorded.txt").size() > 5; }, 10s));
    host.signal(signal_number);
    BOOST_TEST(host.wait(20s) == 0, host.err());
    const auto log = host.err();
    BOOST_TEST(log.find("stopped counter") < log.find("stopped recorder"), log);  // capture first
  }
}

BOOST_AUTO_TEST_CASE(sighup_and_reload_command_apply_a_changed_deployment) {
  TempDir dir;
  const auto file = write_file(dir / "d.yaml", plugins_line() + counter_and_recorder(dir));
  const auto pid_file = dir / "platebus.pid";
  ChildProcess host({bin(), "run", file.string(), "--pid-file", pid_file.string()});
  BOOST_REQUIRE(wait_until([&] { return fs::exists(pid_file) && read_lines(dir / "recorded.txt").size() > 3; }, 10s));
  write_file(file, plugins_line() + counter_and_recorder(dir) +
                       "  - id: second\n    use: test.counter\n    config: {interval: 10ms}\n"
                       "    publish: {out: numbers.second}\n");
  const auto reload = run_process({bin(), "reload", "--pid-file", pid_file.string()});
  BOOST_TEST(reload.exit_status == 0, reload.err);
  BOOST_TEST(wait_until([&] { return contains(read_file(dir / "recorded.txt"), "numbers.second second"); }, 10s));
  BOOST_TEST(contains(host.err(), "1 instance(s) started, 2 kept running"), host.err());

  write_file(file, "instances: [oops\n");  // an invalid edit changes nothing
  host.signal(SIGHUP);
  BOOST_TEST(wait_until([&] { return contains(host.err(), "reload refused"); }, 10s));
  const auto seen = read_lines(dir / "recorded.txt").size();
  BOOST_TEST(wait_until([&] { return read_lines(dir / "recorded.txt").size() > seen + 10; }, 10s));

  host.signal(SIGUSR1);
  BOOST_TEST(wait_until([&] { return contains(host.err(), "stats topic=numbers.second"); }, 10s));
  host.signal(SIGTERM);
  BOOST_TEST(host.wait(20s) == 0);
  BOOST_TEST(!fs::exists(pid_file));
}

BOOST_AUTO_TEST_CASE(plugins_lists_and_shows_descriptors) {
  const auto list = run_process({bin(), "plugins", "--plugin-path", test_plugin_dir("good").string()});
  BOOST_TEST(list.exit_status == 0);
  BOOST_TEST(contains(list.out, "test.counter"));
  BOOST_TEST(contains(list.out, "sink.log"));
  BOOST_TEST(contains(list.out, "capture.synthetic"));
  const auto one = run_process({bin(), "plugins", "test.counter", "--plugin-path", test_plugin_dir("good").string()});
  BOOST_TEST(one.exit_status == 0);
  BOOST_TEST(contains(one.out, "Config keys:"));
  BOOST_TEST(contains(one.out, "payload_bytes"));
  BOOST_TEST(contains(one.out, "latest_out"));
  const auto json = run_process({bin(), "plugins", "sink.log", "--json"});
  BOOST_TEST(nlohmann::json::parse(json.out)["config"][0]["name"] == "every");
  const auto missing = run_process({bin(), "plugins", "no.such"});
  BOOST_TEST(missing.exit_status == 2);
  BOOST_TEST(contains(missing.err, "no plugin named 'no.such'"));
}

BOOST_AUTO_TEST_CASE(tap_prints_headers_from_a_running_host) {
  TempDir dir;
  const int port = free_port_pair();
  const auto address = "tcp://127.0.0.1:" + std::to_string(port);
  const auto file = write_file(dir / "d.yaml", plugins_line() + "bus: {listen: " + address + ", insecure: true}\n" +
                                                   counter_and_recorder(dir));
  ChildProcess host({bin(), "run", file.string()});
  BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "recorded.txt").size() > 3; }, 10s));
  const auto tap = run_process({bin(), "tap", "numbers.", "--bus", address, "--count", "3", "--for", "10s"}, 20s);
  BOOST_TEST(tap.exit_status == 0, tap.err);
  std::istringstream lines(tap.out);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    const auto j = nlohmann::json::parse(line);
    BOOST_TEST(j["topic"] == "numbers.counter");
    BOOST_TEST(j["header"]["type"] == "Count");
    BOOST_TEST(j["header"]["source"] == "counter");
  }
  BOOST_TEST(count == 3);

  // A second host cannot take the same address, and says so.
  const auto second = run_process({bin(), "run", file.string(), "--for", "1s"});
  BOOST_TEST(second.exit_status == 1);
  BOOST_TEST(contains(second.err, "cannot listen on " + address), second.err);
  host.signal(SIGTERM);
  BOOST_TEST(host.wait(20s) == 0);
}

BOOST_AUTO_TEST_CASE(malformed_messages_from_a_peer_do_not_hurt_the_host) {
  TempDir dir;
  const int port = free_port_pair();
  const auto file = write_file(dir / "d.yaml", plugins_line() + "bus: {listen: tcp://127.0.0.1:" + std::to_string(port) +
                                                   ", insecure: true}\n" + counter_and_recorder(dir));
  ChildProcess host({bin(), "run", file.string()});
  BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "recorded.txt").size() > 3; }, 10s));

  zmq::context_t context(1);
  zmq::socket_t peer(context, zmq::socket_type::xpub);  // XPUB: its first read is the bus's subscription
  peer.set(zmq::sockopt::linger, 1000);
  peer.connect("tcp://127.0.0.1:" + std::to_string(port + 1));
  zmq::message_t subscription;
  peer.set(zmq::sockopt::rcvtimeo, 5000);
  BOOST_REQUIRE(peer.recv(subscription));
  const std::vector<std::vector<std::string>> bad = {
      {"numbers.peer"},                                              // no header at all
      {"numbers.peer", "{not json"},                                 // header is not JSON
      {"numbers.peer", "[1, 2]"},                                    // header is not an object
      {"numbers.peer", R"({"n": 1})"},                               // no type
      {"numbers.peer", R"({"type": "Count", "delivery": 1, "host": 5, "seq": "x"})"},  // wrong field types
      {"numbers.peer", R"({"type": "Count", "parts": [{}]})"},      // parts promised, none sent
  };
  for (const auto& frames : bad) {
    for (std::size_t i = 0; i < frames.size(); ++i)
      peer.send(zmq::buffer(frames[i]), i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
  }
  platebus::Message good;
  good.header = {{"type", "Count"}, {"source", "peer"}, {"n", 77}};
  platebus::host::send_message(peer, "numbers.peer", good);
  BOOST_TEST(wait_until([&] { return contains(read_file(dir / "recorded.txt"), "numbers.peer peer 77 Count"); }, 10s));
  BOOST_TEST(contains(host.err(), "dropped a malformed message"), host.err());
  host.signal(SIGTERM);
  BOOST_TEST(host.wait(20s) == 0, host.err());
}

BOOST_AUTO_TEST_CASE(an_ipc_bus_is_reachable_at_the_path_and_its_publish_twin) {
  TempDir dir;
  const auto address = "ipc://" + (dir / "bus" / "bus").string();  // the host makes the folder, 0700
  const auto file = write_file(dir / "d.yaml", plugins_line() + "bus: {listen: " + address + "}\n" +
                                                   counter_and_recorder(dir));
  ChildProcess host({bin(), "run", file.string()});
  BOOST_REQUIRE(wait_until([&] { return read_lines(dir / "recorded.txt").size() > 3; }, 10s));
  const auto tap = run_process({bin(), "tap", "numbers.", "--bus", address, "--count", "2", "--for", "10s"}, 20s);
  BOOST_TEST(tap.exit_status == 0, tap.err);
  BOOST_TEST(contains(tap.out, "\"type\":\"Count\""), tap.out);
  BOOST_TEST(fs::exists(dir / "bus" / "bus.publish"));  // where peers publish
  host.signal(SIGTERM);
  BOOST_TEST(host.wait(20s) == 0);
}
