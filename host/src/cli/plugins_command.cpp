#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "config/plugin_checks.hpp"
#include "config/deployment.hpp"
#include "config/key_constraints.hpp"
#include "loader/plugin_catalog.hpp"

namespace platebus::host {

namespace {
nlohmann::json describe(const PluginLibrary& plugin) {
  const auto& d = *plugin.descriptor;
  auto ports = nlohmann::json::array();
  for (std::uint32_t i = 0; i < d.port_count; ++i) {
    const auto& p = d.ports[i];
    ports.push_back({{"name", p.name},
                     {"direction", to_string(p.direction)},
                     {"message_type", p.message_type},
                     {"delivery", to_string(p.delivery)},
                     {"description", p.description ? p.description : ""}});
  }
  auto keys = nlohmann::json::array();
  for (std::uint32_t i = 0; i < d.config_key_count; ++i) {
    const auto& k = d.config_keys[i];
    keys.push_back({{"name", k.name},
                    {"type", to_string(k.type)},
                    {"default", k.default_value ? nlohmann::json(k.default_value) : nlohmann::json(nullptr)},
                    {"required", k.default_value == nullptr},
                    {"constraints", describe_constraints(k)},
                    {"description", k.description ? k.description : ""}});
    const auto text_or_null = [](const char* text) { return text ? nlohmann::json(text) : nlohmann::json(nullptr); };
    auto& added = keys.back();
    added["minimum"] = text_or_null(k.minimum);
    added["minimum_excluded"] = k.minimum_excluded;
    added["maximum"] = text_or_null(k.maximum);
    added["choices"] = text_or_null(k.choices);
    added["pattern"] = text_or_null(k.pattern);
  }
  return {{"name", d.name},       {"version", d.version}, {"abi", d.abi_version},
          {"summary", d.summary ? d.summary : ""}, {"file", plugin.file.string()},
          {"ports", ports},       {"config", keys}};
}

void print_summary(const nlohmann::json& p) {
  std::string ports;
  for (const auto& port : p["ports"])
    ports += fmt::format("{}{} {}({})", ports.empty() ? "" : ", ", port["direction"].get<std::string>(),
                         port["name"].get<std::string>(), port["message_type"].get<std::string>());
  std::string keys;
  for (const auto& key : p["config"]) keys += (keys.empty() ? "" : ", ") + key["name"].get<std::string>();
  std::cout << fmt::format("{:<22} {:<8} abi {}  {}\n", p["name"].get<std::string>(), p["version"].get<std::string>(),
                           p["abi"].get<int>(), p["summary"].get<std::string>());
  std::cout << fmt::format("{:<22} ports: {}\n{:<22} config: {}\n", "", ports.empty() ? "none" : ports, "",
                           keys.empty() ? "none" : keys);
}

void print_full(const nlohmann::json& p) {
  std::cout << fmt::format("{} {}\n  {}\n  file: {}\n  SDK ABI: {}\n\nPorts:\n", p["name"].get<std::string>(),
                           p["version"].get<std::string>(), p["summary"].get<std::string>(),
                           p["file"].get<std::string>(), p["abi"].get<int>());
  if (p["ports"].empty()) std::cout << "  none\n";
  for (const auto& port : p["ports"]) {
    std::cout << fmt::format("  {:<12} {:<6} {:<10} {:<8}  {}\n", port["name"].get<std::string>(),
                             port["direction"].get<std::string>(), port["message_type"].get<std::string>(),
                             port["delivery"].get<std::string>(), port["description"].get<std::string>());
  }
  std::cout << "\nConfig keys:\n";
  if (p["config"].empty()) std::cout << "  none\n";
  for (const auto& key : p["config"]) {
    const auto fallback = key["required"].get<bool>() ? std::string("required") : "default " + key["default"].get<std::string>();
    const auto constraints = key["constraints"].get<std::string>();
    std::cout << fmt::format("  {:<18} {:<13} {}{}\n  {:<18} {}\n", key["name"].get<std::string>(),
                             key["type"].get<std::string>(), fallback, constraints.empty() ? "" : "; " + constraints,
                             "", key["description"].get<std::string>());
  }
}
}  // namespace

int plugins_command(const PluginsOptions& options) {
  std::vector<std::filesystem::path> configured(options.plugin_path.begin(), options.plugin_path.end());
  const auto catalog = PluginCatalog::scan(plugin_search_path(configured));
  for (const auto& refused : catalog.refused()) std::cerr << refused.file.string() << ": refused: " << refused.reason << "\n";
  if (!options.name.empty()) {
    const auto* plugin = catalog.find(options.name);
    if (!plugin) {
      std::cerr << "platebus plugins: no plugin named '" << options.name
                << "'; run `platebus plugins` to list the ones found\n";
      return kExitBadInput;
    }
    if (options.json) {
      std::cout << describe(*plugin).dump(2) << "\n";
    } else {
      print_full(describe(*plugin));
    }
    return kExitOk;
  }
  auto all = nlohmann::json::array();
  for (const auto& plugin : catalog.plugins()) all.push_back(describe(plugin));
  if (options.json) {
    std::cout << all.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Searched: ";
  for (const auto& folder : catalog.folders()) std::cout << folder.string() << "  ";
  std::cout << "\n\n";
  for (const auto& plugin : all) print_summary(plugin);
  if (all.empty()) std::cout << "no plugins found\n";
  return kExitOk;
}

}  // namespace platebus::host
