// platectl alerts list|show|ack: hits and the officer's disposition. Browsing hits is an inquiry
// (--case, --reason); acknowledging is the `alerts` permission.
#include <fmt/format.h>

#include <iostream>

#include "command_support.hpp"

namespace platectl {

namespace {

std::string disposition_of(const nlohmann::json& hit) {
  const auto it = hit.find("disposition");
  if (it == hit.end() || !it->is_object()) return "open";
  return fmt::format("{} by {} at {}", text_of(*it, "disposition"), text_of(*it, "by"), text_of(*it, "at"));
}

void print_hits(const nlohmann::json& body) {
  const auto hits = body.value("hits", nlohmann::json::array());
  std::cout << fmt::format("{:<20} {:<27} {:<12} {:<10} {:<11} {:<16} {:<12} {}\n", "HIT", "AT", "CAMERA", "PLATE",
                           "MATCH", "CATEGORY", "LIST", "DISPOSITION");
  for (const auto& hit : hits) {
    const auto& disposition = hit.value("disposition", nlohmann::json());
    std::cout << fmt::format("{:<20} {:<27} {:<12} {:<10} {:<11} {:<16} {:<12} {}\n", text_of(hit, "hit_id"),
                             text_of(hit, "at"), text_of(hit, "camera"), text_of(hit, "plate"),
                             text_of(hit, "match_kind"), text_of(hit, "category"), text_of(hit, "list"),
                             disposition.is_object() ? text_of(disposition, "disposition") : "open");
  }
  if (hits.empty()) std::cout << "no hits\n";
}

void print_hit(const nlohmann::json& body) {
  const auto& hit = body.value("hit", nlohmann::json::object());
  const auto& read = hit.value("read", nlohmann::json::object());
  const auto& plate = hit.value("hot_plate", nlohmann::json::object());
  std::cout << fmt::format("hit {} at {}, camera {}\n", text_of(hit, "hit_id"), text_of(hit, "at"),
                           text_of(read, "camera"));
  const auto state = text_of(plate, "state");
  std::cout << fmt::format("  read {} matched hot plate {}{} ({})\n", text_of(read, "text"), text_of(plate, "plate"),
                           state.empty() ? "" : " " + state, text_of(hit, "match_kind"));
  std::cout << fmt::format("  {}: {} (list {}, priority {})\n", text_of(plate, "category"), text_of(plate, "reason"),
                           text_of(plate, "list"), text_of(plate, "priority"));
  if (!text_of(hit, "notice").empty()) std::cout << "  " << text_of(hit, "notice") << '\n';
  std::cout << "  disposition: " << disposition_of(hit) << '\n';
}

void add_list(CLI::App& alerts, Cli& cli) {
  struct Options {
    CaseAndReason inquiry;
    bool all = false;
    std::optional<long long> limit;
  };
  auto options = std::make_shared<Options>();
  auto* command =
      alerts.add_subcommand("list", "Open hits (--all: acknowledged ones too); an inquiry: --case, --reason");
  add_case_and_reason(*command, options->inquiry);
  command->add_flag("--all", options->all, "acknowledged hits too");
  command->add_option("--limit", options->limit, "at most this many (1 to 1000; default 100)")
      ->check(CLI::Range(1, 1000));
  command->callback([&cli, options] {
    cli.action = [&cli, options] {
      nlohmann::json query{{"open_only", !options->all}};
      if (options->limit) query["limit"] = *options->limit;
      const auto response =
          client_for(cli.globals).send("POST", "/api/v1/hits/browse", inquiry_body(options->inquiry, query));
      return finish(cli.globals, response, print_hits);
    };
  });
}

void add_show(CLI::App& alerts, Cli& cli) {
  struct Options {
    CaseAndReason inquiry;
    std::string hit_id;
  };
  auto options = std::make_shared<Options>();
  auto* command = alerts.add_subcommand("show", "One hit in full; an inquiry: --case, --reason");
  command->add_option("ID", options->hit_id, "the hit id")->required();
  add_case_and_reason(*command, options->inquiry);
  command->callback([&cli, options] {
    cli.action = [&cli, options] {
      const auto path = fmt::format("/api/v1/hits/{}/browse", url_segment(options->hit_id));
      return finish(cli.globals, client_for(cli.globals).send("POST", path, inquiry_body(options->inquiry)), print_hit);
    };
  });
}

void add_ack(CLI::App& alerts, Cli& cli) {
  struct Options {
    std::string hit_id, disposition, note;
    bool visually_verified = false, clets_confirmed = false;
  };
  auto options = std::make_shared<Options>();
  auto* command = alerts.add_subcommand("ack", "Record your disposition of a hit");
  command->add_option("ID", options->hit_id, "the hit id")->required();
  command
      ->add_option("--disposition", options->disposition, "confirmed, misread, no-longer-wanted, not-located or other")
      ->required()
      ->check(CLI::IsMember({"confirmed", "misread", "no-longer-wanted", "not-located", "other"}));
  command->add_flag("--visually-verified", options->visually_verified,
                    "you compared the plate on the vehicle with the read");
  command->add_flag("--clets-confirmed", options->clets_confirmed, "you confirmed the wanted status through CLETS");
  command->add_option("--note", options->note, "a short note");
  command->callback([&cli, options] {
    cli.action = [&cli, options] {
      // The server decides; this only saves a round trip for the rule everyone must know.
      if (options->disposition == "confirmed" && !(options->visually_verified && options->clets_confirmed)) {
        std::cerr << "platectl: 'confirmed' needs both --visually-verified and --clets-confirmed: the hot list is not "
                     "real-time, so verify the plate visually and confirm the wanted status through CLETS first\n";
        return static_cast<int>(kRefused);
      }
      nlohmann::json body{{"disposition", options->disposition},
                          {"visually_verified", options->visually_verified},
                          {"clets_confirmed", options->clets_confirmed}};
      if (!options->note.empty()) body["note"] = options->note;
      const auto path = fmt::format("/api/v1/hits/{}/ack", url_segment(options->hit_id));
      return finish(cli.globals, client_for(cli.globals).send("POST", path, body), [](const nlohmann::json& answer) {
        const auto& hit = answer.value("hit", nlohmann::json::object());
        std::cout << fmt::format("hit {}: {}\n", text_of(hit, "hit_id"), disposition_of(hit));
      });
    };
  });
}

}  // namespace

void add_alert_commands(CLI::App& app, Cli& cli) {
  auto* alerts = app.add_subcommand("alerts", "Hits: list open ones, show one, acknowledge with a disposition");
  alerts->require_subcommand(1);
  add_list(*alerts, cli);
  add_show(*alerts, cli);
  add_ack(*alerts, cli);
}

}  // namespace platectl
