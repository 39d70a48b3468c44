#pragma once
// platectl as a person at a terminal of their own runs it: a child process with its own config
// folder (so its own session file), pointed at a test deployment. PLATEBUS_PLATECTL names the binary.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "api_deployment.hpp"

namespace platebus::test {

class Operator {
 public:
  Operator(std::string name, std::string server) : name_(std::move(name)), server_(std::move(server)) {}

  ProcessResult run(const std::vector<std::string>& args, const std::string& input = "",
                    const std::string& server = "") const {
    std::string command = input.empty() ? "" : fmt::format("printf '%s\\n' {} | ", shell_quoted(input));
    command += fmt::format("env -u PLATEBUS_TOKEN XDG_CONFIG_HOME={} PLATEBUS_SERVER={} {}",
                           shell_quoted(home_.path().string()), shell_quoted(server.empty() ? server_ : server),
                           PLATEBUS_PLATECTL);
    for (const auto& arg : args) {
      command += ' ';
      command += shell_quoted(arg);
    }
    if (input.empty()) command += " < /dev/null";
    return run_process({"/bin/sh", "-c", command}, std::chrono::seconds(60));
  }

  ProcessResult login(const std::string& password = kPassword) const {
    return run({"login", "--user", name_}, password);
  }
  fs::path session_file() const { return home_ / "platebus/session"; }

 private:
  std::string name_;
  std::string server_;
  TempDir home_;
};

inline std::string describe(const ProcessResult& result) {
  return fmt::format("exit {}\nout: {}\nerr: {}", result.exit_status, result.out, result.err);
}

}  // namespace platebus::test
