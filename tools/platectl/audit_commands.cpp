// platectl audit verify|report|export|checkpoint: the audit trail (program manager).
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "command_support.hpp"
#include "platebus/printable_text.hpp"

namespace platectl {

namespace {

std::string text(const nlohmann::json& value, const char* key) {
  const auto it = value.find(key);
  if (it == value.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// A value from the trail as printed on a terminal: a user name holding a line break or an escape
// code shows as \n or \x1b, it cannot forge a line or clear the screen.
std::string shown(const nlohmann::json& value, const char* key) { return platebus::printable_text(text(value, key)); }

// Writes `content` to `file`, or to standard output when no file is given.
void deliver(const std::string& file, const std::string& content) {
  if (file.empty()) {
    std::cout << content;
    if (!content.empty() && content.back() != '\n') std::cout << '\n';
    return;
  }
  std::ofstream out(file, std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", file));
  std::cerr << fmt::format("written to {}\n", file);
}

void print_verify(const nlohmann::json& body) {
  const bool intact = body.value("intact", false);
  std::cout << fmt::format("{}: {} records (sequence {} to {}), chain hash {}\n", intact ? "intact" : "NOT INTACT",
                           shown(body, "records"), shown(body, "first_sequence"), shown(body, "last_sequence"),
                           shown(body, "chain_hash"));
  for (const auto& problem : body.value("problems", nlohmann::json::array()))
    std::cout << fmt::format("  record {}: {}\n", shown(problem, "sequence"), shown(problem, "problem"));
}

void print_record(const nlohmann::json& record) {
  const auto actor = record.value("actor", nlohmann::json::object());
  std::cout << fmt::format("{} {} {} {} {} {} {}", shown(record, "sequence"), shown(record, "at"),
                           text(actor, "user").empty() ? "-" : shown(actor, "user"), shown(actor, "client"),
                           shown(record, "category"), shown(record, "outcome"), shown(record, "target"));
  if (!text(record, "case_number").empty())
    std::cout << fmt::format(" case={} reason=\"{}\"", shown(record, "case_number"), shown(record, "reason"));
  if (!text(record, "detail").empty()) std::cout << " (" << shown(record, "detail") << ")";
  std::cout << '\n';
}

}  // namespace

void add_audit_commands(CLI::App& app, Cli& cli) {
  auto* audit = app.add_subcommand("audit", "The audit trail (program manager)");
  audit->require_subcommand(1);

  audit->add_subcommand("verify", "Check the hash chain; exits 1 when a record was changed, removed or reordered")
      ->callback([&cli] {
        cli.action = [&cli] {
          const auto response = client_for(cli.globals).send("GET", "/api/v1/audit/verify");
          const auto code = finish(cli.globals, response, print_verify);
          return code == kOk && !response.body.value("intact", false) ? static_cast<int>(kRefused) : code;
        };
      });

  struct ReportOptions {
    int year = 0;
    std::string format = "text";
    std::string output;
  };
  auto report = std::make_shared<ReportOptions>();
  auto* report_command = audit->add_subcommand("report", "The yearly audit: counts per user and category, flags");
  report_command->add_option("--year", report->year, "the year, e.g. 2026")->required()->check(CLI::Range(1970, 9999));
  report_command->add_option("--format", report->format, "text, csv or html")
      ->check(CLI::IsMember({"text", "csv", "html"}));
  report_command->add_option("--output,-o", report->output, "write to FILE instead of standard output");
  report_command->callback([&cli, report] {
    cli.action = [&cli, report] {
      const auto response =
          client_for(cli.globals).send("GET", fmt::format("/api/v1/audit/report?year={}", report->year));
      if (cli.globals.json && response.ok() && !report->output.empty()) {
        deliver(report->output, response.body.dump(2));
        return static_cast<int>(kOk);
      }
      return finish(cli.globals, response,
                    [&](const nlohmann::json& body) { deliver(report->output, text(body, report->format.c_str())); });
    };
  });

  struct ExportOptions {
    std::string from, to, output;
  };
  auto exported = std::make_shared<ExportOptions>();
  auto* export_command = audit->add_subcommand("export", "The records between two dates (inclusive)");
  export_command->add_option("--from", exported->from, "first day, YYYY-MM-DD")->required();
  export_command->add_option("--to", exported->to, "last day, YYYY-MM-DD")->required();
  export_command->add_option("--output,-o", exported->output, "write the records as JSON to FILE");
  export_command->callback([&cli, exported] {
    cli.action = [&cli, exported] {
      const auto response = client_for(cli.globals)
                                .send("GET", fmt::format("/api/v1/audit/export?from={}&to={}", url_segment(exported->from),
                                                         url_segment(exported->to)));
      if (response.ok() && !exported->output.empty()) {
        deliver(exported->output, response.body.value("records", nlohmann::json::array()).dump(2));
        return static_cast<int>(kOk);
      }
      return finish(cli.globals, response, [](const nlohmann::json& body) {
        for (const auto& record : body.value("records", nlohmann::json::array())) print_record(record);
      });
    };
  });

  audit->add_subcommand("checkpoint", "Make a signed checkpoint now (sequence and chain hash, Ed25519)")
      ->callback([&cli] {
        cli.action = [&cli] {
          return finish(cli.globals, client_for(cli.globals).send("POST", "/api/v1/audit/checkpoint"),
                        [](const nlohmann::json& body) {
                          std::cout << fmt::format("checkpoint at record {}: chain hash {}\nsigned by {}\nfile {}\n",
                                                   shown(body, "sequence"), shown(body, "chain_hash"),
                                                   shown(body, "public_key"), shown(body, "file"));
                        });
        };
      });
}

}  // namespace platectl
