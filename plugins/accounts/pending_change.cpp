#include "pending_change.hpp"

#include <stdexcept>

namespace platebus::accounts {

nlohmann::json PendingChange::to_public_json() const {
  auto shown = fields;
  if (!password_hash.empty()) shown["password"] = "(set)";
  return {{"id", id},
          {"type", type},
          {"user", user},
          {"fields", std::move(shown)},
          {"requested_by", requested_by},
          {"requested_at", to_iso8601(requested_at)},
          {"expires_at", to_iso8601(expires_at)}};
}

nlohmann::json PendingChange::to_stored_json() const {
  auto stored = to_public_json();
  stored["fields"] = fields;
  stored["password_hash"] = password_hash;
  return stored;
}

PendingChange PendingChange::from_stored_json(const nlohmann::json& value) {
  try {
    PendingChange change;
    change.id = value.at("id").get<std::string>();
    change.type = value.at("type").get<std::string>();
    change.user = value.at("user").get<std::string>();
    change.fields = value.at("fields");
    change.password_hash = value.at("password_hash").get<std::string>();
    change.requested_by = value.at("requested_by").get<std::string>();
    change.requested_at = parse_iso8601(value.at("requested_at").get<std::string>());
    change.expires_at = parse_iso8601(value.at("expires_at").get<std::string>());
    return change;
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("a pending change in the accounts database is damaged: ") + e.what());
  }
}

}  // namespace platebus::accounts
