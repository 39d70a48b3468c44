// Changes that wait for a second program manager (docs/security.md, separation of duties): proposing
// one, and ChangeList, ChangeApprove, ChangeDecline.
#include <fmt/format.h>

#include "accounts_service.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "service_replies.hpp"

namespace platebus::accounts {

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

Reply AccountsService::list_changes(const Message&) {
  auto list = nlohmann::json::array();
  for (const auto& change : approval_.pending()) list.push_back(change.to_public_json());
  return answer("ChangeList", {{"changes", std::move(list)}});
}

Reply AccountsService::decline_change(const Message& request) {
  const auto change = approval_.decline(required_text(request, "id"));
  return answer("ChangeDecline", {{"change", change.to_public_json()},
                                  {"outcome", change.requested_by == Actor::of(request).user ? "withdrawn" : "declined"}});
}

// The change is applied as its asker asked it, with the password hash checked when it was proposed;
// its type is one of the account changes, since only those are ever proposed.
Reply AccountsService::approve_change(const Message& request) {
  const auto id = required_text(request, "id");
  const auto by = Actor::of(request).user;
  const auto change = approval_.take_for_approval(id, by);
  Message asked;
  asked.header = change.fields;
  asked.header[field::type] = change.type;
  asked.header[field::actor] = {{"user", change.requested_by}};
  Account applied;
  try {
    applied = prepare_change(change.type, asked, change.password_hash.empty() ? nullptr : &change.password_hash)();
  } catch (const AccountError& e) {
    throw AccountError(e.status(), fmt::format("change '{}' was approved but could not be applied, and is removed: {}",
                                               id, e.what()));
  }
  return answer("ChangeApprove", {{"change", change.to_public_json()},
                                  {"approved_by", by},
                                  {"applied", {{"account", applied.to_public_json()}}}});
}

}  // namespace platebus::accounts
