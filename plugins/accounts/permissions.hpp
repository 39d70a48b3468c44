#pragma once
// The permission table: which role may do which action, and which actions need a current CLETS
// clearance. This is the one place it is enforced (the service's Authorize asks here); docs/security.md
// shows the same table.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "account.hpp"
#include "platebus/service.hpp"

namespace platebus::accounts {

namespace role {
inline constexpr std::string_view officer = "officer";
inline constexpr std::string_view investigator = "investigator";
inline constexpr std::string_view sergeant = "sergeant";
inline constexpr std::string_view program_manager = "program_manager";
inline constexpr std::string_view tech_services = "tech_services";
}  // namespace role

inline constexpr std::array<std::string_view, 5> kRoles = {role::officer, role::investigator, role::sergeant,
                                                           role::program_manager, role::tech_services};

bool is_role(std::string_view name);
// Sworn staff (officer, investigator, sergeant) carry a CLETS clearance expiry date.
bool is_sworn(std::string_view name);

struct Permission {
  std::string_view action;     // "inquiry"
  std::string_view covers;     // what the action stands for, in words
  std::array<bool, 5> allows;  // by kRoles order
  bool needs_clearance;
};

// Every action, in the order docs/security.md lists them.
const std::vector<Permission>& permission_table();
const Permission* find_permission(std::string_view action);

// Does any of `roles` allow `action` by the table? Only the table's rule: no clearance, designee or
// account check. For a service that trusts the actor the API authorized for a lesser action and must
// tell whether it also holds a stronger one (match.hotlist: replacing another person's hot plate).
bool roles_allow(const std::vector<std::string>& roles, std::string_view action);

struct Decision {
  ServiceStatus status = ServiceStatus::ok;  // ok, denied, or invalid for an unknown action
  std::string error;
  bool allowed() const { return status == ServiceStatus::ok; }
};

// May this account do `action` on `today` (UTC)? Allowed when any of its roles allows it (or, for
// sharing.approve, a designee grant is active today), and, for actions that need it, the clearance
// expires today or later. Says nothing about the account's status or session: callers check those.
Decision decide(const Account& account, std::string_view action, Date today);

}  // namespace platebus::accounts
