#pragma once
// The `platebus` subcommands. Each returns the process exit status: 0 success, 1 failure at run
// time, 2 bad input (an invalid deployment or arguments).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace platebus::host {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct RunOptions {
  std::string config;
  std::optional<std::chrono::milliseconds> run_for;
  std::string log_level;  // "" keeps the deployment's
  std::string log_format = "text";
  std::string pid_file;
};
int run_command(const RunOptions& options);

int check_command(const std::string& config);

struct PluginsOptions {
  std::string name;  // "" lists all
  std::vector<std::string> plugin_path;
  bool json = false;
};
int plugins_command(const PluginsOptions& options);

struct TapOptions {
  std::string topic;
  std::string bus;
  long long count = 0;  // 0: until interrupted
  std::optional<std::chrono::milliseconds> run_for;
  std::string key_file;    // tcp: the tap's own key pair
  std::string server_key;  // tcp: the host's public key (Z85 or a .pub file)
};
int tap_command(const TapOptions& options);

struct ReloadOptions {
  std::string pid_file;
  long long pid = 0;
};
int reload_command(const ReloadOptions& options);

int keys_generate_command(const std::string& stem);

// The hidden command an isolated instance's process runs (the host starts it; nobody else should).
struct IsolatedInstanceOptions {
  std::string instance;
  std::string channel;  // ipc://FOLDER/NAME: the private sockets the host bound
};
int isolated_instance_command(const IsolatedInstanceOptions& options);

}  // namespace platebus::host
