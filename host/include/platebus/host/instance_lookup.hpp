#pragma once
// What a plugin's offline tool (`platebus accounts`, `platebus audit`) may know of a deployment: the
// instances of its plugin and their settings, read exactly as `platebus run` reads them. The only
// part of the host such tools link, so they never reach into the host's internals.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace platebus::host {

struct FoundInstance {
  std::string id;
  // As the plugin's configure() would get them (checked, defaults filled, paths resolved); null
  // when the plugin itself could not be found to check them.
  nlohmann::json settings;
  nlohmann::json written;  // the instance's `config:` map as the file writes it
};

struct InstanceLookup {
  std::vector<FoundInstance> instances;  // every instance with that `use:`, or the one with that id
  std::string errors;                    // the deployment's errors as `platebus check` prints them; "" if none
};

// Throws std::runtime_error only when the file cannot be read at all; the tool decides whether
// errors elsewhere in the deployment matter to it. `id` empty: any instance of `use`.
InstanceLookup find_instances(const std::filesystem::path& deployment_file, std::string_view use,
                              std::string_view id);

}  // namespace platebus::host
