#include "cli/external_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"

namespace platebus::host {

namespace {

constexpr std::string_view kPrefix = "platebus-";

// Beside the running executable first (an install or the build tree), then PATH.
std::vector<std::filesystem::path> search_folders() {
  std::vector<std::filesystem::path> folders;
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) folders.push_back(self.parent_path());
  if (const char* path = std::getenv("PATH")) {
    std::stringstream entries(path);
    for (std::string entry; std::getline(entries, entry, ':');)
      if (!entry.empty()) folders.emplace_back(entry);
  }
  return folders;
}

bool is_executable(const std::filesystem::path& file) {
  std::error_code error;
  return std::filesystem::is_regular_file(file, error) && ::access(file.c_str(), X_OK) == 0;
}

bool is_command_name(const std::string& name) {
  return !name.empty() && name.front() != '-' &&
         std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

}  // namespace

std::optional<std::filesystem::path> find_external_command(const std::string& name) {
  if (!is_command_name(name)) return std::nullopt;
  for (const auto& folder : search_folders()) {
    const auto candidate = folder / (std::string(kPrefix) + name);
    if (is_executable(candidate)) return candidate;
  }
  return std::nullopt;
}

std::vector<std::string> list_external_commands() {
  std::set<std::string> names;
  for (const auto& folder : search_folders()) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      const auto file = entry.path().filename().string();
      if (file.starts_with(kPrefix) && file.size() > kPrefix.size() && is_executable(entry.path()))
        names.insert(file.substr(kPrefix.size()));
    }
  }
  return {names.begin(), names.end()};
}

int exec_external_command(const std::filesystem::path& program, int argc, char** argv) {
  std::vector<char*> args;
  std::string program_text = program.string();
  args.push_back(program_text.data());
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(program.c_str(), args.data());
  std::cerr << "error: cannot run " << program << " for `platebus " << argv[1] << "`: " << std::strerror(errno)
            << "\n";
  return kExitFailure;
}

}  // namespace platebus::host
