// platectl accounts add|list|update|disable|enable|close|unlock|reset-password|designee: account
// management (program manager); the changes|approve|decline commands are in change_commands.cpp.
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_support.hpp"
#include "password_input.hpp"

namespace platectl {

using platebus::cli::read_new_password;

namespace {

std::string text(const nlohmann::json& value, const char* key) {
  const auto it = value.find(key);
  return it != value.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string roles(const nlohmann::json& account) {
  const auto it = account.find("roles");
  return it != account.end() && it->is_array() ? fmt::format("{}", fmt::join(*it, ",")) : "";
}

void print_account(const nlohmann::json& body) {
  if (body.value("pending", false)) {  // a second program manager must approve it first
    std::cout << text(body, "message") << '\n';
    return;
  }
  const auto& account = body.contains("account") ? body["account"] : body;
  std::cout << fmt::format("{}: {} ({})", text(account, "user"), text(account, "status"), roles(account));
  if (!text(account, "clearance_expires").empty()) std::cout << ", clearance until " << text(account, "clearance_expires");
  if (account.contains("designee") && account["designee"].is_object())
    std::cout << fmt::format(", designee {} to {}", text(account["designee"], "from"), text(account["designee"], "to"));
  if (!text(account, "status_reason").empty()) std::cout << ", " << text(account, "status_reason");
  std::cout << '\n';
}

void print_accounts(const nlohmann::json& body) {
  std::cout << fmt::format("{:<16} {:<28} {:<9} {:<10} {}\n", "USER", "ROLES", "STATUS", "CLEARANCE", "LAST LOGIN");
  for (const auto& account : body.value("accounts", nlohmann::json::array()))
    std::cout << fmt::format("{:<16} {:<28} {:<9} {:<10} {}\n", text(account, "user"), roles(account),
                             text(account, "status"), text(account, "clearance_expires"),
                             text(account, "last_login").empty() ? "never" : text(account, "last_login"));
}

// One `accounts VERB NAME` command that POSTs to /api/v1/accounts/NAME/VERB.
void add_simple(CLI::App& accounts, Cli& cli, const std::string& verb, const std::string& help) {
  auto* command = accounts.add_subcommand(verb, help);
  auto user = std::make_shared<std::string>();
  command->add_option("NAME", *user, "account name")->required();
  command->callback([&cli, user, verb] {
    cli.action = [&cli, user, verb] {
      const auto path = fmt::format("/api/v1/accounts/{}/{}", url_segment(*user), verb);
      return finish(cli.globals, client_for(cli.globals).send("POST", path, nlohmann::json::object()), print_account);
    };
  });
}

}  // namespace

void add_account_commands(CLI::App& app, Cli& cli) {
  auto* accounts = app.add_subcommand("accounts", "Manage accounts (program manager)");
  accounts->require_subcommand(1);
  add_change_commands(*accounts, cli);

  struct AddOptions {
    std::string user, display_name, clearance_expires;
    std::vector<std::string> roles;
  };
  auto add = std::make_shared<AddOptions>();
  auto* add_command = accounts->add_subcommand("add", "Create an account; its first password from prompt or stdin");
  add_command->add_option("NAME", add->user, "account name")->required();
  add_command->add_option("--role", add->roles,
                          "role (repeatable): officer, investigator, sergeant, program_manager, tech_services")
      ->required();
  add_command->add_option("--display-name", add->display_name, "the person's name");
  add_command->add_option("--clearance-expires", add->clearance_expires,
                          "CLETS clearance expiry, YYYY-MM-DD (required for sworn roles)");
  add_command->callback([&cli, add] {
    cli.action = [&cli, add] {
      nlohmann::json body{{"user", add->user}, {"roles", add->roles}};
      if (!add->display_name.empty()) body["display_name"] = add->display_name;
      if (!add->clearance_expires.empty()) body["clearance_expires"] = add->clearance_expires;
      body["password"] = read_new_password(fmt::format("Password for {} (at least 12 characters): ", add->user));
      return finish(cli.globals, client_for(cli.globals).send("POST", "/api/v1/accounts", body), print_account);
    };
  });

  accounts->add_subcommand("list", "List every account")->callback([&cli] {
    cli.action = [&cli] { return finish(cli.globals, client_for(cli.globals).send("GET", "/api/v1/accounts"), print_accounts); };
  });

  auto update = std::make_shared<AddOptions>();
  auto* update_command = accounts->add_subcommand("update", "Change an account's roles, display name or clearance");
  update_command->add_option("NAME", update->user, "account name")->required();
  update_command->add_option("--role", update->roles, "the account's roles from now on (repeatable)");
  update_command->add_option("--display-name", update->display_name, "the person's name");
  update_command->add_option("--clearance-expires", update->clearance_expires, "CLETS clearance expiry, YYYY-MM-DD");
  update_command->callback([&cli, update] {
    cli.action = [&cli, update] {
      auto body = nlohmann::json::object();
      if (!update->roles.empty()) body["roles"] = update->roles;
      if (!update->display_name.empty()) body["display_name"] = update->display_name;
      if (!update->clearance_expires.empty()) body["clearance_expires"] = update->clearance_expires;
      const auto path = "/api/v1/accounts/" + url_segment(update->user);
      return finish(cli.globals, client_for(cli.globals).send("PATCH", path, body), print_account);
    };
  });

  auto disable = std::make_shared<std::pair<std::string, std::string>>();
  auto* disable_command = accounts->add_subcommand("disable", "Disable an account and end its sessions");
  disable_command->add_option("NAME", disable->first, "account name")->required();
  disable_command->add_option("--reason", disable->second, "why (kept with the account)");
  disable_command->callback([&cli, disable] {
    cli.action = [&cli, disable] {
      auto body = nlohmann::json::object();
      if (!disable->second.empty()) body["reason"] = disable->second;
      const auto path = fmt::format("/api/v1/accounts/{}/disable", url_segment(disable->first));
      return finish(cli.globals, client_for(cli.globals).send("POST", path, body), print_account);
    };
  });
  add_simple(*accounts, cli, "enable", "Enable a disabled account");
  add_simple(*accounts, cli, "close", "Close an account for good (separation) and end its sessions");
  add_simple(*accounts, cli, "unlock", "Unlock an account locked after failed logins");

  auto reset = std::make_shared<std::string>();
  auto* reset_command = accounts->add_subcommand("reset-password", "Set a new password (from prompt or stdin)");
  reset_command->add_option("NAME", *reset, "account name")->required();
  reset_command->callback([&cli, reset] {
    cli.action = [&cli, reset] {
      const auto password = read_new_password(fmt::format("New password for {}: ", *reset));
      const auto path = fmt::format("/api/v1/accounts/{}/reset-password", url_segment(*reset));
      return finish(cli.globals, client_for(cli.globals).send("POST", path, nlohmann::json{{"password", password}}),
                    print_account);
    };
  });

  struct DesigneeOptions {
    std::string user, from, to;
    bool revoke = false;
  };
  auto designee = std::make_shared<DesigneeOptions>();
  auto* designee_command =
      accounts->add_subcommand("designee", "Lend the sergeant's sharing approval to a sworn account, or --revoke it");
  designee_command->add_option("NAME", designee->user, "account name")->required();
  auto* from = designee_command->add_option("--from", designee->from, "first day, YYYY-MM-DD");
  auto* to = designee_command->add_option("--to", designee->to, "last day, YYYY-MM-DD (inclusive)");
  auto* revoke = designee_command->add_flag("--revoke", designee->revoke, "end the grant");
  from->excludes(revoke);
  to->excludes(revoke);
  from->needs(to);
  to->needs(from);
  designee_command->callback([&cli, designee] {
    cli.action = [&cli, designee] {
      if (!designee->revoke && designee->from.empty())
        throw CLI::ValidationError("designee", "give --from DATE --to DATE, or --revoke");
      const auto path = fmt::format("/api/v1/accounts/{}/designee", url_segment(designee->user));
      const auto client = client_for(cli.globals);
      const auto response = designee->revoke
                                ? client.send("DELETE", path)
                                : client.send("PUT", path, nlohmann::json{{"from", designee->from}, {"to", designee->to}});
      return finish(cli.globals, response, print_account);
    };
  });
}

}  // namespace platectl
