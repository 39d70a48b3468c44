#pragma once
// The audit service's requests (AuditRecord, AuditVerify, AuditReport, AuditExport,
// AuditCheckpoint), one handler each in a ServiceTable, and the periodic work (checkpoints, purges), apart from the bus so tests can
// drive them directly. Access to the trail (all but AuditRecord) is itself recorded first, as
// audit.access with the request's actor; if that record cannot be written nothing is served.
#include <chrono>
#include <optional>

#include "audit_settings.hpp"
#include "audit_store.hpp"
#include "checkpoints.hpp"
#include "platebus/service_table.hpp"

namespace platebus::audit {

class AuditService {
 public:
  AuditService(AuditSettings settings, SigningKey key);
  AuditService(const AuditService&) = delete;  // the table's handlers hold `this`
  AuditService& operator=(const AuditService&) = delete;

  // Never throws: what a handler throws becomes a `failed` reply.
  Reply handle(const Message& request) const { return table_.answer(request); }
  // The table, for the plugin to serve requests from the bus with (ServiceTable::serve).
  const ServiceTable& table() const { return table_; }

  // Stores an event from the audit topic. Throws AuditWriteError.
  Appended record(const AuditEvent& event) { return store_.append(event); }

  // A checkpoint when the chain moved since the last one; nothing otherwise.
  std::optional<Checkpoint> checkpoint_if_moved();
  Checkpoint checkpoint();
  std::optional<PurgeSummary> purge(Timestamp now);

  AuditStore& store() { return store_; }

 private:
  ServiceTable make_table();
  Reply record_request(const Message& request);
  Reply verify_request(const Message& request);
  Reply report(const Message& request);
  Reply export_between(const Message& request);
  Reply checkpoint_request(const Message& request);
  // Records the access to the trail; returns the failure to reply with when it cannot.
  std::optional<Reply> record_access(const Message& request, const std::string& target, nlohmann::json query);

  AuditSettings settings_;
  SigningKey key_;
  AuditStore store_;
  std::uint64_t last_checkpoint_sequence_ = 0;
  bool checkpointed_ = false;
  ServiceTable table_;
};

}  // namespace platebus::audit
