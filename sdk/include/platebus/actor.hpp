#pragma once
// The person behind a request or a message, as the operator API established it: the account, the
// roles it holds, the session (an id, never the token) and the client's address. Services trust it
// because only the API, after checking the session, sets it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platebus/message.hpp"

namespace platebus {

struct PLATEBUS_SDK_API Actor {
  static constexpr std::size_t kMaxRoles = 16;  // from_json refuses more (MessageError)

  std::string user;                // "" when nobody is logged in (a failed login, the system)
  std::vector<std::string> roles;  // "officer", "investigator", "sergeant", "program_manager", "tech_services"
  std::string session;             // a session id (not its token)
  std::string client;              // the client's address, "203.0.113.7:51320"

  nlohmann::json to_json() const;
  static Actor from_json(const nlohmann::json& value);  // missing fields stay empty; MessageError past kMaxRoles
  // The request's `actor` header field (empty Actor when it has none).
  static Actor of(const Message& message);
  // The actor the system itself acts as (sweeps, purges): user "system".
  static Actor system();
};

// Header fields every inquiry (a search, a browse of hits or hot lists) carries, by policy.
namespace field {
inline constexpr const char* case_number = "case_number";
inline constexpr const char* reason = "reason";
}  // namespace field

}  // namespace platebus
