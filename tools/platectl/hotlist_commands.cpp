// platectl hotlist import|add|list|show|delete-plate|delete-list: hot lists, through the operator
// API's hot-list routes (docs/api.md). Browsing is an inquiry: it needs --case and --reason.
#include <fmt/format.h>

#include <iostream>

#include "command_support.hpp"

namespace platectl {

namespace {

void print_import(const nlohmann::json& body) {
  std::string lists;
  for (const auto& list : body.value("lists", nlohmann::json::array()))
    lists += (lists.empty() ? "" : ", ") + list.get<std::string>();
  std::cout << fmt::format("imported {} plates into {} ({} duplicate rows merged; {} added, {} replaced, {} removed)\n",
                           text_of(body, "imported"), lists.empty() ? "no list" : lists,
                           text_of(body, "merged_duplicates"), text_of(body, "added"), text_of(body, "replaced"),
                           text_of(body, "removed"));
}

void print_entry(const nlohmann::json& body) {
  const auto& entry = body.value("entry", nlohmann::json::object());
  const auto state = text_of(entry, "state");
  std::cout << fmt::format("added {}{} to list {}: {}, {}\n", text_of(entry, "plate"),
                           state.empty() ? "" : " (" + state + ")", text_of(entry, "list"), text_of(entry, "category"),
                           text_of(entry, "reason"));
}

void print_lists(const nlohmann::json& body) {
  std::cout << fmt::format("{:<24} {:>9}  {:<27} {}\n", "LIST", "PLATES", "UPDATED", "BY");
  for (const auto& list : body.value("lists", nlohmann::json::array()))
    std::cout << fmt::format("{:<24} {:>9}  {:<27} {}\n", text_of(list, "list"), text_of(list, "plates"),
                             text_of(list, "updated_at"), text_of(list, "updated_by"));
}

void print_plates(const nlohmann::json& body) {
  const auto plates = body.value("plates", nlohmann::json::array());
  std::cout << fmt::format("list {}: {} plates, showing {}\n", text_of(body, "list"), text_of(body, "total"),
                           plates.size());
  std::cout << fmt::format("{:<10} {:<5} {:<17} {:>3} {:<12} {:<10} {:<14} {}\n", "PLATE", "STATE", "CATEGORY", "PRI",
                           "EXPIRES", "CASE", "ADDED BY", "REASON");
  for (const auto& entry : plates)
    std::cout << fmt::format("{:<10} {:<5} {:<17} {:>3} {:<12} {:<10} {:<14} {}\n", text_of(entry, "plate"),
                             text_of(entry, "state"), text_of(entry, "category"), text_of(entry, "priority"),
                             text_of(entry, "expires_at").substr(0, 10), text_of(entry, "case_number"),
                             text_of(entry, "added_by"), text_of(entry, "reason"));
}

void print_deleted(const nlohmann::json& body) {
  std::cout << fmt::format("deleted {} plate(s)\n", text_of(body, "deleted"));
}

void add_import(CLI::App& hotlist, Cli& cli) {
  struct Options {
    std::string file, list, format = "csv", mode = "merge";
  };
  auto options = std::make_shared<Options>();
  auto* command =
      hotlist.add_subcommand("import", "Upload a hot-list file (CSV or state extract); refused whole on any bad row");
  command->add_option("FILE", options->file, "the file")->required()->check(CLI::ExistingFile);
  command->add_option("--list", options->list, "the list the plates go into (rows may name their own in a CSV)")
      ->required();
  command->add_option("--format", options->format, "csv or state-extract")
      ->check(CLI::IsMember({"csv", "state-extract"}));
  command->add_option("--mode", options->mode, "merge into the list, or replace its plates")
      ->check(CLI::IsMember({"merge", "replace"}));
  command->callback([&cli, options] {
    cli.action = [&cli, options] {
      const auto format = options->format == "csv" ? "csv" : "state_extract";
      const auto path = fmt::format("/api/v1/hotlists/import?list={}&format={}&mode={}", url_segment(options->list),
                                    format, options->mode);
      const auto response =
          client_for(cli.globals)
              .upload(path, options->file, options->format == "csv" ? "text/csv" : "text/plain");
      return finish(cli.globals, response, print_import);
    };
  });
}

void add_plate(CLI::App& hotlist, Cli& cli) {
  struct Options {
    std::string plate, category, reason, list, state, case_number, expires, make, model, colour;
    std::optional<int> priority;
  };
  auto options = std::make_shared<Options>();
  auto* command = hotlist.add_subcommand("add", "Add one hot plate");
  command->add_option("PLATE", options->plate, "the plate")->required();
  command
      ->add_option("--category", options->category,
                   "stolen-vehicle, stolen-plate, felony-vehicle, amber-alert, warrant, missing-person, bolo or other")
      ->required();
  command->add_option("--reason", options->reason, "why it is wanted (no names, addresses or CLETS data)")->required();
  command->add_option("--list", options->list, "the list it goes into")->required();
  command->add_option("--state", options->state, "the plate's state, e.g. CA");
  command->add_option("--case", options->case_number, "case or incident number");
  command->add_option("--expires", options->expires, "the last day it is wanted, YYYY-MM-DD");
  command->add_option("--priority", options->priority, "priority (higher first)");
  command->add_option("--make", options->make, "vehicle make");
  command->add_option("--model", options->model, "vehicle model");
  command->add_option("--colour,--color", options->colour, "vehicle colour");
  command->callback([&cli, options] {
    cli.action = [&cli, options] {
      nlohmann::json entry{{"plate", options->plate},
                           {"category", options->category},
                           {"reason", options->reason},
                           {"list", options->list}};
      if (!options->state.empty()) entry["state"] = options->state;
      if (!options->case_number.empty()) entry["case_number"] = options->case_number;
      if (!options->expires.empty()) entry["expires"] = options->expires;
      if (options->priority) entry["priority"] = *options->priority;
      nlohmann::json vehicle = nlohmann::json::object();
      if (!options->make.empty()) vehicle["make"] = options->make;
      if (!options->model.empty()) vehicle["model"] = options->model;
      if (!options->colour.empty()) vehicle["colour"] = options->colour;
      if (!vehicle.empty()) entry["vehicle"] = vehicle;
      const auto response = client_for(cli.globals).send("POST", "/api/v1/hotplates", nlohmann::json{{"entry", entry}});
      return finish(cli.globals, response, print_entry);
    };
  });
}

void add_browsing(CLI::App& hotlist, Cli& cli) {
  auto list_inquiry = std::make_shared<CaseAndReason>();
  auto* list = hotlist.add_subcommand("list", "The hot lists and their sizes (an inquiry: --case, --reason)");
  add_case_and_reason(*list, *list_inquiry);
  list->callback([&cli, list_inquiry] {
    cli.action = [&cli, list_inquiry] {
      return finish(cli.globals,
                    client_for(cli.globals).send("POST", "/api/v1/hotlists/browse", inquiry_body(*list_inquiry)),
                    print_lists);
    };
  });

  struct ShowOptions {
    CaseAndReason inquiry;
    std::string list;
    std::optional<long long> offset, limit;
  };
  auto show_options = std::make_shared<ShowOptions>();
  auto* show = hotlist.add_subcommand("show", "The plates of one list (an inquiry: --case, --reason)");
  show->add_option("LIST", show_options->list, "the list")->required();
  add_case_and_reason(*show, show_options->inquiry);
  show->add_option("--offset", show_options->offset, "skip this many plates")->check(CLI::NonNegativeNumber);
  show->add_option("--limit", show_options->limit, "show at most this many (1 to 1000; default 100)")
      ->check(CLI::Range(1, 1000));
  show->callback([&cli, show_options] {
    cli.action = [&cli, show_options] {
      auto query = nlohmann::json::object();
      if (show_options->offset) query["offset"] = *show_options->offset;
      if (show_options->limit) query["limit"] = *show_options->limit;
      const auto path = fmt::format("/api/v1/hotlists/{}/browse", url_segment(show_options->list));
      return finish(cli.globals, client_for(cli.globals).send("POST", path, inquiry_body(show_options->inquiry, query)),
                    print_plates);
    };
  });
}

void add_deletes(CLI::App& hotlist, Cli& cli) {
  struct PlateOptions {
    std::string list, plate, state;
  };
  auto plate = std::make_shared<PlateOptions>();
  auto* delete_plate =
      hotlist.add_subcommand("delete-plate", "Delete a plate from a list (your own, or anyone's with hotlist.manage)");
  delete_plate->add_option("LIST", plate->list, "the list")->required();
  delete_plate->add_option("PLATE", plate->plate, "the plate")->required();
  delete_plate->add_option("--state", plate->state, "only the entry of this state");
  delete_plate->callback([&cli, plate] {
    cli.action = [&cli, plate] {
      const auto path =
          fmt::format("/api/v1/hotlists/{}/plates/{}", url_segment(plate->list), url_segment(plate->plate));
      const auto client = client_for(cli.globals);
      const auto response = plate->state.empty() ? client.send("DELETE", path)
                                                 : client.send("DELETE", path, nlohmann::json{{"state", plate->state}});
      return finish(cli.globals, response, print_deleted);
    };
  });

  auto list = std::make_shared<std::string>();
  auto* delete_list = hotlist.add_subcommand("delete-list", "Delete a whole list (hotlist.manage)");
  delete_list->add_option("LIST", *list, "the list")->required();
  delete_list->callback([&cli, list] {
    cli.action = [&cli, list] {
      return finish(cli.globals, client_for(cli.globals).send("DELETE", "/api/v1/hotlists/" + url_segment(*list)),
                    print_deleted);
    };
  });
}

}  // namespace

void add_hotlist_commands(CLI::App& app, Cli& cli) {
  auto* hotlist = app.add_subcommand("hotlist", "Hot lists: upload, add, browse, delete");
  hotlist->require_subcommand(1);
  add_import(*hotlist, cli);
  add_plate(*hotlist, cli);
  add_browsing(*hotlist, cli);
  add_deletes(*hotlist, cli);
}

}  // namespace platectl
