// A plugin built before PluginDescriptor::validate existed: its descriptor_size ends where that
// field begins (and the bytes after it are not the host's to read). The host must load it, with
// no validate.
#include <cstddef>

#include "platebus/plugin.hpp"

namespace {
class Nothing final : public platebus::Plugin {};
constexpr platebus::PluginDescriptor kOlderDescriptor = [] {
  auto d = platebus::describe_plugin<Nothing>("test.older_descriptor", "1.0.0", "Built before validate", {}, {});
  d.descriptor_size = offsetof(platebus::PluginDescriptor, validate);
  return d;
}();
}  // namespace

PLATEBUS_PLUGIN(kOlderDescriptor)
