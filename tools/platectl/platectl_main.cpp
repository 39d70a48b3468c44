// platectl: the command-line client of the operator API, for people and scripts.
#include <cstdlib>
#include <iostream>

#include "command_support.hpp"
#include "session_file.hpp"

namespace {

std::string environment(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace platectl;
  CLI::App app("platectl: the command-line client of the PlateBus operator API.\n"
               "Exit codes: 0 ok, 1 refused or failed, 2 usage, 3 cannot reach the server.");
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command: platectl whoami --json
  Cli cli;
  cli.globals.server = environment("PLATEBUS_SERVER", "http://127.0.0.1:8080");
  cli.globals.ca_file = environment("PLATEBUS_CA_FILE", "");
  app.add_option("--server", cli.globals.server, "the API's base URL (env PLATEBUS_SERVER)")->capture_default_str();
  app.add_option("--ca-file", cli.globals.ca_file, "CA certificate(s) to verify an https server with (env PLATEBUS_CA_FILE)");
  app.add_flag("--json", cli.globals.json, "print the server's JSON answer");
  app.footer("Session: $PLATEBUS_TOKEN, else the file written by login: " +
             [] {
               try {
                 return session_file_path().string();
               } catch (const std::exception&) {
                 return std::string("$XDG_CONFIG_HOME/platebus/session");
               }
             }() + "\n");
  add_session_commands(app, cli);
  add_account_commands(app, cli);
  add_audit_commands(app, cli);
  add_inquiry_command(app, cli);
  add_hotlist_commands(app, cli);
  add_alert_commands(app, cli);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  }
  try {
    return cli.action ? cli.action() : kUsage;
  } catch (const Unreachable& e) {
    std::cerr << "platectl: " << e.what() << '\n';
    return kUnreachable;
  } catch (const CLI::Error& e) {
    std::cerr << "platectl: " << e.what() << '\n';
    return kUsage;
  } catch (const std::invalid_argument& e) {
    std::cerr << "platectl: " << e.what() << '\n';
    return kUsage;
  } catch (const std::exception& e) {
    std::cerr << "platectl: " << e.what() << '\n';
    return kRefused;
  }
}
