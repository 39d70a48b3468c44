#pragma once
// What every platectl command shares: the global options, the client built from them, and how an
// answer becomes output and an exit code (0 ok, 1 refused or failed, 2 usage, 3 unreachable).
#include <functional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "api_client.hpp"

namespace platectl {

enum ExitCode { kOk = 0, kRefused = 1, kUsage = 2, kUnreachable = 3 };

struct Globals {
  std::string server;
  std::string ca_file;
  bool json = false;
};

// The parsed command line: the global options and the chosen command's work.
struct Cli {
  Globals globals;
  std::function<int()> action;
};

// A client for the configured server carrying the current session token.
ApiClient client_for(const Globals& globals);

// Prints the answer (the server's JSON with --json, `print_text` otherwise; a refusal's message
// on standard error) and returns the exit code.
int finish(const Globals& globals, const Response& response,
           const std::function<void(const nlohmann::json&)>& print_text);

// A refusal's message on standard error: "platectl: MESSAGE (HTTP N)", further lines as they are.
void print_refusal(const Response& response);

// A path segment with everything but unreserved characters percent-encoded.
std::string url_segment(const std::string& text);

void add_session_commands(CLI::App& app, Cli& cli);
void add_account_commands(CLI::App& app, Cli& cli);
// `accounts changes|approve|decline`: changes that wait for a second program manager.
void add_change_commands(CLI::App& accounts, Cli& cli);
void add_audit_commands(CLI::App& app, Cli& cli);
void add_inquiry_command(CLI::App& app, Cli& cli);
void add_hotlist_commands(CLI::App& app, Cli& cli);
void add_alert_commands(CLI::App& app, Cli& cli);

// An inquiry's case or incident number and reason, as --case and --reason (both required).
struct CaseAndReason {
  std::string case_number, reason;
};
void add_case_and_reason(CLI::App& command, CaseAndReason& inquiry);
// {case_number, reason, query}: the body of an inquiry route.
nlohmann::json inquiry_body(const CaseAndReason& inquiry, nlohmann::json query = nlohmann::json::object());

// The text of `value[key]`: strings as they are, numbers and booleans written out, "" when absent or null.
std::string text_of(const nlohmann::json& value, const char* key);

}  // namespace platectl
