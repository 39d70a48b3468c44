#pragma once
// What a plugin tells the host about itself. The descriptor is plain constant data (initialised at
// compile time), so the host can read it without running plugin code, and it is the one source
// for `platebus check`, `platebus plugins NAME` and the docs.
#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <boost/dll/alias.hpp>

#include "platebus/abi.hpp"

namespace platebus {

class Plugin;

enum class ConfigType : std::uint32_t {
  string,
  integer,
  number,
  boolean,
  duration,     // "250ms", "10s", "5m", "2h"; handed to the plugin as integer milliseconds
  string_list,  // a YAML sequence of scalars
  map,          // any YAML map, handed over as JSON
  list,         // any YAML sequence, handed over as JSON
  path,         // a file, folder, device or URL; relative file paths are resolved against the
                // deployment file's folder (absolute paths, URLs with "://" and bare numbers, such
                // as a camera index, are kept as written)
  path_list,    // a YAML sequence of paths, each resolved the same way
};

// One config key. Its constraints are data that `platebus check` (and so `run` and reload) enforces
// before any plugin code runs, and `platebus plugins NAME` prints; write them with the helpers:
//   ConfigKey{"width", ConfigType::integer, "1280", "Frame width in pixels"}.between("320", "7680")
// Bounds are YAML text in the key's type ("0.5", "730d"); for lists they apply to every item.
struct ConfigKey {
  const char* name;
  ConfigType type;
  const char* default_value;  // YAML text of the default; nullptr: required; "null": optional, no value
  const char* description;
  const char* minimum = nullptr;  // numbers and durations: the smallest value allowed (nullptr: none)
  const char* maximum = nullptr;  // the largest value allowed (nullptr: none)
  bool minimum_excluded = false;  // true: the value must be greater than minimum (e.g. a rate above 0)
  const char* choices = nullptr;  // text: the allowed values, separated by '|' ("text|json")
  const char* pattern = nullptr;  // text: an ECMAScript regular expression the whole value must match

  constexpr ConfigKey at_least(const char* low) const { return with(low, maximum, false); }
  constexpr ConfigKey above(const char* low) const { return with(low, maximum, true); }
  constexpr ConfigKey at_most(const char* high) const { return with(minimum, high, minimum_excluded); }
  constexpr ConfigKey between(const char* low, const char* high) const { return with(low, high, false); }
  constexpr ConfigKey one_of(const char* allowed) const {
    ConfigKey key = *this;
    key.choices = allowed;
    return key;
  }
  constexpr ConfigKey matching(const char* regex) const {
    ConfigKey key = *this;
    key.pattern = regex;
    return key;
  }

 private:
  constexpr ConfigKey with(const char* low, const char* high, bool low_excluded) const {
    ConfigKey key = *this;
    key.minimum = low;
    key.maximum = high;
    key.minimum_excluded = low_excluded;
    return key;
  }
};

// input/output: topics (publish/subscribe); serve/call: services (request/reply, see service.hpp).
enum class PortDirection : std::uint32_t { input, output, serve, call };

// How a topic is delivered. `latest`: bounded, a slow consumer loses the oldest (counted);
// `lossless`: never dropped, a fast publisher waits for its slow consumers.
enum class Delivery : std::uint32_t { latest, lossless };

struct PortSpec {
  const char* name;
  PortDirection direction;
  const char* message_type;  // "Frame", "PlateRead", ... or "*" for any
  // Output port: the class of what it publishes (a binding may override it). Input port: the class
  // it expects, which sizes its queue; a message's own class decides how it is delivered unless
  // the deployment's binding names one.
  Delivery delivery;
  const char* description;
};

// What a plugin's validate() found wrong in an instance's settings: the config key it is about
// ("" for the settings as a whole) and what to change. `platebus check` reports it at that key.
struct ConfigProblem {
  std::string key;
  std::string message;
};

struct PluginDescriptor {
  std::uint32_t abi_version;      // first, at a fixed offset: checked before anything else is read
  std::uint32_t descriptor_size;  // lets later hosts accept descriptors that grew (OBS-style)
  const char* name;               // "capture.synthetic"
  const char* version;            // the plugin's own version, e.g. "1.2.0"
  const char* summary;
  const PortSpec* ports;
  std::uint32_t port_count;
  const ConfigKey* config_keys;
  std::uint32_t config_key_count;
  Plugin* (*create)();
  void (*destroy)(Plugin*);
  // Optional (null: none), and absent from descriptors built before it (see descriptor_size):
  // the plugin's own checks on settings its keys' types cannot express, run by `platebus check`
  // with no side effects. Made from P::validate by describe_plugin().
  std::vector<ConfigProblem> (*validate)(const nlohmann::json& settings) = nullptr;
};

namespace detail {
template <class P>
Plugin* create_plugin() {
  return new P();
}
template <class P>
void destroy_plugin(Plugin* plugin) {
  delete static_cast<P*>(plugin);
}
template <class P>
concept HasValidate = requires(const nlohmann::json& settings) {
  { P::validate(settings) } -> std::same_as<std::vector<ConfigProblem>>;
};
template <class P>
constexpr auto validate_of() -> std::vector<ConfigProblem> (*)(const nlohmann::json&) {
  if constexpr (HasValidate<P>) return &P::validate;
  return nullptr;
}
}  // namespace detail

// Builds the descriptor of plugin class P at compile time.
template <class P>
constexpr PluginDescriptor describe_plugin(const char* name, const char* version, const char* summary,
                                           std::span<const PortSpec> ports,
                                           std::span<const ConfigKey> config_keys) {
  return PluginDescriptor{kAbiVersion,
                          sizeof(PluginDescriptor),
                          name,
                          version,
                          summary,
                          ports.data(),
                          static_cast<std::uint32_t>(ports.size()),
                          config_keys.data(),
                          static_cast<std::uint32_t>(config_keys.size()),
                          &detail::create_plugin<P>,
                          &detail::destroy_plugin<P>,
                          detail::validate_of<P>()};
}

}  // namespace platebus

// The one symbol a plugin exports. The host looks this alias up by name (never a mangled name).
#define PLATEBUS_DESCRIPTOR_SYMBOL_NAME "platebus_plugin_descriptor"

// Exports a descriptor built with describe_plugin(); use once per plugin library, at file scope.
#define PLATEBUS_PLUGIN(descriptor_expression)                                          \
  namespace {                                                                           \
  constexpr ::platebus::PluginDescriptor platebus_descriptor_value = descriptor_expression; \
  }                                                                                     \
  BOOST_DLL_ALIAS(platebus_descriptor_value, platebus_plugin_descriptor)
