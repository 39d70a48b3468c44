#include "accounts_service.hpp"

#include <fmt/format.h>

#include "permissions.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

constexpr const char* kRequestTypes =
    "Login, Logout, Authorize, PasswordChange, AccountAdd, AccountList, AccountUpdate, AccountDisable, "
    "AccountEnable, AccountClose, AccountUnlock, AccountResetPassword, DesigneeGrant, DesigneeRevoke, Sweep";

Reply answer(const std::string& type, nlohmann::json fields = nlohmann::json::object()) {
  Message message;
  message.header = std::move(fields);
  message.header[field::type] = type + "Reply";
  return Reply::success(std::move(message));
}

Reply account_answer(const std::string& type, const Account& account) {
  return answer(type, {{"account", account.to_public_json()}});
}

nlohmann::json session_fields(const SessionView& view) {
  return {{"expires_at", to_iso8601(view.expires_at)}, {"idle_expires_at", to_iso8601(view.idle_expires_at)}};
}

// Requests that change or list accounts: the caller's actor must be allowed accounts.manage now.
bool is_management(const std::string& type) {
  return type.rfind("Account", 0) == 0 || type.rfind("Designee", 0) == 0 || type == "Sweep";
}

}  // namespace

bool AccountsService::checks_passwords(const Message& request) {
  const auto type = request.text(field::type);
  return type == "Login" || type == "PasswordChange" || type == "AccountAdd" || type == "AccountResetPassword";
}

Reply AccountsService::handle(const Message& request) {
  try {
    const auto type_field = request.header.find(field::type);
    if (type_field == request.header.end() || !type_field->is_string())
      return Reply::failure(ServiceStatus::invalid, fmt::format("type: missing; name the request, one of {}", kRequestTypes));
    const auto type = type_field->get<std::string>();
    if (is_management(type)) accounts_.require_permission(Actor::of(request).user, "accounts.manage");
    return dispatch(type, request);
  } catch (const AccountError& e) {
    return Reply::failure(e.status(), e.what());
  } catch (const std::exception& e) {
    return Reply::failure(ServiceStatus::failed, fmt::format("the accounts service could not complete the request: {}", e.what()));
  }
}

Reply AccountsService::dispatch(const std::string& type, const Message& request) {
  const auto by = Actor::of(request).user;
  if (type == "Login") {
    const auto user = required_text(request, "user");
    const auto password = required_text(request, "password");
    const auto result = accounts_.login(user, password, Actor::of(request).client);
    auto fields = session_fields(result);
    fields.update({{"user", result.account.user},
                   {"display_name", result.account.display_name},
                   {"roles", result.account.roles},
                   {"session", result.session.id},
                   {"token", result.token}});
    return answer(type, std::move(fields));
  }
  if (type == "Logout") {
    accounts_.logout(required_text(request, "token"));
    return answer(type);
  }
  if (type == "Authorize") {
    const auto token = required_text(request, "token");
    const auto action = required_text(request, "action");
    const auto [view, decision] = accounts_.authorize(token, action);
    auto fields = session_fields(view);
    fields["actor"] = {{"user", view.account.user},
                       {"roles", view.account.roles},
                       {"session", view.session.id},
                       {"client", view.session.client}};
    fields["clearance_expires"] = view.account.clearance_expires ? to_string(*view.account.clearance_expires) : "";
    if (decision.allowed()) return answer(type, std::move(fields));
    // A refusal still says who was refused, for the API's audit record.
    auto refusal = Reply::failure(decision.status, decision.error);
    refusal.message.header = std::move(fields);
    return refusal;
  }
  if (type == "PasswordChange") {
    const auto token = required_text(request, "token");
    const auto old_password = required_text(request, "old_password");
    const auto new_password = required_text(request, "new_password");
    accounts_.change_password(token, old_password, new_password);
    return answer(type);
  }
  if (type == "AccountAdd") {
    NewAccount wanted;
    wanted.user = required_text(request, "user");
    wanted.roles = required_text_list(request, "roles");
    wanted.password = required_text(request, "password");
    wanted.display_name = optional_text(request, "display_name").value_or("");
    wanted.clearance_expires = optional_date(request, "clearance_expires").value_or(std::nullopt);
    return account_answer(type, accounts_.add(wanted, by));
  }
  if (type == "AccountList") {
    auto list = nlohmann::json::array();
    for (const auto& account : accounts_.list()) list.push_back(account.to_public_json());
    return answer(type, {{"accounts", std::move(list)}});
  }
  if (type == "AccountUpdate") {
    const auto user = required_text(request, "user");
    AccountChanges changes;
    changes.display_name = optional_text(request, "display_name");
    changes.roles = optional_text_list(request, "roles");
    changes.clearance_expires = optional_date(request, "clearance_expires");
    return account_answer(type, accounts_.update(user, changes));
  }
  if (type == "AccountDisable") {
    const auto user = required_text(request, "user");
    return account_answer(type, accounts_.disable(user, optional_text(request, "reason").value_or(""), by));
  }
  if (type == "AccountEnable") return account_answer(type, accounts_.enable(required_text(request, "user")));
  if (type == "AccountClose") return account_answer(type, accounts_.close(required_text(request, "user"), by));
  if (type == "AccountUnlock") return account_answer(type, accounts_.unlock(required_text(request, "user")));
  if (type == "AccountResetPassword") {
    const auto user = required_text(request, "user");
    return account_answer(type, accounts_.reset_password(user, required_text(request, "password")));
  }
  if (type == "DesigneeGrant") {
    const auto user = required_text(request, "user");
    const DesigneeGrant grant{required_date(request, "from"), required_date(request, "to")};
    return account_answer(type, accounts_.grant_designee(user, grant));
  }
  if (type == "DesigneeRevoke") return account_answer(type, accounts_.revoke_designee(required_text(request, "user")));
  if (type == "Sweep") {
    const auto as_of = optional_date(request, "as_of").value_or(std::nullopt);
    const auto deactivated = as_of ? accounts_.sweep(*as_of) : accounts_.sweep(accounts_.now());
    auto users = nlohmann::json::array();
    for (const auto& account : deactivated) users.push_back(account.user);
    return answer(type, {{"deactivated", std::move(users)}});
  }
  return Reply::failure(ServiceStatus::invalid,
                        fmt::format("type: '{}' is not an accounts request; use one of {}", shown(type), kRequestTypes));
}

}  // namespace platebus::accounts
