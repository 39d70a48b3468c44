// test.audit_client: drives the audit plugin through the host. mode "all": publishes one AuditEvent
// per category (and two malformed messages) on its `events` output port, waits until they are
// stored, then calls each audit request. mode "fill": sends AuditRecord with as much as the plugin
// keeps of a record (about 10 KB: a 2 KB detail, 8 KB of query) until one is refused. Each reply
// is one JSON line {step, status, error, reply} in `file`; "done" ends.
#include <fstream>
#include <thread>

#include "platebus/audit_event.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;

AuditEvent event_for(const std::string& category) {
  AuditEvent event;
  event.at = now_utc();
  event.actor = Actor{"jdoe", {"investigator"}, "a1b2c3d4e5f6", "203.0.113.7:51320"};
  event.category = category;
  event.target = "target of " + category;
  event.query = {{"plate", "7ABC123"}, {"results", 2}};
  event.case_number = "CASE-1";
  event.reason = "reason for " + category;
  event.outcome = audit_outcome::refused;
  event.detail = "detail of " + category;
  return event;
}

class AuditClient final : public Plugin {
 public:
  void run(Context& ctx) override {
    out_.open(ctx.config().at("file").get<std::string>(), std::ios::app);
    if (ctx.config().at("mode").get<std::string>() == "fill") fill(ctx);
    else everything(ctx);
    out_ << nlohmann::json{{"step", "done"}}.dump() << std::endl;
    while (ctx.sleep_for(std::chrono::milliseconds(100))) {
    }
  }

 private:
  Reply ask(Context& ctx, const std::string& step, nlohmann::json header, bool log = true) {
    Message request;
    request.header = std::move(header);
    request.header[field::actor] = Actor{"pm", {"program_manager"}, "feedfacecafe", "198.51.100.2:4000"}.to_json();
    auto reply = ctx.call("audit", std::move(request), std::chrono::seconds(5));
    if (log)
      out_ << nlohmann::json{{"step", step},
                             {"status", to_string(reply.status)},
                             {"error", reply.error},
                             {"reply", reply.message.header}}
                  .dump()
           << std::endl;
    return reply;
  }

  void everything(Context& ctx) {
    const auto categories = ctx.config().at("categories").get<std::vector<std::string>>();
    for (const auto& category : categories) ctx.publish("events", event_for(category).to_message());
    Message malformed = event_for("login").to_message();
    malformed.header.erase("category");
    ctx.publish("events", malformed);
    Message wrong;
    wrong.header = {{field::type, "NotAnAuditEvent"}};
    ctx.publish("events", wrong);
    // Published events travel the bus, requests the inbox: wait until all published ones are stored.
    for (int attempt = 0; attempt < 100; ++attempt) {
      const auto reply = ask(ctx, "wait", {{field::type, "AuditVerify"}}, false);
      if (reply.ok() && reply.message.header.value("records", 0) >= static_cast<int>(categories.size()) + attempt + 1)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ask(ctx, "record", {{field::type, "AuditRecord"}, {"event", event_for("inquiry").to_json()}});
    ask(ctx, "record_malformed", {{field::type, "AuditRecord"}, {"event", {{"category", "login"}}}});
    const auto today = to_iso8601(now_utc()).substr(0, 10);
    ask(ctx, "export", {{field::type, "AuditExport"}, {"from", today}, {"to", today}});
    ask(ctx, "verify", {{field::type, "AuditVerify"}});
    ask(ctx, "report", {{field::type, "AuditReport"}, {"year", std::stoi(today.substr(0, 4))}});
    ask(ctx, "checkpoint", {{field::type, "AuditCheckpoint"}});
    ask(ctx, "unknown", {{field::type, "AuditDelete"}});
  }

  void fill(Context& ctx) {
    auto event = event_for("read.search");
    event.detail = std::string(2000, 'x');
    for (int i = 0; i < 16; ++i) event.query["note" + std::to_string(i)] = std::string(500, 'q');
    for (int i = 0; i < 400; ++i)
      if (!ask(ctx, "fill", {{field::type, "AuditRecord"}, {"event", event.to_json()}}).ok()) return;
  }

  std::ofstream out_;
};

constexpr PortSpec kPorts[] = {
    {"events", PortDirection::output, "AuditEvent", Delivery::lossless, "audit events"},
    {"audit", PortDirection::call, "*", Delivery::lossless, "the audit service"}};
constexpr ConfigKey kConfig[] = {
    {"file", ConfigType::path, nullptr, "where to append one JSON line per reply"},
    {"mode", ConfigType::string, "all", "all or fill"},
    {"categories", ConfigType::string_list, "[]", "one event is published per category"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AuditClient>("test.audit_client", "1.0.0",
                                                       "Drives the audit plugin for tests", kPorts, kConfig))
