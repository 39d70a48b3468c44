#include "platebus/actor.hpp"

#include "typed_fields.hpp"

namespace platebus {

nlohmann::json Actor::to_json() const {
  return {{"user", user}, {"roles", roles}, {"session", session}, {"client", client}};
}

Actor Actor::from_json(const nlohmann::json& value) {
  Actor actor;
  if (!value.is_object()) return actor;
  const auto text = [&](const char* key) {
    const auto it = value.find(key);
    return it != value.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  actor.user = text("user");
  actor.session = text("session");
  actor.client = text("client");
  if (const auto it = value.find("roles"); it != value.end() && it->is_array()) {
    detail::expect_at_most(*it, kMaxRoles, "actor '" + actor.user + "'", "roles");
    for (const auto& role : *it)
      if (role.is_string()) actor.roles.push_back(role.get<std::string>());
  }
  return actor;
}

Actor Actor::of(const Message& message) {
  const auto it = message.header.find(field::actor);
  return it == message.header.end() ? Actor{} : from_json(*it);
}

Actor Actor::system() { return Actor{"system", {}, "", ""}; }

}  // namespace platebus
