#pragma once
// Git-style external commands: `platebus NAME ARGS...` runs `platebus-NAME ARGS...`, found beside
// the host executable first, then on PATH. Plugins ship their offline tools this way
// (`platebus accounts bootstrap`, `platebus audit verify`), so their policy stays out of the host.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace platebus::host {

// The program that implements `platebus NAME`, if one is installed.
std::optional<std::filesystem::path> find_external_command(const std::string& name);

// Every `platebus-NAME` beside the host or on PATH, by NAME, for the help text.
std::vector<std::string> list_external_commands();

// Replaces this process with the external command; returns only on failure (with an exit status).
int exec_external_command(const std::filesystem::path& program, int argc, char** argv);

}  // namespace platebus::host
