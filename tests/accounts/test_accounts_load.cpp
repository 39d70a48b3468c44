// test.accounts_load: after `wait_ms`, sends every request of `parallel` (header objects) to its
// "accounts" call port at once, each from its own thread; meanwhile those of `staggered`, each from
// its own thread too, `interval_ms` apart (so each one meets whatever the service is doing then);
// then those of `timed`, one after another. Each reply becomes one JSON line in `file`:
// {"kind": "parallel"|"staggered"|"timed", "index", "status", "error", "ms"} (ms: how long the call took).
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "platebus/plugin.hpp"

namespace {

using Clock = std::chrono::steady_clock;

class AccountsLoad final : public platebus::Plugin {
 public:
  void run(platebus::Context& ctx) override {
    std::ofstream out(ctx.config().at("file").get<std::string>(), std::ios::app);
    std::mutex out_mutex;
    const auto send = [&](const char* kind, std::size_t index, const nlohmann::json& header) {
      platebus::Message request;
      request.header = header;
      const auto start = Clock::now();
      const auto reply = ctx.call("accounts", std::move(request), std::chrono::seconds(20));
      const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      std::lock_guard lock(out_mutex);
      out << nlohmann::json{{"kind", kind}, {"index", index}, {"status", platebus::to_string(reply.status)},
                            {"error", reply.error}, {"ms", ms}}
                 .dump()
          << std::endl;
    };
    if (!ctx.sleep_for(std::chrono::milliseconds(ctx.config().at("wait_ms").get<int>()))) return;
    std::vector<std::thread> threads;
    const auto parallel = ctx.config().at("parallel");
    for (std::size_t i = 0; i < parallel.size(); ++i) threads.emplace_back([&, i] { send("parallel", i, parallel[i]); });
    const auto staggered = ctx.config().at("staggered");
    for (std::size_t i = 0; i < staggered.size() && !ctx.stopping(); ++i) {
      ctx.sleep_for(std::chrono::milliseconds(ctx.config().at("interval_ms").get<int>()));
      threads.emplace_back([&, i] { send("staggered", i, staggered[i]); });
    }
    for (auto& thread : threads) thread.join();
    const auto timed = ctx.config().at("timed");
    for (std::size_t i = 0; i < timed.size() && !ctx.stopping(); ++i) send("timed", i, timed[i]);
    while (!ctx.stopping()) ctx.sleep_for(std::chrono::milliseconds(100));
  }
};

constexpr platebus::PortSpec kPorts[] = {
    {"accounts", platebus::PortDirection::call, "AccountsRequest", platebus::Delivery::lossless, "the accounts service"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"file", platebus::ConfigType::path, nullptr, "where to append one JSON line per reply"},
    {"wait_ms", platebus::ConfigType::integer, "0", "how long to wait before sending anything"},
    {"interval_ms", platebus::ConfigType::integer, "0", "the pause before each staggered request"},
    {"parallel", platebus::ConfigType::list, "[]", "requests sent all at once, each from its own thread"},
    {"staggered", platebus::ConfigType::list, "[]", "requests sent interval_ms apart, each from its own thread"},
    {"timed", platebus::ConfigType::list, "[]", "requests sent one after another, after the others"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AccountsLoad>("test.accounts_load", "1.0.0",
                                                        "Calls the accounts service in parallel and times it, for tests",
                                                        kPorts, kConfig))
