// platectl inquiry PATH --case N --reason TEXT [--query JSON]: any configured inquiry route, so
// the inquiry mechanism can be driven before each inquiry has a command of its own.
#include <iostream>

#include "command_support.hpp"

namespace platectl {

void add_inquiry_command(CLI::App& app, Cli& cli) {
  struct InquiryOptions {
    std::string path, case_number, reason, query = "{}";
  };
  auto options = std::make_shared<InquiryOptions>();
  auto* inquiry = app.add_subcommand("inquiry", "Send an inquiry to a configured inquiry route");
  inquiry->add_option("PATH", options->path, "the route, e.g. /api/v1/hits/search")->required();
  inquiry->add_option("--case", options->case_number, "case or incident number")->required();
  inquiry->add_option("--reason", options->reason, "why this inquiry serves the case")->required();
  inquiry->add_option("--query", options->query, "the query terms as a JSON object, e.g. '{\"plate\": \"7ABC123\"}'");
  inquiry->callback([&cli, options] {
    cli.action = [&cli, options] {
      const auto query = nlohmann::json::parse(options->query, nullptr, /*allow_exceptions=*/false);
      if (!query.is_object()) throw CLI::ValidationError("--query", "give a JSON object, e.g. '{\"plate\": \"7ABC123\"}'");
      const auto path = options->path.front() == '/' ? options->path : "/" + options->path;
      const auto response = client_for(cli.globals).send(
          "POST", path, nlohmann::json{{"case_number", options->case_number}, {"reason", options->reason}, {"query", query}});
      return finish(cli.globals, response, [](const nlohmann::json& body) { std::cout << body.dump(2) << '\n'; });
    };
  });
}

}  // namespace platectl
