#include "bus/endpoints.hpp"

#include <stdexcept>

namespace platebus::host {

ExternalEndpoints external_endpoints(const std::string& listen) {
  if (listen.starts_with("ipc://")) return {listen, listen + ".publish"};
  const auto colon = listen.rfind(':');
  if (listen.starts_with("tcp://") && colon > 6) {
    const int port = std::stoi(listen.substr(colon + 1));
    return {listen, listen.substr(0, colon + 1) + std::to_string(port + 1)};
  }
  throw std::invalid_argument("bus address '" + listen + "' is neither tcp://HOST:PORT nor ipc://PATH");
}

}  // namespace platebus::host
