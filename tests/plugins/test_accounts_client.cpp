// test.accounts_client: sends each request of `requests` (header objects) to its "accounts" call
// port, writing one JSON line {"status", "error", "header"} per reply to `file`; a text "$token" in a
// request stands for the token of the last successful Login. Audit events that arrive on its `audit`
// input are appended as JSON lines to `events`.
#include <fstream>

#include "platebus/plugin.hpp"

namespace {

class AccountsClient final : public platebus::Plugin {
 public:
  void run(platebus::Context& ctx) override {
    std::ofstream replies(ctx.config().at("file").get<std::string>(), std::ios::app);
    std::ofstream events(ctx.config().at("events").get<std::string>(), std::ios::app);
    std::string token;
    for (auto header : ctx.config().at("requests")) {
      if (ctx.stopping()) return;
      for (auto& [key, value] : header.items())
        if (value == "$token") value = token;
      platebus::Message request;
      request.header = header;
      const auto reply = ctx.call("accounts", std::move(request), std::chrono::seconds(10));
      if (reply.ok() && header.value("type", "") == "Login") token = reply.message.header.value("token", "");
      replies << nlohmann::json{{"status", platebus::to_string(reply.status)},
                                {"error", reply.error},
                                {"header", reply.ok() ? reply.message.header : nlohmann::json::object()}}
                     .dump()
              << std::endl;
    }
    while (!ctx.stopping())
      if (auto message = ctx.receive(std::chrono::milliseconds(100))) events << message->header.dump() << std::endl;
  }
};

constexpr platebus::PortSpec kPorts[] = {
    {"accounts", platebus::PortDirection::call, "AccountsRequest", platebus::Delivery::lossless, "the accounts service"},
    {"audit", platebus::PortDirection::input, "AuditEvent", platebus::Delivery::lossless, "audit events to record"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"file", platebus::ConfigType::path, nullptr, "where to append one JSON line per reply"},
    {"events", platebus::ConfigType::path, nullptr, "where to append one JSON line per audit event received"},
    {"requests", platebus::ConfigType::list, "[]", "the request headers to send, in order"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AccountsClient>("test.accounts_client", "1.0.0",
                                                          "Calls the accounts service for tests", kPorts, kConfig))
