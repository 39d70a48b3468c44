#include "permissions.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

constexpr bool y = true, n = false;

//                action               covers                                                          off inv sgt pm  tech  clearance
const std::vector<Permission> kTable = {
    {"session", "log in, change one's own password", {y, y, y, y, y}, false},
    {"alerts", "live alerts, record dispositions", {y, y, y, n, n}, false},
    {"inquiry", "browse hits; search reads, photos, maps", {y, y, y, y, n}, true},
    {"stakeout", "stakeout searches; evidence holds and exports", {n, y, y, y, n}, true},
    {"hotplate.add", "add single hot plates; delete one's own", {y, y, y, y, n}, true},
    {"hotlist.manage", "upload hot lists; delete anyone's hot plates or lists", {n, y, y, y, n}, true},
    {"sharing.request", "record data sharing requests", {n, y, y, y, n}, false},
    {"sharing.approve", "approve data sharing (sergeant, or an active designee grant)", {n, n, y, n, n}, false},
    {"accounts.manage", "manage accounts and designee grants", {n, n, n, y, n}, false},
    {"audit", "audit: verify, report, export, checkpoint", {n, n, n, y, n}, false},
    {"deployment.read", "deployment status", {n, n, n, y, y}, false},
    {"deployment.manage", "deployment reloads, devices", {n, n, n, n, y}, false},
};

std::size_t role_index(std::string_view name) {
  return static_cast<std::size_t>(std::find(kRoles.begin(), kRoles.end(), name) - kRoles.begin());
}

bool role_allows(const Permission& permission, const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(), [&](const std::string& name) {
    const auto index = role_index(name);
    return index < kRoles.size() && permission.allows[index];
  });
}

}  // namespace

bool is_role(std::string_view name) { return role_index(name) < kRoles.size(); }

bool is_sworn(std::string_view name) {
  return name == role::officer || name == role::investigator || name == role::sergeant;
}

const std::vector<Permission>& permission_table() { return kTable; }

const Permission* find_permission(std::string_view action) {
  const auto it = std::find_if(kTable.begin(), kTable.end(), [&](const Permission& p) { return p.action == action; });
  return it == kTable.end() ? nullptr : &*it;
}

bool roles_allow(const std::vector<std::string>& roles, std::string_view action) {
  const auto* permission = find_permission(action);
  return permission && role_allows(*permission, roles);
}

Decision decide(const Account& account, std::string_view action, Date today) {
  const auto* permission = find_permission(action);
  if (!permission)
    return {ServiceStatus::invalid, fmt::format("unknown action '{}'; docs/security.md lists the actions", shown(action))};
  const bool designee = action == "sharing.approve" && account.designee && account.designee->active_on(today);
  if (!role_allows(*permission, account.roles) && !designee)
    return {ServiceStatus::denied, fmt::format("{} may not {}", fmt::join(account.roles, ", "), action)};
  if (permission->needs_clearance) {
    if (!account.clearance_expires)
      return {ServiceStatus::denied, fmt::format("no CLETS clearance on record, which {} needs; ask the program "
                                                 "manager to record your clearance expiry date", action)};
    if (*account.clearance_expires < today)
      return {ServiceStatus::denied,
              fmt::format("CLETS clearance expired on {}; {} needs a current clearance: ask the program manager to "
                          "record the renewed date", to_iso_date(*account.clearance_expires), action)};
  }
  return {};
}

}  // namespace platebus::accounts
