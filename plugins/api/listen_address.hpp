#pragma once
// The API's `listen` setting: "host:port" (IPv6 as "[::1]:8080"), and whether the host is a
// loopback address, the only place plain HTTP is allowed without saying so explicitly.
#include <string>

namespace platebus::api {

struct ListenAddress {
  std::string host;
  int port = 0;  // 0: the system picks a free port

  // Throws std::invalid_argument naming the text and the expected form.
  static ListenAddress parse(const std::string& text);
  // Whether every address the host resolves to is a loopback one (false when it does not resolve).
  bool is_loopback() const;
  // "127.0.0.1:8080", "[::1]:8080" for a given port.
  std::string with_port(int bound_port) const;
};

}  // namespace platebus::api
