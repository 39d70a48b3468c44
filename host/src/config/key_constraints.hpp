#pragma once
// A config key's declared constraints (minimum, maximum, choices, pattern: descriptor.hpp), checked
// by the host on settings already converted to the key's type, so `platebus check`, `run` and a
// reload refuse what the plugin would, before any plugin code runs.
#include <string>

#include <nlohmann/json.hpp>

#include "platebus/descriptor.hpp"

namespace platebus::host {

// What breaks a constraint, as "is 0; give a value greater than 0"; "" when the value fits.
// `value` is the converted setting (a list is checked item by item); null is never checked.
std::string constraint_problem(const nlohmann::json& value, const ConfigKey& key);

// The constraints in words ("320 to 7680", "at least 730d", "one of: text, json"); "" when none.
std::string describe_constraints(const ConfigKey& key);

}  // namespace platebus::host
