// test.table_service: a service served through the SDK's ServiceTable. "Echo" answers with the
// text; "Throw" throws a runtime_error; "Secret" needs the action "secret", which its authorizer
// grants only to the user "boss".
#include <stdexcept>

#include "platebus/plugin.hpp"
#include "platebus/service_table.hpp"

namespace {

using namespace platebus;

void boss_only(const Message& request, std::string_view action) {
  const auto actor = request.header.value(field::actor, nlohmann::json::object());
  if (actor.value("user", "") != "boss") throw ServiceError(ServiceStatus::denied, std::string("only boss may ") + std::string(action));
}

Reply echo(const Message& request) {
  Message answer;
  answer.header = {{field::type, "Echoed"},
                   {"text", request.text("text")},
                   {"actor", request.header.value(field::actor, nlohmann::json::object())}};
  return Reply::success(std::move(answer));
}

class TableService final : public Plugin {
 public:
  void on_message(Context& ctx, const Message& message) override { table_.serve(ctx, message); }

 private:
  ServiceTable table_ = [] {
    ServiceTable table("table", boss_only);
    table.add("Echo", "", echo)
        .add("Throw", "", [](const Message&) -> Reply { throw std::runtime_error("deliberate failure"); })
        .add("Secret", "secret", echo);
    return table;
  }();
};

constexpr PortSpec kPorts[] = {
    {"table", PortDirection::serve, "Echo", Delivery::lossless, "Echo, Throw, Secret through a ServiceTable"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<TableService>("test.table_service", "1.0.0",
                                                        "A service served through a ServiceTable, for tests", kPorts,
                                                        {}))
