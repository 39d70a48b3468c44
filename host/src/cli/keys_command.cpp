#include <iostream>

#include "bus/curve_keys.hpp"
#include "cli/commands.hpp"

namespace platebus::host {

int keys_generate_command(const std::string& stem) {
  try {
    const auto pair = generate_key_files(stem);
    std::cout << "wrote " << stem << ".key (keep it secret) and " << stem << ".pub\npublic key: " << pair.public_key
              << "\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "platebus keys generate: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace platebus::host
