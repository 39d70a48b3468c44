#include "change_approval.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <sodium.h>

#include "permissions.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

constexpr const char* kOfflineTool =
    "platebus accounts add|update|close|reset-password|designee --config FILE ... on the server";

bool makes_program_manager(const nlohmann::json& fields) {
  const auto roles = fields.find("roles");
  return roles != fields.end() && roles->is_array() &&
         std::any_of(roles->begin(), roles->end(),
                     [](const nlohmann::json& r) { return r.is_string() && r.get<std::string>() == role::program_manager; });
}

bool only_display_name(const std::string& type, const nlohmann::json& fields) {
  if (type != "AccountUpdate") return false;
  return std::none_of(fields.items().begin(), fields.items().end(), [](const auto& item) {
    return item.key() != "user" && item.key() != "display_name" && item.key() != "actor" && item.key() != "type";
  });
}

std::string new_change_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char bytes[4];
  randombytes_buf(bytes, sizeof bytes);
  return fmt::format("{:02x}{:02x}{:02x}{:02x}", bytes[0], bytes[1], bytes[2], bytes[3]);
}

AccountError no_such_change(const std::string& id) {
  return AccountError(ServiceStatus::invalid,
                      fmt::format("id: no change '{}' waits for approval (applied, declined, withdrawn or lapsed?); "
                                  "ChangeList shows those that wait", shown(id)));
}

}  // namespace

bool ChangeApproval::needs_second_approval(const std::string& type, const nlohmann::json& fields,
                                           const std::string& by) {
  const auto user = fields.value("user", std::string());
  if (user == by && only_display_name(type, fields)) return false;
  if (user == by || makes_program_manager(fields)) return true;
  const auto target = accounts_.find(user);
  return target && target->holds(role::program_manager);
}

PendingChange ChangeApproval::propose(const std::string& type, const nlohmann::json& fields, std::string password_hash,
                                      const std::string& by) {
  PendingChange change;
  change.type = type;
  change.user = fields.value("user", std::string());
  // Only the request's own fields: not the bus envelope (deadline, source...), the actor or a password.
  change.fields = nlohmann::json::object();
  for (const char* name : {"user", "roles", "display_name", "clearance_expires", "reason", "from", "to"})
    if (const auto it = fields.find(name); it != fields.end()) change.fields[name] = *it;
  change.password_hash = std::move(password_hash);
  change.requested_by = by;
  change.requested_at = accounts_.now();
  change.expires_at = change.requested_at + std::chrono::duration_cast<std::chrono::microseconds>(
                                                accounts_.settings().approval_window);
  auto txn = accounts_.store().write();
  const auto all = txn.accounts();
  if (std::none_of(all.begin(), all.end(), [&](const Account& a) {
        return a.user != by && a.status == AccountStatus::active && a.holds(role::program_manager);
      }))
    throw AccountError(ServiceStatus::denied,
                       fmt::format("{} for '{}' needs a second program manager to approve it, and there is no other "
                                   "active one; make this change offline instead ({}), which the audit trail records",
                                   type, shown(change.user), kOfflineTool));
  const auto waiting = txn.pending_changes();
  if (waiting.size() >= kMaxPending)
    throw AccountError(ServiceStatus::unavailable,
                       fmt::format("{} changes already wait for approval; approve or decline some first", waiting.size()));
  do change.id = new_change_id();
  while (txn.pending_change(change.id));
  txn.put(change);
  txn.commit();
  return change;
}

std::vector<PendingChange> ChangeApproval::pending() {
  auto all = accounts_.store().read().pending_changes();
  const auto now = accounts_.now();
  std::erase_if(all, [&](const PendingChange& c) { return c.expired_at(now); });
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.requested_at < b.requested_at; });
  return all;
}

PendingChange ChangeApproval::take(AccountStore::Transaction& txn, const std::string& id) {
  // Ids are 8 hex characters; anything else (however long) is looked up nowhere.
  const bool well_formed = id.size() == 8 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
  auto change = well_formed ? txn.pending_change(id) : std::nullopt;
  if (!change) throw no_such_change(id);
  txn.erase_pending_change(id);
  return std::move(*change);
}

PendingChange ChangeApproval::take_for_approval(const std::string& id, const std::string& approver) {
  auto txn = accounts_.store().write();
  auto change = take(txn, id);
  if (change.expired_at(accounts_.now())) {
    txn.commit();
    throw AccountError(ServiceStatus::invalid,
                       fmt::format("id: change '{}' expired unapproved at {}; ask for it again if it is still wanted",
                                   id, to_iso8601(change.expires_at)));
  }
  if (change.requested_by == approver)
    throw AccountError(ServiceStatus::denied,
                       fmt::format("change '{}' was asked for by {}; another program manager must approve it (you "
                                   "may withdraw it with ChangeDecline)", id, approver));
  txn.commit();
  return change;
}

PendingChange ChangeApproval::decline(const std::string& id) {
  auto txn = accounts_.store().write();
  auto change = take(txn, id);
  txn.commit();
  return change;
}

std::vector<PendingChange> ChangeApproval::expire() {
  std::vector<PendingChange> lapsed;
  auto txn = accounts_.store().write();
  const auto now = accounts_.now();
  for (auto& change : txn.pending_changes()) {
    if (!change.expired_at(now)) continue;
    txn.erase_pending_change(change.id);
    lapsed.push_back(std::move(change));
  }
  txn.commit();
  return lapsed;
}

}  // namespace platebus::accounts
