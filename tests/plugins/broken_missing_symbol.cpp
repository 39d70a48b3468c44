// A plugin that links against a symbol nothing provides: loading must fail with the loader's reason.
#include "platebus/plugin.hpp"

extern "C" void platebus_test_symbol_that_nobody_defines();

namespace {
class Unloadable final : public platebus::Plugin {
 public:
  void start(platebus::Context&) override { platebus_test_symbol_that_nobody_defines(); }
};
}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<Unloadable>("test.unloadable", "1.0.0", "Cannot load", {}, {}))
