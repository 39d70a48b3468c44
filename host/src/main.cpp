// platebus: runs, checks and inspects PlateBus deployments.
#include <algorithm>
#include <iostream>
#include <iterator>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/external_command.hpp"
#include "config/duration.hpp"

namespace {
using namespace platebus::host;

// A CLI11 validator-and-converter for "10s", "250ms", "5m".
std::function<std::string(std::string&)> duration_into(std::optional<std::chrono::milliseconds>& target) {
  return [&target](std::string& text) -> std::string {
    const auto parsed = parse_duration(text);
    if (!parsed) return "'" + text + "' is not a duration; write a number with a unit: 250ms, 10s, 5m, 2h, 90d";
    target = *parsed;
    return {};
  };
}
}  // namespace

int main(int argc, char** argv) {
  constexpr const char* kBuiltIn[] = {"run", "check", "plugins", "tap", "reload", "keys", "isolated-instance"};
  if (argc >= 2 && std::none_of(std::begin(kBuiltIn), std::end(kBuiltIn), [&](const char* name) {
        return std::string_view(argv[1]) == name;
      })) {
    if (const auto program = find_external_command(argv[1])) return exec_external_command(*program, argc, argv);
    if (argv[1][0] != '-') {
      std::string names;
      for (const auto& name : list_external_commands()) names += ", " + name;
      std::cerr << "error: '" << argv[1] << "' is not a platebus command. Commands: run, check, plugins, tap, reload, keys"
                << names << ". A plugin's command NAME is a program platebus-NAME installed beside platebus or on "
                                "PATH.\n";
      return kExitBadInput;
    }
  }

  CLI::App app{"PlateBus: an automated licence plate reader host. It loads plugins (capture, recognition, "
               "matching, storage, alerting) and wires them together with topics declared in a YAML deployment."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "platebus 0.1.0");

  RunOptions run;
  std::string run_for;
  auto* run_cmd = app.add_subcommand("run", "Run a deployment until SIGINT/SIGTERM (or --for). SIGHUP reloads the "
                                            "config; SIGUSR1 logs per-topic counters.");
  run_cmd->add_option("config", run.config, "Deployment file (YAML)")->required()->check(CLI::ExistingFile);
  run_cmd->add_option("--for", run_for, "Stop by itself after this long, e.g. 10s or 5m")
      ->check(CLI::Validator(duration_into(run.run_for), "DURATION"));
  run_cmd->add_option("--log-level", run.log_level, "trace, debug, info, warn or error (overrides log.level)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  run_cmd->add_option("--log-format", run.log_format, "text (default) or json: one JSON object per line")
      ->check(CLI::IsMember({"text", "json"}));
  run_cmd->add_option("--pid-file", run.pid_file, "Write the process id here, for `platebus reload`");

  std::string check_config;
  auto* check_cmd = app.add_subcommand("check", "Check a deployment without running it: YAML, keys, types, plugin "
                                                "names, ports and plugin config. Exit status 2 on errors.");
  check_cmd->add_option("config", check_config, "Deployment file (YAML)")->required();

  PluginsOptions plugins;
  auto* plugins_cmd = app.add_subcommand("plugins", "List the plugins found (name, version, ABI, ports, config "
                                                    "keys), or show one in full.");
  plugins_cmd->add_option("name", plugins.name, "Plugin name, e.g. capture.synthetic");
  plugins_cmd->add_option("--plugin-path", plugins.plugin_path, "Extra folders to search first");
  plugins_cmd->add_flag("--json", plugins.json, "Print JSON instead of text");

  TapOptions tap;
  std::string tap_for;
  auto* tap_cmd = app.add_subcommand("tap", "Print each message on a running host's bus as one JSON line (header, "
                                            "and binary parts by size).");
  tap_cmd->add_option("topic", tap.topic, "Topic or prefix; \"\" for every topic")->required();
  tap_cmd->add_option("--bus", tap.bus, "The host's bus.listen address, e.g. ipc:///run/platebus/bus/bus.sock")
      ->required();
  tap_cmd->add_option("--key", tap.key_file, "On a tcp bus: this tap's key pair file (platebus keys generate), "
                                             "whose public key is in the host's bus.peers")
      ->check(CLI::ExistingFile);
  tap_cmd->add_option("--server-key", tap.server_key, "On a tcp bus: the host's public key, or its .pub file");
  tap_cmd->add_option("--count", tap.count, "Stop after this many messages")->check(CLI::NonNegativeNumber);
  tap_cmd->add_option("--for", tap_for, "Stop after this long")->check(CLI::Validator(duration_into(tap.run_for), "DURATION"));

  std::string key_stem;
  auto* keys_cmd = app.add_subcommand("keys", "CURVE keys for a tcp bus (docs/security.md).");
  keys_cmd->require_subcommand(1);
  auto* generate_cmd = keys_cmd->add_subcommand("generate", "Write STEM.key (the key pair, mode 0600) and STEM.pub "
                                                            "(the public key, for the other side's config).");
  generate_cmd->add_option("stem", key_stem, "Path and name without extension, e.g. /etc/platebus/bus-server")
      ->required();

  ReloadOptions reload;
  auto* reload_cmd = app.add_subcommand("reload", "Ask a running host to re-read its deployment and wait for its answer: "
                                                  "exit 0 when taken, 2 when refused (the old deployment keeps running).");
  auto* pid_file_option = reload_cmd->add_option("--pid-file", reload.pid_file, "The file given to `run --pid-file`");
  auto* pid_option = reload_cmd->add_option("--pid", reload.pid, "The host's process id")->check(CLI::PositiveNumber);
  pid_file_option->excludes(pid_option);
  reload_cmd->callback([&] {
    if (reload.pid_file.empty() && reload.pid == 0) throw CLI::RequiredError("--pid-file or --pid");
  });

  IsolatedInstanceOptions isolated;
  auto* isolated_cmd = app.add_subcommand("isolated-instance", "The process of an instance with isolate: true; "
                                                               "the host starts it.");
  isolated_cmd->group("");  // hidden: not for people to run
  isolated_cmd->add_option("--instance", isolated.instance, "Instance id")->required();
  isolated_cmd->add_option("--channel", isolated.channel, "ipc://FOLDER/NAME the host bound")->required();

  const auto external = list_external_commands();
  if (!external.empty()) {
    std::string names;
    for (const auto& name : external) names += (names.empty() ? "" : ", ") + name;
    app.footer("Commands from plugins (platebus NAME --help): " + names);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? kExitOk : kExitBadInput;
  }
  if (*run_cmd) return run_command(run);
  if (*check_cmd) return check_command(check_config);
  if (*plugins_cmd) return plugins_command(plugins);
  if (*tap_cmd) return tap_command(tap);
  if (*reload_cmd) return reload_command(reload);
  if (*generate_cmd) return keys_generate_command(key_stem);
  if (*isolated_cmd) return isolated_instance_command(isolated);
  return kExitBadInput;
}
