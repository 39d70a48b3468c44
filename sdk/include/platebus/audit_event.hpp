#pragma once
// Something the use policy requires to be on record: who did what, from where, under which case
// and reason, and whether it was allowed. Plugins publish these on the audit topic; the audit
// plugin chains and stores them and gives each its sequence number.
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/actor.hpp"
#include "platebus/message.hpp"
#include "platebus/time.hpp"

namespace platebus {

// The categories the policy names (docs/audit.md lists them all); plugins may add their own.
namespace audit_category {
inline constexpr const char* login = "login";
inline constexpr const char* logout = "logout";
inline constexpr const char* password_change = "password.change";
inline constexpr const char* hit_list_browse = "hitlist.browse";
inline constexpr const char* hot_list_browse = "hotlist.browse";
inline constexpr const char* hot_list_upload = "hotlist.upload";
inline constexpr const char* hot_plate_upload = "hotplate.upload";
inline constexpr const char* hot_list_delete = "hotlist.delete";
inline constexpr const char* hot_plate_delete = "hotplate.delete";
inline constexpr const char* alert_disposition = "alert.disposition";
inline constexpr const char* stakeout_browse = "stakeout.browse";
inline constexpr const char* read_search = "read.search";
inline constexpr const char* photo_view = "photo.view";
inline constexpr const char* data_export = "data.export";
inline constexpr const char* sharing_request = "sharing.request";
inline constexpr const char* sharing_approval = "sharing.approval";
inline constexpr const char* account_change = "account.change";
inline constexpr const char* account_browse = "account.browse";  // listing accounts changes nothing
inline constexpr const char* config_reload = "config.reload";
inline constexpr const char* retention_purge = "retention.purge";
inline constexpr const char* audit_access = "audit.access";
inline constexpr const char* inquiry = "inquiry";  // an inquiry of a kind no category above names
}  // namespace audit_category

namespace audit_outcome {
inline constexpr const char* allowed = "allowed";
inline constexpr const char* refused = "refused";
inline constexpr const char* failed = "failed";
}  // namespace audit_outcome

struct PLATEBUS_SDK_API AuditEvent {
  static constexpr const char* kType = "AuditEvent";
  static constexpr std::size_t kMaxQueryMembers = 256;  // from_message refuses more (MessageError)

  Timestamp at{};            // UTC, microseconds
  Actor actor;               // user, roles, session, client address
  std::string category;      // an audit_category, e.g. "hotlist.browse"
  std::string target;        // what was acted on: "account:jdoe", "POST /api/v1/session"
  nlohmann::json query = nlohmann::json::object();  // the query terms, as given
  std::string case_number;   // required for inquiries by policy; "" otherwise
  std::string reason;
  std::string outcome;       // an audit_outcome
  std::string detail;        // why it was refused or failed, in words
  // Set by the audit plugin, not by the emitter: "instance:ID" for this host's instances,
  // "peer:NAME" for a process on the bus (docs/security.md). Never taken from the event itself.
  std::string emitted_by;
  // The sequence of an earlier record whose request this one gives the final outcome of (a service
  // refused what was recorded as allowed): the report counts that request once, by this outcome.
  // 0 for a record of its own.
  std::uint64_t outcome_of = 0;
  // Set by the audit store, not by the emitter: the record's place in the chain.
  std::uint64_t sequence = 0;

  Message to_message() const;
  static AuditEvent from_message(const Message& message);
  nlohmann::json to_json() const;
  static AuditEvent from_json(const nlohmann::json& value);  // throws MessageError naming the field
};

}  // namespace platebus
