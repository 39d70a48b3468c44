#pragma once
// Asks the accounts service whether a session token may perform an action: the one place the API
// learns who is asking. The permission table itself lives only in the accounts plugin.
#include <chrono>
#include <string>

#include "platebus/actor.hpp"
#include "platebus/context.hpp"

namespace platebus::api {

struct Authorization {
  Reply reply;                    // ok, or unauthenticated / denied / invalid / unavailable ...
  Actor actor;                    // the session's user, roles and session id, plus the client
  std::string clearance_expires;  // "" when the account has none
};

class AccountsGate {
 public:
  AccountsGate(Context& ctx, std::chrono::milliseconds deadline) : ctx_(ctx), deadline_(deadline) {}

  Authorization authorize(const std::string& token, const std::string& action, const std::string& client);

  // Who holds `token`, for the record of a refused action: the person is known even when the
  // action was denied ("session" is allowed to every role). Only the client when nobody is.
  Actor identify(const std::string& token, const std::string& client, const Reply& refusal);

 private:
  Context& ctx_;
  std::chrono::milliseconds deadline_;
};

}  // namespace platebus::api
