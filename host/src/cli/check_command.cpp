#include <iostream>

#include "cli/commands.hpp"
#include "runtime/deployment_loader.hpp"

namespace platebus::host {

int check_command(const std::string& config) {
  Diagnostics diagnostics;
  const auto loaded = load_deployment(config, diagnostics);
  std::cerr << diagnostics.to_string();
  if (diagnostics.has_errors()) return kExitBadInput;
  std::cout << config << ": ok, " << loaded.deployment.instances.size() << " instance(s)\n";
  return kExitOk;
}

}  // namespace platebus::host
