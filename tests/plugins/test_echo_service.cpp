// test.echo_service: serves "echo" requests: answers with the text and the caller's actor; a
// request saying "slow" is answered late, "deny" is denied, "crash" makes the plugin throw, and
// "segfault" ends its process (run it with isolate: true); "forge" first answers a request id it
// made up, and says whether that was refused.
#include <stdexcept>
#include <thread>

#include "platebus/plugin.hpp"

namespace {

int* volatile nowhere = nullptr;  // volatile: the write below is not optimised into something else

class EchoService final : public platebus::Plugin {
 public:
  void on_message(platebus::Context& ctx, const platebus::Message& request) override {
    const auto text = request.header.value("text", std::string());
    if (request.port != "echo") {  // a request names the serve port it came in on
      ctx.reply(request, platebus::Reply::failure(platebus::ServiceStatus::failed,
                                                  "the request arrived on port '" + request.port + "', not 'echo'"));
      return;
    }
    if (text == "crash") throw std::runtime_error("deliberate crash while serving");
    if (text == "segfault") *nowhere = 1;
    if (text == "forge") {
      platebus::Message forged;
      forged.request_id = request.request_id + "0";  // somebody else's call, perhaps
      try {
        ctx.reply(forged, platebus::Reply::success());
      } catch (const std::invalid_argument&) {
        ctx.reply(request, platebus::Reply::failure(platebus::ServiceStatus::denied, "forged reply refused"));
        return;
      }
      ctx.reply(request, platebus::Reply::failure(platebus::ServiceStatus::failed, "forged reply taken"));
      return;
    }
    if (text == "slow") std::this_thread::sleep_for(std::chrono::milliseconds(500));
    if (text == "deny") {
      ctx.reply(request, platebus::Reply::failure(platebus::ServiceStatus::denied, "not for you"));
      return;
    }
    platebus::Message answer;
    answer.header = {{platebus::field::type, "Echoed"},
                     {"text", text},
                     {"actor", request.header.value(platebus::field::actor, nlohmann::json::object())}};
    ctx.reply(request, platebus::Reply::success(std::move(answer)));
  }
};

constexpr platebus::PortSpec kPorts[] = {
    {"echo", platebus::PortDirection::serve, "Echo", platebus::Delivery::lossless, "answers with what it was sent"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<EchoService>("test.echo_service", "1.0.0", "An echo service for tests",
                                                       kPorts, {}))
