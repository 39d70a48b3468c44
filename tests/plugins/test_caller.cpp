// test.caller: calls its "ask" service `count` times with a `type` request carrying `text` as user "jdoe", appending
// "STATUS ELAPSED_MS TEXT-OR-ERROR ACTOR" per reply to a file.
#include <fstream>

#include "platebus/plugin.hpp"

namespace {

class Caller final : public platebus::Plugin {
 public:
  void run(platebus::Context& ctx) override {
    std::ofstream out(ctx.config().at("file").get<std::string>(), std::ios::app);
    const auto deadline = std::chrono::milliseconds(ctx.config().at("deadline").get<long long>());
    for (long long i = 0; i < ctx.config().at("count").get<long long>() && !ctx.stopping(); ++i) {
      platebus::Message request;
      request.header = {{platebus::field::type, ctx.config().at("type").get<std::string>()},
                        {"text", ctx.config().at("text").get<std::string>()},
                        {platebus::field::actor, {{"user", "jdoe"}, {"role", "officer"}}}};
      const auto started = std::chrono::steady_clock::now();
      const auto reply = ctx.call("ask", std::move(request), deadline);
      const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      out << platebus::to_string(reply.status) << ' ' << elapsed.count() << ' '
          << (reply.ok() ? reply.message.header.value("text", std::string()) : reply.error) << ' '
          << (reply.ok() ? reply.message.header["actor"].value("user", std::string()) : "-") << std::endl;
    }
    while (ctx.sleep_for(std::chrono::milliseconds(100))) {
    }
  }
};

constexpr platebus::PortSpec kPorts[] = {
    {"ask", platebus::PortDirection::call, "Echo", platebus::Delivery::lossless, "the service to call"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"file", platebus::ConfigType::path, nullptr, "where to append one line per reply"},
    {"type", platebus::ConfigType::string, "Echo", "the request type to send"},
    {"text", platebus::ConfigType::string, "hello", "what to send"},
    {"count", platebus::ConfigType::integer, "1", "how many calls"},
    {"deadline", platebus::ConfigType::duration, "2s", "how long each call may take"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Caller>("test.caller", "1.0.0", "Calls a service for tests", kPorts,
                                                  kConfig))
