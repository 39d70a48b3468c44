#include "authorization.hpp"

namespace platebus::api {

Authorization AccountsGate::authorize(const std::string& token, const std::string& action, const std::string& client) {
  Actor caller;
  caller.client = client;
  Message request;
  request.header = {{field::type, "Authorize"}, {"token", token}, {"action", action}, {field::actor, caller.to_json()}};
  Authorization result;
  result.reply = ctx_.call("accounts", std::move(request), deadline_);
  result.actor.client = client;
  if (!result.reply.ok()) return result;
  const auto& header = result.reply.message.header;
  result.actor = Actor::from_json(header.value("actor", nlohmann::json::object()));
  result.actor.client = client;
  result.clearance_expires = result.reply.message.text("clearance_expires");
  return result;
}

Actor AccountsGate::identify(const std::string& token, const std::string& client, const Reply& refusal) {
  if (refusal.status != ServiceStatus::denied && refusal.status != ServiceStatus::invalid) {
    Actor nobody;
    nobody.client = client;
    return nobody;
  }
  if (const auto it = refusal.message.header.find("actor"); it != refusal.message.header.end() && it->is_object()) {
    auto actor = Actor::from_json(*it);
    actor.client = client;
    return actor;
  }
  return authorize(token, "session", client).actor;
}

}  // namespace platebus::api
