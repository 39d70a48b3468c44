#include "command_support.hpp"

#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "session_file.hpp"

namespace platectl {

ApiClient client_for(const Globals& globals) { return ApiClient(globals.server, globals.ca_file, current_token()); }

int finish(const Globals& globals, const Response& response,
           const std::function<void(const nlohmann::json&)>& print_text) {
  if (globals.json) {
    std::cout << (response.body.is_null() ? nlohmann::json::object() : response.body).dump(2) << '\n';
  } else if (response.ok()) {
    print_text(response.body);
  } else {
    print_refusal(response);
    if (response.status == 401) std::cerr << "platectl: log in with: platectl login --user NAME\n";
  }
  return response.ok() ? kOk : kRefused;
}

void print_refusal(const Response& response) {
  // A refusal of several lines (an upload's line-numbered errors) keeps one line per error.
  std::istringstream message(response.error_message());
  std::string line;
  bool first = true;
  while (std::getline(message, line)) {
    if (first) std::cerr << fmt::format("platectl: {} (HTTP {})\n", line, response.status);
    else if (line.find_first_not_of(' ') != std::string::npos) std::cerr << line << '\n';
    first = false;
  }
  if (first) std::cerr << fmt::format("platectl: the server answered HTTP {}\n", response.status);
}

void add_case_and_reason(CLI::App& command, CaseAndReason& inquiry) {
  command.add_option("--case", inquiry.case_number, "case or incident number")->required();
  command.add_option("--reason", inquiry.reason, "why this inquiry serves the case")->required();
}

nlohmann::json inquiry_body(const CaseAndReason& inquiry, nlohmann::json query) {
  return {{"case_number", inquiry.case_number}, {"reason", inquiry.reason}, {"query", std::move(query)}};
}

std::string text_of(const nlohmann::json& value, const char* key) {
  if (!value.is_object()) return "";
  const auto it = value.find(key);
  if (it == value.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string url_segment(const std::string& text) {
  std::string encoded;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') encoded += static_cast<char>(c);
    else encoded += fmt::format("%{:02X}", c);
  }
  return encoded;
}

}  // namespace platectl
