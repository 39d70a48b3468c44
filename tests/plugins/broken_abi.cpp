// A plugin that claims an ABI this host does not speak: the host must refuse it by name.
#include "platebus/plugin.hpp"

namespace {
class Nothing final : public platebus::Plugin {};
constexpr platebus::PluginDescriptor kFutureDescriptor = [] {
  auto d = platebus::describe_plugin<Nothing>("test.future_abi", "9.0.0", "Built for another ABI", {}, {});
  d.abi_version = platebus::kAbiVersion + 41;
  return d;
}();
}  // namespace

PLATEBUS_PLUGIN(kFutureDescriptor)
