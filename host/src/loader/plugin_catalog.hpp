#pragma once
// The plugins found on the search path. Each library is loaded once and its descriptor read; a file
// that cannot be used is refused with a reason that names the file and what to do.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "platebus/descriptor.hpp"
#include "platebus/plugin.hpp"

namespace platebus::host {

struct PluginLibrary {
  std::filesystem::path file;
  std::shared_ptr<boost::dll::shared_library> library;  // kept by every object the plugin makes
  const PluginDescriptor* descriptor = nullptr;

  std::string name() const { return descriptor->name; }
  const PortSpec* port(std::string_view name) const;
  const ConfigKey* config_key(std::string_view name) const;
  // The plugin's own checks of an instance's settings (PluginDescriptor::validate); none when it
  // has none. Runs plugin code, which promises no side effects; its exceptions propagate.
  std::vector<ConfigProblem> validate(const nlohmann::json& settings) const;
  // A new plugin object whose deleter keeps the library loaded until the object is gone.
  std::shared_ptr<Plugin> create() const;
};

struct RefusedLibrary {
  std::filesystem::path file;
  std::string reason;  // what is wrong and what to do
};

class PluginCatalog {
 public:
  // Scans each folder (non-recursively) for *.so files, in order.
  static PluginCatalog scan(const std::vector<std::filesystem::path>& folders);
  // Loads one library only (an isolated instance's process needs no other).
  static PluginCatalog of_file(const std::filesystem::path& file);

  const PluginLibrary* find(std::string_view name) const;
  // Libraries that provide an already-taken name, by that name.
  const std::vector<std::filesystem::path>* duplicates_of(std::string_view name) const;
  const std::vector<PluginLibrary>& plugins() const { return plugins_; }
  const std::vector<RefusedLibrary>& refused() const { return refused_; }
  const std::vector<std::filesystem::path>& folders() const { return folders_; }

 private:
  void add(const std::filesystem::path& file);

  std::vector<std::filesystem::path> folders_;
  std::vector<PluginLibrary> plugins_;
  std::vector<RefusedLibrary> refused_;
  std::map<std::string, std::vector<std::filesystem::path>, std::less<>> duplicates_;
};

// Where plugins are looked for: the deployment's own folders, then PLATEBUS_PLUGIN_PATH
// (colon-separated), then the install's plugin folder next to the running executable.
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::filesystem::path>& configured);
std::filesystem::path installed_plugin_folder();

}  // namespace platebus::host
