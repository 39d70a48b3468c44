#pragma once
// platebus-accounts add|update|close|reset-password|designee: the account changes that, through the
// service, wait for a second program manager (docs/security.md, "Separation of duties"). Offline,
// on the server, they apply at once, each leaving an account.change audit event by offline:<OS user>,
// so a deployment with a single program manager can still make them, on the record.
#include <functional>

#include <CLI/CLI.hpp>

#include "offline_session.hpp"

namespace platebus::accounts::offline {

// Adds the commands to `app`; `add_common` gives each --config and --instance. The one parsed sets
// `action`, which runs it and returns the exit code.
void add_offline_change_commands(CLI::App& app, const std::function<void(CLI::App*)>& add_common, const Common& common,
                                 std::function<int()>& action);

}  // namespace platebus::accounts::offline
