#include "offline_changes.hpp"

#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "audit_events.hpp"
#include "password_input.hpp"

namespace platebus::accounts::offline {

namespace {

using Change = std::function<Account(Accounts&, const std::string& by)>;

// Opens the database, makes `change` and leaves its audit event (a refusal's too).
int run_change(const Common& common, const std::string& command, const std::string& user, bool sets_password,
               const Change& change) {
  if (const auto problem = user_name_problem(user)) throw BadInput(*problem);
  auto opened = open_accounts(common, sets_password);
  auto& accounts = *opened.accounts;
  const auto actor = offline_actor();
  const nlohmann::json query = {{"command", command}, {"user", user}};
  try {
    const auto account = change(accounts, actor.user);
    leave_event(*opened.store, account_change(actor, "account:" + user, audit_outcome::allowed,
                                              command + " offline, with no second program manager", query,
                                              accounts.now()));
    std::cout << fmt::format("{}: {} ({}) in {}\n", account.user, to_string(account.status),
                             fmt::join(account.roles, ","), opened.settings.database.string());
    return 0;
  } catch (const AccountError& e) {
    leave_event(*opened.store, account_change(actor, "account:" + user, audit_outcome::refused,
                                              command + " refused: " + e.what(), query, accounts.now()));
    std::cerr << "platebus-accounts: " << e.what() << '\n';
    return kRefused;
  }
}

struct Options {
  std::string user, display_name, clearance_expires, from, to;
  std::vector<std::string> roles;
  bool revoke = false;
};

CLI::App* command(CLI::App& app, const std::function<void(CLI::App*)>& add_common, const char* name, const char* help,
                  Options& options) {
  auto* sub = app.add_subcommand(name, help);
  add_common(sub);
  sub->add_option("--user", options.user, "the account's user name")->required();
  return sub;
}

}  // namespace

void add_offline_change_commands(CLI::App& app, const std::function<void(CLI::App*)>& add_common, const Common& common,
                                 std::function<int()>& action) {
  auto options = std::make_shared<Options>();
  const auto roles_help = "role (repeatable): officer, investigator, sergeant, program_manager, tech_services";

  auto* add = command(app, add_common, "add", "create an account (a second program manager, say); the password "
                                              "is read from standard input", *options);
  add->add_option("--role", options->roles, roles_help)->required();
  add->add_option("--display-name", options->display_name, "the person's name as shown to others");
  add->add_option("--clearance-expires", options->clearance_expires, "CLETS clearance expiry, YYYY-MM-DD");
  add->callback([&, options] {
    action = [&common, options] {
      const auto clearance = date_option(options->clearance_expires, "--clearance-expires");
      const auto password = cli::read_new_password("New password for " + options->user + ": ");
      return run_change(common, "add", options->user, true, [&](Accounts& accounts, const std::string& by) {
        return accounts.add({options->user, options->roles, password, options->display_name, clearance}, by);
      });
    };
  });

  auto* update = command(app, add_common, "update", "change an account's roles, clearance or display name", *options);
  update->add_option("--role", options->roles, "the account's roles from now on (repeatable)");
  update->add_option("--display-name", options->display_name, "the person's name");
  update->add_option("--clearance-expires", options->clearance_expires, "CLETS clearance expiry, YYYY-MM-DD");
  update->callback([&, options] {
    action = [&common, options] {
      AccountChanges changes;
      if (!options->roles.empty()) changes.roles = options->roles;
      if (!options->display_name.empty()) changes.display_name = options->display_name;
      if (const auto date = date_option(options->clearance_expires, "--clearance-expires")) changes.clearance_expires = date;
      return run_change(common, "update", options->user, false,
                        [&](Accounts& accounts, const std::string&) { return accounts.update(options->user, changes); });
    };
  });

  command(app, add_common, "close", "close an account for good and end its sessions", *options)->callback([&, options] {
    action = [&common, options] {
      return run_change(common, "close", options->user, false,
                        [&](Accounts& accounts, const std::string& by) { return accounts.close(options->user, by); });
    };
  });

  command(app, add_common, "reset-password", "set a new password, read from standard input", *options)
      ->callback([&, options] {
        action = [&common, options] {
          const auto password = cli::read_new_password("New password for " + options->user + ": ");
          return run_change(common, "reset-password", options->user, true, [&](Accounts& accounts, const std::string&) {
            return accounts.reset_password(options->user, password);
          });
        };
      });

  auto* designee = command(app, add_common, "designee", "grant the sergeant's sharing approval --from --to, or --revoke",
                           *options);
  auto* from = designee->add_option("--from", options->from, "first day, YYYY-MM-DD");
  auto* to = designee->add_option("--to", options->to, "last day, YYYY-MM-DD (inclusive)");
  auto* revoke = designee->add_flag("--revoke", options->revoke, "end the grant");
  from->excludes(revoke)->needs(to);
  to->excludes(revoke)->needs(from);
  designee->callback([&, options] {
    action = [&common, options] {
      if (options->revoke)
        return run_change(common, "designee revoke", options->user, false,
                          [&](Accounts& accounts, const std::string&) { return accounts.revoke_designee(options->user); });
      const auto first = date_option(options->from, "--from");
      const auto last = date_option(options->to, "--to");
      if (!first || !last) throw BadInput("designee: give --from DATE --to DATE, or --revoke");
      return run_change(common, "designee grant", options->user, false, [&](Accounts& accounts, const std::string&) {
        return accounts.grant_designee(options->user, {*first, *last});
      });
    };
  });
}

}  // namespace platebus::accounts::offline
