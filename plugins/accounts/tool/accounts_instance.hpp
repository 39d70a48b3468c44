#pragma once
// Finds the accounts instance of a deployment file and its checked settings, the way the host sees
// them (defaults applied, relative paths resolved against the file's folder).
#include <filesystem>
#include <optional>
#include <string>

#include "account_settings.hpp"

namespace platebus::accounts {

// The instance whose `use` is `accounts`, or the one named `instance_id`. Throws std::runtime_error
// saying what is wrong with the file and how to fix it.
AccountSettings accounts_settings_from(const std::filesystem::path& deployment_file,
                                       const std::optional<std::string>& instance_id);

}  // namespace platebus::accounts
