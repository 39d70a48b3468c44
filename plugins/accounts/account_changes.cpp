// The requests that change one account, read and checked in full before anything happens, so that
// a malformed request is refused at once, even when it would wait for a second program manager.
#include <fmt/format.h>

#include "accounts_service.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

AccountsService::AccountChange AccountsService::prepare_change(const std::string& type, const Message& request,
                                                              const std::string* approved_hash) {
  const auto by = Actor::of(request).user;
  const auto user = required_text(request, "user");
  auto& accounts = accounts_;
  if (type == "AccountAdd") {
    NewAccount wanted;
    wanted.user = user;
    wanted.roles = required_text_list(request, "roles");
    if (!approved_hash) wanted.password = required_text(request, "password");
    wanted.display_name = optional_text(request, "display_name").value_or("");
    wanted.clearance_expires = optional_date(request, "clearance_expires").value_or(std::nullopt);
    return [&accounts, wanted, by, approved_hash] { return accounts.add(wanted, by, approved_hash); };
  }
  if (type == "AccountUpdate") {
    AccountChanges changes;
    changes.display_name = optional_text(request, "display_name");
    changes.roles = optional_text_list(request, "roles");
    changes.clearance_expires = optional_date(request, "clearance_expires");
    return [&accounts, user, changes] { return accounts.update(user, changes); };
  }
  if (type == "AccountDisable") {
    const auto reason = optional_text(request, "reason").value_or("");
    return [&accounts, user, reason, by] { return accounts.disable(user, reason, by); };
  }
  if (type == "AccountEnable") return [&accounts, user] { return accounts.enable(user); };
  if (type == "AccountClose") return [&accounts, user, by] { return accounts.close(user, by); };
  if (type == "AccountUnlock") return [&accounts, user] { return accounts.unlock(user); };
  if (type == "AccountResetPassword") {
    if (approved_hash) return [&accounts, user, approved_hash] { return accounts.set_password_hash(user, *approved_hash); };
    const auto password = required_text(request, "password");
    return [&accounts, user, password] { return accounts.reset_password(user, password); };
  }
  if (type == "DesigneeGrant") {
    const DesigneeGrant grant{required_date(request, "from"), required_date(request, "to")};
    return [&accounts, user, grant] { return accounts.grant_designee(user, grant); };
  }
  if (type == "DesigneeRevoke") return [&accounts, user] { return accounts.revoke_designee(user); };
  throw AccountError(ServiceStatus::invalid, fmt::format("type: '{}' does not change an account", shown(type)));
}

}  // namespace platebus::accounts
