// The requests that prove who asks by a password or a session token, not by the request's actor:
// Login, Logout, Authorize, PasswordChange.
#include "accounts_service.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "service_replies.hpp"

namespace platebus::accounts {

namespace {

nlohmann::json session_fields(const SessionView& view) {
  return {{"expires_at", to_iso8601(view.expires_at)}, {"idle_expires_at", to_iso8601(view.idle_expires_at)}};
}

}  // namespace

Reply AccountsService::login(const Message& request) {
  const auto user = required_text(request, "user");
  const auto password = required_text(request, "password");
  const auto result = accounts_.login(user, password, Actor::of(request).client);
  auto fields = session_fields(result);
  fields.update({{"user", result.account.user},
                 {"display_name", result.account.display_name},
                 {"roles", result.account.roles},
                 {"session", result.session.id},
                 {"token", result.token}});
  return answer("Login", std::move(fields));
}

Reply AccountsService::logout(const Message& request) {
  accounts_.logout(required_text(request, "token"));
  return answer("Logout");
}

Reply AccountsService::authorize(const Message& request) {
  const auto token = required_text(request, "token");
  const auto action = required_text(request, "action");
  const auto [view, decision] = accounts_.authorize(token, action);
  auto fields = session_fields(view);
  fields["actor"] = {{"user", view.account.user},
                     {"roles", view.account.roles},
                     {"session", view.session.id},
                     {"client", view.session.client}};
  fields["clearance_expires"] = view.account.clearance_expires ? to_iso_date(*view.account.clearance_expires) : "";
  if (decision.allowed()) return answer("Authorize", std::move(fields));
  // A refusal still says who was refused, for the API's audit record.
  auto refusal = Reply::failure(decision.status, decision.error);
  refusal.message.header = std::move(fields);
  return refusal;
}

Reply AccountsService::change_password(const Message& request) {
  const auto token = required_text(request, "token");
  const auto old_password = required_text(request, "old_password");
  const auto new_password = required_text(request, "new_password");
  accounts_.change_password(token, old_password, new_password);
  return answer("PasswordChange");
}

}  // namespace platebus::accounts
