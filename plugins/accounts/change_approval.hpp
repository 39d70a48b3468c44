#pragma once
// Separation of duties (docs/security.md): a change to a program manager's account (one's own
// included), or one that makes someone a program manager, is not applied when asked. It waits as a
// PendingChange until a different program manager approves it, the asker withdraws it, another
// declines it, or `approval_window` (72 h) passes. Refusals throw AccountError.
#include <optional>
#include <string>
#include <vector>

#include "accounts.hpp"
#include "pending_change.hpp"

namespace platebus::accounts {

class ChangeApproval {
 public:
  explicit ChangeApproval(Accounts& accounts) : accounts_(accounts) {}

  // Does `type` with these fields, asked by `by`, wait for a second program manager?
  bool needs_second_approval(const std::string& type, const nlohmann::json& fields, const std::string& by);
  // Records the change. Refused (denied, naming the offline tool) when no other active program
  // manager could approve it, and (unavailable) when kMaxPending changes already wait.
  PendingChange propose(const std::string& type, const nlohmann::json& fields, std::string password_hash,
                        const std::string& by);
  // The changes still waiting, oldest first.
  std::vector<PendingChange> pending();
  // Removes and returns the change for `approver` to apply: refused for the asker, an unknown id or
  // one that lapsed (removing it).
  PendingChange take_for_approval(const std::string& id, const std::string& approver);
  // Removes the change (declined by another program manager, or withdrawn by its asker).
  PendingChange decline(const std::string& id);
  // Removes and returns the changes whose approval window has passed.
  std::vector<PendingChange> expire();

  static constexpr std::size_t kMaxPending = 100;

 private:
  PendingChange take(AccountStore::Transaction& txn, const std::string& id);
  Accounts& accounts_;
};

}  // namespace platebus::accounts
