#include "loader/plugin_catalog.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <set>

#include <dlfcn.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <fmt/format.h>

namespace platebus::host {

namespace fs = std::filesystem;

const PortSpec* PluginLibrary::port(std::string_view name) const {
  for (std::uint32_t i = 0; i < descriptor->port_count; ++i)
    if (name == descriptor->ports[i].name) return &descriptor->ports[i];
  return nullptr;
}

const ConfigKey* PluginLibrary::config_key(std::string_view name) const {
  for (std::uint32_t i = 0; i < descriptor->config_key_count; ++i)
    if (name == descriptor->config_keys[i].name) return &descriptor->config_keys[i];
  return nullptr;
}

std::vector<ConfigProblem> PluginLibrary::validate(const nlohmann::json& settings) const {
  // A descriptor built before `validate` existed ends where that field begins.
  const bool has_field = descriptor->descriptor_size >= offsetof(PluginDescriptor, validate) + sizeof(descriptor->validate);
  if (!has_field || !descriptor->validate) return {};
  return descriptor->validate(settings);
}

std::shared_ptr<Plugin> PluginLibrary::create() const {
  Plugin* plugin = descriptor->create();
  if (!plugin) throw std::runtime_error(fmt::format("plugin '{}' ({}) made no object", name(), file.string()));
  // The deleter holds the library: its code must stay mapped until the object is destroyed.
  return std::shared_ptr<Plugin>(plugin, [destroy = descriptor->destroy, library = library](Plugin* p) { destroy(p); });
}

PluginCatalog PluginCatalog::scan(const std::vector<fs::path>& folders) {
  PluginCatalog catalog;
  std::set<fs::path> seen_folders;
  for (const auto& folder : folders) {
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(folder, ec);
    if (ec || !seen_folders.insert(canonical).second || !fs::is_directory(canonical, ec)) continue;
    catalog.folders_.push_back(canonical);
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(canonical, ec)) {
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // a stable order makes "first one wins" predictable
    for (const auto& file : files) catalog.add(file);
  }
  return catalog;
}

PluginCatalog PluginCatalog::of_file(const fs::path& file) {
  PluginCatalog catalog;
  catalog.add(file);
  return catalog;
}

void PluginCatalog::add(const fs::path& file) {
  auto library = std::make_shared<boost::dll::shared_library>();
  boost::system::error_code ec;
  // rtld_now: a plugin with a missing symbol is refused here, not when the symbol is first called.
  library->load(file.string(), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    const char* reason = dlerror();
    refused_.push_back({file, fmt::format("cannot load: {}; rebuild the plugin for this system or install what it "
                                          "links to, or move it out of the plugin path",
                                          reason ? reason : ec.message())});
    return;
  }
  if (!library->has(PLATEBUS_DESCRIPTOR_SYMBOL_NAME)) {
    refused_.push_back({file, fmt::format("not a PlateBus plugin: it exports no '{}' descriptor; export one with "
                                          "PLATEBUS_PLUGIN(...) or move the file out of the plugin path",
                                          PLATEBUS_DESCRIPTOR_SYMBOL_NAME)});
    return;
  }
  const auto* descriptor = &library->get_alias<const PluginDescriptor>(PLATEBUS_DESCRIPTOR_SYMBOL_NAME);
  if (descriptor->abi_version != kAbiVersion) {
    refused_.push_back({file, fmt::format("built for PlateBus SDK ABI {} but this host speaks ABI {}; rebuild the "
                                          "plugin against this host's SDK",
                                          descriptor->abi_version, kAbiVersion)});
    return;
  }
  if (descriptor->descriptor_size < offsetof(PluginDescriptor, validate) || !descriptor->name || !descriptor->create ||
      !descriptor->destroy || (descriptor->port_count && !descriptor->ports) ||
      (descriptor->config_key_count && !descriptor->config_keys)) {
    refused_.push_back({file, "its descriptor is incomplete (name, ports, config keys or factory missing); build it "
                              "with platebus::describe_plugin()"});
    return;
  }
  PluginLibrary plugin{file, std::move(library), descriptor};
  if (const auto* existing = find(plugin.name())) {
    auto& list = duplicates_[plugin.name()];
    if (list.empty()) list.push_back(existing->file);
    list.push_back(file);
    refused_.push_back({file, fmt::format("plugin '{}' is already provided by {}; remove one of the two from the "
                                          "plugin path",
                                          plugin.name(), existing->file.string())});
    return;
  }
  plugins_.push_back(std::move(plugin));
}

const PluginLibrary* PluginCatalog::find(std::string_view name) const {
  for (const auto& plugin : plugins_)
    if (plugin.name() == name) return &plugin;
  return nullptr;
}

const std::vector<fs::path>* PluginCatalog::duplicates_of(std::string_view name) const {
  const auto it = duplicates_.find(name);
  return it == duplicates_.end() ? nullptr : &it->second;
}

fs::path installed_plugin_folder() {
  // <prefix>/bin/platebus -> <prefix>/lib/platebus/plugins; the build tree mirrors this layout.
  return boost::dll::program_location().parent_path().parent_path().string() + "/" PLATEBUS_PLUGIN_SUBDIR;
}

std::vector<fs::path> plugin_search_path(const std::vector<fs::path>& configured) {
  std::vector<fs::path> folders = configured;
  if (const char* env = std::getenv("PLATEBUS_PLUGIN_PATH")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const auto entry = rest.substr(0, colon);
      if (!entry.empty()) folders.emplace_back(std::string(entry));
      rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
  }
  folders.push_back(installed_plugin_folder());
  return folders;
}

}  // namespace platebus::host
