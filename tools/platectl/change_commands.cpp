// platectl accounts changes|approve|decline: changes to program managers' accounts wait for a second
// program manager (docs/security.md, "Separation of duties").
#include <iostream>

#include <fmt/format.h>

#include "command_support.hpp"

namespace platectl {

namespace {

std::string text(const nlohmann::json& value, const char* key) {
  const auto it = value.find(key);
  return it != value.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void print_changes(const nlohmann::json& body) {
  std::cout << fmt::format("{:<9} {:<21} {:<16} {:<16} {:<21} {}\n", "ID", "REQUEST", "ACCOUNT", "ASKED BY", "UNTIL",
                           "FIELDS");
  for (const auto& change : body.value("changes", nlohmann::json::array()))
    std::cout << fmt::format("{:<9} {:<21} {:<16} {:<16} {:<21} {}\n", text(change, "id"), text(change, "type"),
                             text(change, "user"), text(change, "requested_by"), text(change, "expires_at").substr(0, 19),
                             change.value("fields", nlohmann::json::object()).dump());
}

void print_decision(const nlohmann::json& body) {
  const auto& change = body.value("change", nlohmann::json::object());
  const auto outcome = body.contains("applied") ? "approved and applied" : text(body, "outcome");
  std::cout << fmt::format("change {} ({} for {}, asked by {}): {}\n", text(change, "id"), text(change, "type"),
                           text(change, "user"), text(change, "requested_by"), outcome);
}

// `accounts VERB ID`: POST /api/v1/account-changes/ID/VERB.
void add_decision(CLI::App& accounts, Cli& cli, const std::string& verb, const std::string& help) {
  auto* command = accounts.add_subcommand(verb, help);
  auto id = std::make_shared<std::string>();
  command->add_option("ID", *id, "the change's id, as `platectl accounts changes` shows it")->required();
  command->callback([&cli, id, verb] {
    cli.action = [&cli, id, verb] {
      const auto path = fmt::format("/api/v1/account-changes/{}/{}", url_segment(*id), verb);
      return finish(cli.globals, client_for(cli.globals).send("POST", path, nlohmann::json::object()), print_decision);
    };
  });
}

}  // namespace

void add_change_commands(CLI::App& accounts, Cli& cli) {
  accounts.add_subcommand("changes", "List the account changes waiting for a second program manager")->callback([&cli] {
    cli.action = [&cli] {
      return finish(cli.globals, client_for(cli.globals).send("GET", "/api/v1/account-changes"), print_changes);
    };
  });
  add_decision(accounts, cli, "approve", "Approve and apply a change another program manager asked for");
  add_decision(accounts, cli, "decline", "Decline a waiting change (or withdraw your own)");
}

}  // namespace platectl
