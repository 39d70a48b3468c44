// audit: the tamper-evident audit trail. Appends every AuditEvent from its `events` topic and a
// config.reload record for each reload the host reports on its `lifecycle` topic, answers
// the `audit` service (records acknowledged only once committed), makes signed checkpoints and
// purges records past the retention (never under two years). See docs/audit.md.
#include <memory>

#include "audit_service.hpp"
#include "lifecycle_record.hpp"
#include "platebus/plugin.hpp"

namespace {

using namespace platebus;
using namespace platebus::audit;
using Clock = std::chrono::steady_clock;

class AuditPlugin final : public Plugin {
 public:
  static std::vector<ConfigProblem> validate(const nlohmann::json& config) { return AuditSettings::validate(config); }

  void configure(Context& ctx) override {
    settings_ = AuditSettings::from_config(ctx.config());
    try {
      key_ = settings_.signing_key_env.empty() ? load_or_create_signing_key(settings_.signing_key)
                                                : take_signing_key_from_environment(settings_.signing_key_env);
    } catch (const std::exception& e) {
      throw ConfigError(e.what());
    }
  }

  void start(Context& ctx) override {
    service_ = std::make_unique<AuditService>(settings_, key_);
    const auto state = service_->store().state();
    ctx.info("audit trail in '{}': {} records up to sequence {}", settings_.database.string(),
             state.last_sequence - state.anchor_sequence, state.last_sequence);
  }

  void run(Context& ctx) override {
    auto next_checkpoint = Clock::now() + settings_.checkpoint_interval;
    auto next_purge = Clock::now();  // once at start, then every purge_interval
    while (!ctx.stopping()) {
      if (auto message = ctx.receive(std::chrono::milliseconds(250))) handle(ctx, *message);
      if (Clock::now() >= next_purge) {
        purge(ctx);
        next_purge = Clock::now() + settings_.purge_interval;
      }
      if (Clock::now() >= next_checkpoint) {
        checkpoint(ctx);
        next_checkpoint = Clock::now() + settings_.checkpoint_interval;
      }
    }
  }

  void stop(Context& ctx) override {
    if (service_) checkpoint(ctx);  // the end of this run, vouched for outside the system
    service_.reset();
  }

 private:
  void handle(Context& ctx, const Message& message) {
    // Only the host marks a request; an event on the audit topic can never pass for one. A read that
    // fails is answered `failed` by the table, rather than crash the trail.
    if (service_->table().serve(ctx, message)) return;
    std::optional<AuditEvent> event;
    try {
      event = message.port == "lifecycle" ? audit_record_of(LifecycleEvent::from_message(message))
                                          : AuditEvent::from_message(message);
      // The bus sets "peer" on whatever another process published, and the host sets "source" on
      // what its own instances publish (and "platebus" on its own); neither can be claimed by the emitter.
      const auto peer = message.text("peer");
      if (event) event->emitted_by = peer.empty() ? "instance:" + message.source() : "peer:" + peer;
    } catch (const std::exception& e) {
      ctx.warn("dropped a malformed {} from '{}' on '{}': {}", message.port == "lifecycle" ? "lifecycle event" : "audit event",
               message.source(), message.topic, e.what());
      return;
    }
    if (!event) return;  // a lifecycle event the policy does not ask for
    try {
      service_->record(*event);
    } catch (const AuditWriteError& e) {
      ctx.error("LOST an audit event from '{}' ({} {}): {}", message.source(), event->category, event->target, e.what());
    }
  }

  void checkpoint(Context& ctx) {
    try {
      if (const auto made = service_->checkpoint_if_moved())
        ctx.info("checkpoint at sequence {} written to '{}'", made->sequence, made->file.string());
    } catch (const std::exception& e) {
      ctx.error("no checkpoint written: {}", e.what());
    }
  }

  void purge(Context& ctx) {
    try {
      if (const auto purged = service_->purge(now_utc()))
        ctx.info("purged {} records ({}-{}) past the retention", purged->purged, purged->first_sequence,
                 purged->last_sequence);
    } catch (const AuditWriteError& e) {
      ctx.error("purge failed: {}", e.what());
    }
  }

  AuditSettings settings_;
  SigningKey key_;
  std::unique_ptr<AuditService> service_;
};

constexpr PortSpec kPorts[] = {
    {"events", PortDirection::input, "AuditEvent", Delivery::lossless,
     "audit events published by any plugin; each is chained and stored (malformed ones are logged and dropped)"},
    {"lifecycle", PortDirection::input, "LifecycleEvent", Delivery::lossless,
     "the host's lifecycle events (bind to bus.lifecycle_topic): each reload applied or refused is recorded as "
     "config.reload"},
    {"audit", PortDirection::serve, "*", Delivery::lossless,
     "AuditRecord (acknowledged once committed), AuditVerify, AuditReport, AuditExport, AuditCheckpoint"}};

constexpr ConfigKey kConfig[] = {
    {"database", ConfigType::path, nullptr, "folder of the LMDB audit database (created if missing)"},
    ConfigKey{"retention", ConfigType::duration, "730d", "how long records are kept (two years at least, by policy)"}
        .at_least("730d"),
    {"checkpoint_folder", ConfigType::path, nullptr,
     "where signed checkpoints are written: keep it outside the system (another disk, a share, WORM storage)"},
    {"signing_key", ConfigType::path, "null",
     "Ed25519 key pair file for checkpoints; created (mode 0600, public half in FILE.pub) if missing"},
    {"signing_key_env", ConfigType::string, "null",
     "instead of signing_key: the environment variable holding the key (128 hex), read once and wiped, never stored"},
    ConfigKey{"checkpoint_interval", ConfigType::duration, "1h", "how often a checkpoint is made when the chain moved"}
        .at_least("1s"),
    ConfigKey{"purge_interval", ConfigType::duration, "24h", "how often records past the retention are purged"}
        .at_least("1s"),
    ConfigKey{"map_size_mib", ConfigType::integer, "1024", "the most the database may grow to, in MiB"}.at_least("1"),
    {"night_hours", ConfigType::string, "22-06", "yearly report: UTC hours START-END counted as odd hours"},
    ConfigKey{"volume_factor", ConfigType::number, "3",
              "yearly report: a day with this many times a user's median daily inquiries is sudden volume"}
        .above("1"),
    ConfigKey{"volume_minimum", ConfigType::integer, "20", "yearly report: ... and at least this many inquiries"}
        .at_least("1"),
    ConfigKey{"empty_results_minimum", ConfigType::integer, "10",
              "yearly report: flag a user with this many inquiries reporting results 0 (and at least half of those "
              "counted)"}
        .at_least("1"),
    ConfigKey{"reason_reuse_cases", ConfigType::integer, "3",
              "yearly report: flag a reason given verbatim under this many different case numbers"}
        .at_least("2"),
    ConfigKey{"case_plates_minimum", ConfigType::integer, "3",
              "yearly report: flag a case number used for this many different plates"}
        .at_least("2")};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<AuditPlugin>("audit", "1.0.0",
                                                        "The tamper-evident audit trail (hash chain in LMDB, signed "
                                                        "checkpoints, retention, yearly report)",
                                                        kPorts, kConfig))
