#include "command_support.hpp"

#include <iostream>

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
    std::cerr << fmt::format("platectl: {} (HTTP {})\n", response.error_message(), response.status);
    if (response.status == 401) std::cerr << "platectl: log in with: platectl login --user NAME\n";
  }
  return response.ok() ? kOk : kRefused;
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
