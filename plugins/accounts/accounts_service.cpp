#include "accounts_service.hpp"

#include <functional>

#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "service_replies.hpp"

namespace platebus::accounts {

namespace {

// The action of a request that proves who asks by a password (Login) or a session token: none,
// since its actor, if any, is not the one who is asking.
constexpr const char* kProvesItself = "";
constexpr const char* kManage = "accounts.manage";

// The management requests that change one account: those a second program manager may have to approve.
constexpr const char* kAccountChanges[] = {"AccountAdd",     "AccountUpdate", "AccountDisable",
                                           "AccountEnable",  "AccountClose",  "AccountUnlock",
                                           "AccountResetPassword", "DesigneeGrant", "DesigneeRevoke"};

}  // namespace

AccountsService::AccountsService(Accounts& accounts)
    : accounts_(accounts), approval_(accounts), table_(make_table()) {}

// Every request and the action it needs; permissions.cpp decides whether the actor holds it.
ServiceTable AccountsService::make_table() {
  ServiceTable table("accounts", [this](const Message& request, std::string_view action) {
    accounts_.require_permission(Actor::of(request).user, action);
  });
  table.add("Login", kProvesItself, std::bind_front(&AccountsService::login, this))
      .add("Logout", kProvesItself, std::bind_front(&AccountsService::logout, this))
      .add("Authorize", kProvesItself, std::bind_front(&AccountsService::authorize, this))
      .add("PasswordChange", kProvesItself, std::bind_front(&AccountsService::change_password, this))
      .add("AccountList", kManage, std::bind_front(&AccountsService::list_accounts, this));
  for (const std::string type : kAccountChanges)
    table.add(type, kManage, [this, type](const Message& request) { return change_account(type, request); });
  table.add("Sweep", kManage, std::bind_front(&AccountsService::sweep, this))
      .add("ChangeList", kManage, std::bind_front(&AccountsService::list_changes, this))
      .add("ChangeApprove", kManage, std::bind_front(&AccountsService::approve_change, this))
      .add("ChangeDecline", kManage, std::bind_front(&AccountsService::decline_change, this));
  return table;
}

bool AccountsService::checks_passwords(const Message& request) {
  const auto type = request.text(field::type);
  return type == "Login" || type == "PasswordChange" || type == "AccountAdd" || type == "AccountResetPassword";
}

Reply AccountsService::list_accounts(const Message&) {
  auto list = nlohmann::json::array();
  for (const auto& account : accounts_.list()) list.push_back(account.to_public_json());
  return answer("AccountList", {{"accounts", std::move(list)}});
}

Reply AccountsService::sweep(const Message& request) {
  const auto as_of = optional_date(request, "as_of").value_or(std::nullopt);
  const auto deactivated = as_of ? accounts_.sweep(*as_of) : accounts_.sweep(accounts_.now());
  auto users = nlohmann::json::array();
  for (const auto& account : deactivated) users.push_back(account.user);
  return answer("Sweep", {{"deactivated", std::move(users)}});
}

Reply AccountsService::change_account(const std::string& type, const Message& request) {
  const auto change = prepare_change(type, request, nullptr);  // every field read and checked first
  const auto by = Actor::of(request).user;
  if (approval_.needs_second_approval(type, request.header, by)) return propose(type, request, by);
  return account_answer(type, change());
}

}  // namespace platebus::accounts
