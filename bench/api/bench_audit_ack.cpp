// bench.audit_ack: the baseline for bench_api_latency. Serves `audit` and acknowledges every
// request at once without storing anything, so the difference to the real audit plugin is what
// durable auditing (hash chain, fsync'd LMDB commit) adds to an API request.
#include "platebus/plugin.hpp"

namespace {

class AuditAck final : public platebus::Plugin {
 public:
  void on_message(platebus::Context& ctx, const platebus::Message& request) override {
    platebus::Message answer;
    answer.header = {{platebus::field::type, "AuditRecordReply"}, {"sequence", ++sequence_}, {"hash", ""}};
    ctx.reply(request, platebus::Reply::success(std::move(answer)));
  }

 private:
  std::uint64_t sequence_ = 0;
};

constexpr platebus::PortSpec kPorts[] = {{"audit", platebus::PortDirection::serve, "*", platebus::Delivery::lossless,
                                          "acknowledges every request at once, storing nothing"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AuditAck>("bench.audit_ack", "1.0.0",
                                                    "Benchmark baseline: acknowledges audit records without storing them",
                                                    kPorts, {}))
