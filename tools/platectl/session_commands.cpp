// platectl login, logout, whoami, password: the caller's own session.
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "command_support.hpp"
#include "password_input.hpp"
#include "session_file.hpp"

namespace platectl {

using platebus::cli::read_password;
using platebus::cli::read_new_password;

namespace {

std::string roles_of(const nlohmann::json& body) {
  return fmt::format("{}", fmt::join(body.value("roles", std::vector<std::string>()), ", "));
}

}  // namespace

void add_session_commands(CLI::App& app, Cli& cli) {
  auto* login = app.add_subcommand("login", "Log in; the session is kept in the session file (mode 0600)");
  auto user = std::make_shared<std::string>();
  login->add_option("--user,-u", *user, "account name (default: $USER)");
  login->callback([&cli, user] {
    cli.action = [&cli, user] {
      std::string name = *user;
      if (name.empty() && std::getenv("USER")) name = std::getenv("USER");
      if (name.empty()) throw CLI::ValidationError("--user", "give the account name with --user NAME");
      const auto password = read_password(fmt::format("Password for {}: ", name));
      const ApiClient client(cli.globals.server, cli.globals.ca_file, "");
      const auto response = client.send("POST", "/api/v1/session", nlohmann::json{{"user", name}, {"password", password}});
      if (response.ok()) save_token(response.body.value("token", ""));
      return finish(cli.globals, response, [](const nlohmann::json& body) {
        std::cout << fmt::format("logged in as {} ({}); session {} ends at {} at the latest\n",
                                 body.value("user", ""), roles_of(body), body.value("session", ""),
                                 body.value("expires_at", "?"));
      });
    };
  });

  auto* logout = app.add_subcommand("logout", "End the session and delete the session file");
  logout->callback([&cli] {
    cli.action = [&cli] {
      const auto response = client_for(cli.globals).send("DELETE", "/api/v1/session");
      // Ended on the server or already invalid there: either way the local token is of no use now.
      if (response.ok() || response.status == 401) forget_token();
      return finish(cli.globals, response, [](const nlohmann::json&) { std::cout << "logged out\n"; });
    };
  });

  auto* whoami = app.add_subcommand("whoami", "Show who the current session belongs to");
  whoami->callback([&cli] {
    cli.action = [&cli] {
      return finish(cli.globals, client_for(cli.globals).send("GET", "/api/v1/session"), [](const nlohmann::json& body) {
        const auto clearance = body.value("clearance_expires", "");
        std::cout << fmt::format("{} ({}), session {}, from {}{}\n", body.value("user", ""), roles_of(body),
                                 body.value("session", ""), body.value("client", ""),
                                 clearance.empty() ? "" : ", CLETS clearance until " + clearance);
      });
    };
  });

  auto* password = app.add_subcommand("password", "Change your own password (old and new from prompt or stdin)");
  password->callback([&cli] {
    cli.action = [&cli] {
      const auto old_password = read_password("Current password: ");
      const auto new_password = read_new_password("New password (at least 12 characters): ");
      const auto response = client_for(cli.globals).send(
          "POST", "/api/v1/password", nlohmann::json{{"old_password", old_password}, {"new_password", new_password}});
      return finish(cli.globals, response, [](const nlohmann::json&) { std::cout << "password changed\n"; });
    };
  });
}

}  // namespace platectl
