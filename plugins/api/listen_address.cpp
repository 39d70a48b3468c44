#include "listen_address.hpp"

#include <netdb.h>
#include <netinet/in.h>

#include <charconv>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::api {

ListenAddress ListenAddress::parse(const std::string& text) {
  const auto bad = [&] {
    return std::invalid_argument(
        fmt::format("listen '{}' is not HOST:PORT; write e.g. \"127.0.0.1:8080\", \"[::1]:8080\" or \"0.0.0.0:8443\" "
                    "(port 0 picks a free port)",
                    text));
  };
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) throw bad();
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.front() == '[') {
    if (address.host.back() != ']' || address.host.size() < 3) throw bad();
    address.host = address.host.substr(1, address.host.size() - 2);
  } else if (address.host.find(':') != std::string::npos) {
    throw bad();  // a bare IPv6 address: the port cannot be told apart
  }
  const auto port_text = text.substr(colon + 1);
  const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), address.port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || address.port < 0 || address.port > 65535)
    throw bad();
  return address;
}

bool ListenAddress::is_loopback() const {
  // By the addresses the host resolves to, as the server will bind them: a name such as
  // "127.attacker.example" is whatever its DNS says.
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return false;
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, freeaddrinfo);
  for (const auto* address = found; address; address = address->ai_next) {
    const bool loopback =
        address->ai_family == AF_INET
            ? (ntohl(reinterpret_cast<const sockaddr_in*>(address->ai_addr)->sin_addr.s_addr) >> 24) == 127
            : address->ai_family == AF_INET6 &&
                  IN6_IS_ADDR_LOOPBACK(&reinterpret_cast<const sockaddr_in6*>(address->ai_addr)->sin6_addr);
    if (!loopback) return false;
  }
  return true;
}

std::string ListenAddress::with_port(int bound_port) const {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, bound_port)
                                             : fmt::format("{}:{}", host, bound_port);
}

}  // namespace platebus::api
