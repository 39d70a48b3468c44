// bench_api_latency: what durable auditing adds to an operator API request. The same inquiry
// (POST to an inquiry route, answered by test.inquiry_service) is sent N times through the real
// host, accounts and api plugins, to two api instances of one deployment, alternately:
//   audited   the `audit` call port served by the real audit plugin (chained, fsync'd LMDB commit
//             acknowledged before the inquiry is performed)
//   baseline  the `audit` call port served by bench.audit_ack, which acknowledges at once
// Latency is measured at the HTTP client (one keep-alive connection, one request at a time).
//
// The databases go in --dir (default: the current folder), so fsync meets a real disk, not tmpfs.
//
// Usage: bench_api_latency [--count N] [--warmup N] [--dir FOLDER]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "runtime/host.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = "Correct-Horse-Battery-Staple";

struct Figures {
  double p50 = 0, p99 = 0, mean = 0;
};

Figures figures(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  return {at(0.50), at(0.99), std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size()};
}

// One host, two API instances that differ only in where their `audit` call port goes, so both
// see the same machine, the same accounts service and the same inquiry service.
std::string deployment(const fs::path& dir) {
  std::string yaml = fmt::format("plugin_path: [{}, {}]\nlog: {{level: warn}}\ninstances:\n", PLATEBUS_BENCH_PLUGIN_DIR,
                                 PLATEBUS_TEST_PLUGIN_DIR);
  yaml += fmt::format("  - id: accounts\n    use: accounts\n    config: {{database: {}}}\n"
                      "    serve: {{accounts: accounts}}\n    publish: {{audit: audit}}\n",
                      (dir / "accounts").string());
  yaml += fmt::format("  - id: audit\n    use: audit\n    config: {{database: {}, checkpoint_folder: {}, signing_key: {}}}\n"
                      "    serve: {{audit: audit}}\n    subscribe: {{events: audit}}\n",
                      (dir / "audit").string(), (dir / "checkpoints").string(), (dir / "signing.key").string());
  yaml += "  - id: audit_ack\n    use: bench.audit_ack\n    serve: {audit: audit.ack}\n";
  for (const auto& [id, service] : {std::pair{"api_audited", "audit"}, std::pair{"api_baseline", "audit.ack"}})
    yaml += fmt::format("  - id: {}\n    use: api\n    config: {{listen: \"127.0.0.1:0\", address_file: {},\n"
                        "      inquiry_routes: [{{path: /api/v1/bench/inquiry, category: hitlist.browse}}]}}\n"
                        "    call: {{accounts: accounts, audit: {}, inquiry: inquiry}}\n",
                        id, (dir / id).string(), service);
  yaml += "  - id: inquiry\n    use: test.inquiry_service\n    serve: {inquiry: inquiry}\n";
  return yaml;
}

std::string read_first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// A keep-alive client of one API instance, logged in as the program manager.
class Session {
 public:
  explicit Session(const std::string& url) : client_(url) {
    client_.set_keep_alive(true);
    client_.set_tcp_nodelay(true);
    const auto login = client_.Post("/api/v1/session", nlohmann::json{{"user", "pm"}, {"password", kPassword}}.dump(),
                                    "application/json");
    if (!login || login->status != 200)
      throw std::runtime_error("login failed: " + (login ? login->body : httplib::to_string(login.error())));
    headers_ = {{"Authorization", "Bearer " + nlohmann::json::parse(login->body)["token"].get<std::string>()}};
  }

  // One inquiry; its latency in milliseconds.
  double inquire(const std::string& body) {
    const auto started = std::chrono::steady_clock::now();
    const auto answer = client_.Post("/api/v1/bench/inquiry", headers_, body, "application/json");
    const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!answer || answer->status != 200)
      throw std::runtime_error("inquiry failed: " + (answer ? answer->body : httplib::to_string(answer.error())));
    return elapsed;
  }

 private:
  httplib::Client client_;
  httplib::Headers headers_;
};

std::pair<Figures, Figures> measure(const fs::path& parent, int count, int warmup) {
  const auto dir = parent / fmt::format("platebus-bench-api-{}", std::random_device()());
  fs::create_directories(dir);
  const auto file = dir / "deployment.yaml";
  std::ofstream(file) << deployment(dir);
  const auto bootstrap = fmt::format("printf '%s\\n' '{}' | {} bootstrap --config {} --user pm --clearance-expires "
                                     "2099-12-31 > /dev/null",
                                     kPassword, PLATEBUS_ACCOUNTS_TOOL, file.string());
  if (std::system(bootstrap.c_str()) != 0) throw std::runtime_error("bootstrap failed: " + bootstrap);

  platebus::host::Host host;
  platebus::host::Diagnostics diagnostics;
  if (!host.start(file, diagnostics)) throw std::runtime_error(diagnostics.to_string());
  for (int i = 0; i < 500 && (read_first_line(dir / "api_audited").empty() || read_first_line(dir / "api_baseline").empty());
       ++i)
    std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(300ms);  // both servers listening
  Session audited(read_first_line(dir / "api_audited"));
  Session baseline(read_first_line(dir / "api_baseline"));
  const auto body = nlohmann::json{{"case_number", "2026-000417"},
                                   {"reason", "vehicle seen leaving robbery at 5th and Main"},
                                   {"query", {{"plate", "7ABC123"}}}}
                        .dump();
  // Alternating, so a busy moment of the machine falls on both alike.
  std::vector<double> audited_ms, baseline_ms;
  for (int i = 0; i < warmup + count; ++i) {
    const auto a = audited.inquire(body);
    const auto b = baseline.inquire(body);
    if (i < warmup) continue;
    audited_ms.push_back(a);
    baseline_ms.push_back(b);
  }
  host.stop();
  fs::remove_all(dir);
  return {figures(audited_ms), figures(baseline_ms)};
}

}  // namespace

int main(int argc, char** argv) {
  int count = 2000, warmup = 100;
  fs::path dir = fs::current_path();
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--count") count = std::atoi(argv[i + 1]);
    else if (option == "--warmup") warmup = std::atoi(argv[i + 1]);
    else if (option == "--dir") dir = argv[i + 1];
    else {
      std::cerr << "usage: bench_api_latency [--count N] [--warmup N] [--dir FOLDER]\n";
      return 2;
    }
  }
  try {
    const auto [audited, baseline] = measure(dir, count, warmup);
    fmt::print("inquiry through the API, {} requests each after {} warm-up, alternating, one at a time (ms);\n"
               "databases in {}:\n",
               count, warmup, dir.string());
    fmt::print("  {:<44} p50 {:7.3f}  p99 {:7.3f}  mean {:7.3f}\n", "audit acknowledged without storing (baseline)",
               baseline.p50, baseline.p99, baseline.mean);
    fmt::print("  {:<44} p50 {:7.3f}  p99 {:7.3f}  mean {:7.3f}\n", "audit plugin (chained, fsync'd LMDB commit)",
               audited.p50, audited.p99, audited.mean);
    fmt::print("  {:<44} p50 {:+7.3f}  p99 {:+7.3f}  mean {:+7.3f}\n", "added by durable auditing", audited.p50 - baseline.p50,
               audited.p99 - baseline.p99, audited.mean - baseline.mean);
  } catch (const std::exception& e) {
    std::cerr << "bench_api_latency: " << e.what() << '\n';
    return 1;
  }
}
