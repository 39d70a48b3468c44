#include "accounts_service.hpp"

#include <fmt/format.h>

#include "permissions.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "service_replies.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

constexpr const char* kRequestTypes =
    "Login, Logout, Authorize, PasswordChange, AccountAdd, AccountList, AccountUpdate, AccountDisable, "
    "AccountEnable, AccountClose, AccountUnlock, AccountResetPassword, DesigneeGrant, DesigneeRevoke, Sweep, "
    "ChangeList, ChangeApprove, ChangeDecline";

nlohmann::json session_fields(const SessionView& view) {
  return {{"expires_at", to_iso8601(view.expires_at)}, {"idle_expires_at", to_iso8601(view.idle_expires_at)}};
}

// Requests that change or list accounts: the caller's actor must be allowed accounts.manage now.
bool is_management(const std::string& type) {
  return type.rfind("Account", 0) == 0 || type.rfind("Designee", 0) == 0 || type.rfind("Change", 0) == 0 ||
         type == "Sweep";
}

// Management requests that change one account: those a second program manager may have to approve.
bool changes_an_account(const std::string& type) {
  return is_management(type) && type != "AccountList" && type != "Sweep" && type.rfind("Change", 0) != 0;
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
    const auto by = Actor::of(request).user;
    if (is_management(type)) accounts_.require_permission(by, "accounts.manage");
    if (type.rfind("Change", 0) == 0) return decide_change(type, request, by);
    if (changes_an_account(type)) {
      const auto change = prepare_change(type, request, nullptr);  // every field read and checked first
      if (approval_.needs_second_approval(type, request.header, by)) return propose(type, request, by);
      return account_answer(type, change());
    }
    return dispatch(type, request);
  } catch (const AccountError& e) {
    return Reply::failure(e.status(), e.what());
  } catch (const std::exception& e) {
    return Reply::failure(ServiceStatus::failed, fmt::format("the accounts service could not complete the request: {}", e.what()));
  }
}

Reply AccountsService::propose(const std::string& type, const Message& request, const std::string& by) {
  const auto user = required_text(request, "user");
  std::string hash;
  if (checks_passwords(request)) hash = accounts_.checked_password_hash(user, required_text(request, "password"), "password");
  const auto change = approval_.propose(type, request.header, std::move(hash), by);
  return answer(type, {{"pending", true},
                       {"change", change.to_public_json()},
                       {"message", fmt::format("not applied yet: change '{}' ({} for '{}') waits for another program "
                                               "manager's approval until {} (ChangeApprove)",
                                               change.id, type, user, to_iso8601(change.expires_at))}});
}

Reply AccountsService::decide_change(const std::string& type, const Message& request, const std::string& by) {
  if (type == "ChangeList") {
    auto list = nlohmann::json::array();
    for (const auto& change : approval_.pending()) list.push_back(change.to_public_json());
    return answer(type, {{"changes", std::move(list)}});
  }
  const auto id = required_text(request, "id");
  if (type == "ChangeDecline") {
    const auto change = approval_.decline(id);
    return answer(type, {{"change", change.to_public_json()},
                         {"outcome", change.requested_by == by ? "withdrawn" : "declined"}});
  }
  if (type != "ChangeApprove")
    return Reply::failure(ServiceStatus::invalid,
                          fmt::format("type: '{}' is not an accounts request; use one of {}", shown(type), kRequestTypes));
  const auto change = approval_.take_for_approval(id, by);
  Message asked;
  asked.header = change.fields;
  asked.header[field::type] = change.type;
  asked.header[field::actor] = {{"user", change.requested_by}};
  auto applied = dispatch(change.type, asked, change.password_hash.empty() ? nullptr : &change.password_hash);
  if (!applied.ok())
    return Reply::failure(applied.status, fmt::format("change '{}' was approved but could not be applied, and is "
                                                      "removed: {}", id, applied.error));
  applied.message.header.erase(field::type);
  return answer(type, {{"change", change.to_public_json()}, {"approved_by", by}, {"applied", applied.message.header}});
}

Reply AccountsService::dispatch(const std::string& type, const Message& request, const std::string* approved_hash) {
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
    fields["clearance_expires"] = view.account.clearance_expires ? to_iso_date(*view.account.clearance_expires) : "";
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
  if (type == "AccountList") {
    auto list = nlohmann::json::array();
    for (const auto& account : accounts_.list()) list.push_back(account.to_public_json());
    return answer(type, {{"accounts", std::move(list)}});
  }
  if (changes_an_account(type)) return account_answer(type, prepare_change(type, request, approved_hash)());
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
