#pragma once
// Writes one audit record through the `audit` service and waits for its acknowledgement, which
// the audit plugin gives only once the record is durably stored.
#include <chrono>
#include <optional>
#include <string>

#include "platebus/audit_event.hpp"
#include "platebus/context.hpp"

namespace platebus::api {

class AuditTrail {
 public:
  AuditTrail(Context& ctx, std::chrono::milliseconds deadline) : ctx_(ctx), deadline_(deadline) {}

  // Nothing when the record is stored; otherwise why not (the action must then not be done).
  // Outside text in it is made printable and cut to the limits of hostile_text.hpp first.
  // `sequence`, when given, receives the stored record's sequence number.
  std::optional<std::string> record(const AuditEvent& event, std::uint64_t* sequence = nullptr);

 private:
  Context& ctx_;
  std::chrono::milliseconds deadline_;
};

}  // namespace platebus::api
