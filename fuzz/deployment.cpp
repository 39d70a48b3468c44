// The deployment reader on any text: YAML parsing, the structural checks, and the conversion a
// plugin's map settings get. Every problem must come back as a diagnostic with a place (LINE:COL)
// and a text safe to print, never as a crash.
#include <cstdint>
#include <string>

#include "config/deployment.hpp"
#include "config/yaml_reading.hpp"
#include "platebus/printable_text.hpp"

namespace {
// Safe to print: printable_text would change nothing but the backslashes it doubles.
bool printable(std::string text) {
  std::erase(text, '\\');
  return platebus::printable_text(text) == text;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  platebus::host::Diagnostics diagnostics;
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A folder of its own: relative paths in the text (plugin_path, ipc sockets) resolve under it.
  const auto deployment = platebus::host::parse_deployment_text(text, "/nonexistent/fuzz/deployment.yaml", diagnostics);
  for (const auto& instance : deployment.instances)
    if (instance.config && instance.config.IsMap()) (void)platebus::host::yaml_to_json(instance.config).dump();
  for (const auto& item : diagnostics.items())
    if (item.where.line <= 0 || item.where.column <= 0 || !printable(item.text)) __builtin_trap();
  return 0;
}
