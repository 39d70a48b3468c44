// A second plugin calling itself "test.counter": the host must refuse the pair by name.
#include "platebus/plugin.hpp"

namespace {
class Impostor final : public platebus::Plugin {};
}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Impostor>("test.counter", "0.0.1", "Same name as another", {}, {}))
