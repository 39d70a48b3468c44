// platebus-accounts: what must work with no host running. `platebus accounts ...` runs it.
//   bootstrap  creates the first program manager (password from standard input)
//   sweep      disables accounts with no login for the inactivity limit, as of a given date
//   add, update, close, reset-password, designee: the changes that through the service need a
//              second program manager, for a deployment with only one (offline_changes.cpp)
// Each action leaves an account.change audit event in the database's outbox; the accounts plugin
// publishes it to the audit trail when it next starts (or within seconds if it runs).
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accounts.hpp"
#include "audit_events.hpp"
#include "offline_changes.hpp"
#include "offline_session.hpp"
#include "password_input.hpp"
#include "permissions.hpp"

namespace {

using namespace platebus;
using namespace platebus::accounts;
using namespace platebus::accounts::offline;

struct BootstrapOptions {
  std::string user;
  std::string display_name;
  std::string clearance_expires;
};

int bootstrap(const Common& common, const BootstrapOptions& options) {
  if (const auto problem = user_name_problem(options.user)) throw BadInput(*problem);
  const auto clearance = date_option(options.clearance_expires, "--clearance-expires");
  auto opened = open_accounts(common, true);
  auto& accounts = *opened.accounts;
  const auto actor = offline_actor();
  const auto target = "account:" + options.user;
  const nlohmann::json query = {{"command", "bootstrap"}, {"user", options.user}};
  if (accounts.has_active_program_manager()) {
    leave_event(*opened.store, account_change(actor, target, audit_outcome::refused,
                                              "bootstrap refused: an active program manager exists", query,
                                              accounts.now()));
    std::cerr << "platebus-accounts: an active program manager already exists; bootstrap only creates the first. "
                 "Use `platectl accounts add` to create more accounts.\n";
    return kRefused;
  }
  const auto password = platebus::cli::read_new_password("New password for " + options.user + ": ");
  NewAccount wanted{options.user, {std::string(role::program_manager)}, password, options.display_name, clearance};
  try {
    const auto account = accounts.add(wanted, actor.user);
    leave_event(*opened.store, account_change(actor, target, audit_outcome::allowed,
                                              "first program manager created offline", query, accounts.now()));
    std::cout << fmt::format("created program manager '{}' in {}\n", account.user, opened.settings.database.string());
    return 0;
  } catch (const AccountError& e) {
    leave_event(*opened.store,
                account_change(actor, target, audit_outcome::refused, std::string("bootstrap refused: ") + e.what(),
                               query, accounts.now()));
    std::cerr << "platebus-accounts: " << e.what() << '\n';
    return kRefused;
  }
}

int sweep(const Common& common, const std::string& as_of_text) {
  const auto as_of = date_option(as_of_text, "--as-of");
  auto opened = open_accounts(common, false);
  auto& accounts = *opened.accounts;
  const auto actor = offline_actor();
  const auto at = accounts.now();
  const auto deactivated = as_of ? accounts.sweep(*as_of) : accounts.sweep(at);
  std::vector<std::string> users;
  for (const auto& account : deactivated) {
    leave_event(*opened.store, deactivation_event(actor, account, at));
    std::cout << fmt::format("deactivated {}: {}\n", account.user, account.status_reason);
    users.push_back(account.user);
  }
  const auto when = as_of ? to_iso_date(*as_of) : to_iso8601(at);
  leave_event(*opened.store,
              account_change(actor, "accounts", audit_outcome::allowed,
                             fmt::format("sweep as of {}: {} deactivated", when, users.size()),
                             {{"command", "sweep"}, {"as_of", when}, {"deactivated", users}}, at));
  if (deactivated.empty()) std::cout << "no account deactivated as of " << when << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Offline account tasks for PlateBus (run as `platebus accounts ...`); each leaves an audit event "
               "that the accounts plugin publishes when it runs"};
  app.require_subcommand(1);
  Common common;
  const auto add_common = [&](CLI::App* command) {
    command->add_option("--config", common.config, "the deployment file (YAML) with the accounts instance")
        ->required();
    command->add_option("--instance", common.instance, "the accounts instance's id, when there are several");
  };

  BootstrapOptions boot;
  auto* bootstrap_command = app.add_subcommand(
      "bootstrap", "create the first program manager; the password is read from standard input (typed twice at a "
                   "terminal, or one line from a pipe), never from the command line");
  add_common(bootstrap_command);
  bootstrap_command->add_option("--user", boot.user, "the new account's user name")->required();
  bootstrap_command->add_option("--display-name", boot.display_name, "the person's name as shown to others");
  bootstrap_command->add_option("--clearance-expires", boot.clearance_expires,
                                "CLETS clearance expiry date, YYYY-MM-DD (optional for a program manager)");

  std::string as_of;
  auto* sweep_command = app.add_subcommand(
      "sweep", "disable the accounts with no login for the inactivity limit (default 90 days) and list them");
  add_common(sweep_command);
  sweep_command->add_option("--as-of", as_of, "the date to sweep as of, YYYY-MM-DD (default: now)");

  std::function<int()> change;
  add_offline_change_commands(app, add_common, common, change);

  CLI11_PARSE(app, argc, argv);
  try {
    if (bootstrap_command->parsed()) return bootstrap(common, boot);
    if (change) return change();
    return sweep(common, as_of);
  } catch (const BadInput& e) {
    std::cerr << "platebus-accounts: " << e.what() << '\n';
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "platebus-accounts: " << e.what() << '\n';
    return kRefused;
  }
}
