#include "config/bus_reading.hpp"

#include <set>
#include <tuple>

#include <arpa/inet.h>
#include <fmt/format.h>

#include "bus/curve_keys.hpp"
#include "config/yaml_reading.hpp"

namespace platebus::host {

namespace {

// The HOST of tcp://HOST:PORT, without IPv6 brackets.
std::string tcp_host(const std::string& listen) {
  auto host = listen.substr(6, listen.rfind(':') - 6);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

// Only literal loopback addresses: a name could resolve elsewhere tomorrow.
bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

class BusReader : FieldReader {
 public:
  using FieldReader::FieldReader;

  void read(const YAML::Node& node, BusConfig& bus) {
    if (!node || !expect_map(node, "bus")) return;
    check_map_keys(node, {"listen", "publish_wait_warning", "lifecycle_topic", "audit_topic", "insecure", "server_key",
                          "peers", "protected_topics"},
                   "bus", file_, diagnostics_);
    if (const auto topic = node["lifecycle_topic"]) {
      if (const auto value = text(topic, "bus.lifecycle_topic")) bus.lifecycle_topic = *value;
    }
    if (const auto old = node["audit_topic"]) {
      error(old, "bus.audit_topic is now bus.lifecycle_topic: the host publishes LifecycleEvents there and the audit "
                 "plugin records reloads from them; rename the key and subscribe the audit instance's `lifecycle` "
                 "port to that topic (docs/configuration.md)");
    }
    if (const auto wait = node["publish_wait_warning"]) {
      if (auto value = duration(wait, "bus.publish_wait_warning")) bus.publish_wait_warning = *value;
    }
    if (const auto topics = node["protected_topics"]) {
      if (auto value = text_list(topics, "bus.protected_topics")) bus.protected_topics = std::move(*value);
    }
    if (const auto insecure = node["insecure"]) {
      if (auto value = boolean(insecure, "bus.insecure")) bus.insecure = *value;
    }
    if (const auto key = node["server_key"]) read_server_key(key, bus);
    if (const auto peers = node["peers"]) read_peers(peers, bus);
    read_listen(node, bus);
  }

 private:
  std::filesystem::path relative_to_file(const std::string& path) const {
    std::filesystem::path result(path);
    return result.is_relative() ? std::filesystem::path(file_).parent_path() / result : result;
  }

  void read_listen(const YAML::Node& map, BusConfig& bus) {
    const auto node = map["listen"];
    if (!node) {
      if (bus.insecure || !bus.server_key.empty() || !bus.peers.empty())
        error(map, "bus.insecure, server_key and peers need bus.listen; remove them or add listen");
      return;
    }
    const auto value = text(node, "bus.listen");
    if (!value) return;
    if (value->starts_with("ipc://")) {
      // Like every path in a deployment, a relative socket path starts at the file's folder.
      bus.listen = "ipc://" + relative_to_file(value->substr(6)).lexically_normal().string();
      if (!bus.server_key.empty() || !bus.peers.empty() || bus.insecure)
        error(node, fmt::format("bus.listen '{}' is ipc: its socket's folder (mode 0700) decides who may connect, so "
                                "server_key, peers and insecure do not apply; remove them, or listen on tcp",
                                *value));
      return;
    }
    if (!value->starts_with("tcp://")) {
      error(node, fmt::format("bus.listen '{}' must be tcp://HOST:PORT (with server_key and peers) or ipc:///PATH "
                              "(recommended: a socket in a folder only this account may open); the in-process bus "
                              "needs no setting",
                              *value));
      return;
    }
    bus.listen = *value;
    check_tcp_port(node, *value);
    if (bus.insecure) {
      if (!is_loopback(tcp_host(*value)))
        error(node, fmt::format("bus.insecure allows plain tcp on loopback only (127.0.0.1, ::1), not '{}'; set "
                                "server_key and peers for a bus other machines reach",
                                tcp_host(*value)));
      else
        warning(node, "bus.insecure: any local user may read and publish on this bus; prefer ipc:// or server_key");
    } else if (bus.server_key.empty()) {
      error(node, fmt::format("bus.listen '{}' is tcp, which needs CURVE: set server_key (made by `platebus keys "
                              "generate`) and list the peers' public keys, or listen on ipc:///PATH",
                              *value));
    }
  }

  void check_tcp_port(const YAML::Node& node, const std::string& value) {
    const auto colon = value.rfind(':');
    const auto port_text = value.substr(colon + 1);
    int port = 0;
    try {
      port = std::stoi(port_text);
    } catch (const std::exception&) {
    }
    if (colon <= 5 || port < 1 || port > 65534 || std::to_string(port) != port_text) {
      error(node, fmt::format("bus.listen '{}' needs a port from 1 to 65534 (the next port up carries what peers "
                              "publish), e.g. tcp://127.0.0.1:7400",
                              value));
    }
  }

  void read_server_key(const YAML::Node& node, BusConfig& bus) {
    const auto value = text(node, "bus.server_key");
    if (!value) return;
    try {
      read_key_pair_file(relative_to_file(*value));
      bus.server_key = relative_to_file(*value);
    } catch (const std::exception& e) {
      error(node, fmt::format("bus.server_key: {}", e.what()));
    }
  }

  void read_peers(const YAML::Node& node, BusConfig& bus) {
    if (!node.IsSequence()) {
      error(node, "bus.peers must be a list of {name, public_key, subscribe, publish}");
      return;
    }
    std::set<std::string> names, keys;
    for (const auto& entry : node) {
      if (!expect_map(entry, "each bus peer")) continue;
      check_map_keys(entry, {"name", "public_key", "subscribe", "publish"}, "a bus peer", file_, diagnostics_);
      BusPeer peer;
      peer.where = mark_of(entry, file_);
      const auto name = entry["name"] ? text(entry["name"], "a bus peer's name") : std::nullopt;
      const auto key = entry["public_key"] ? text(entry["public_key"], "a bus peer's public_key") : std::nullopt;
      if (!name || !key) {
        if (!entry["name"] || !entry["public_key"]) error(entry, "a bus peer needs a name and a public_key");
        continue;
      }
      peer.name = *name;
      if (!names.insert(peer.name).second) error(entry["name"], fmt::format("bus peer '{}' is listed twice", *name));
      try {
        const auto file = relative_to_file(*key);
        peer.public_key = read_public_key(std::filesystem::is_regular_file(file) ? file.string() : *key);
      } catch (const std::exception& e) {
        error(entry["public_key"], fmt::format("bus peer '{}': {}", *name, e.what()));
        continue;
      }
      if (!keys.insert(peer.public_key).second)
        error(entry["public_key"], fmt::format("bus peer '{}' has a key another peer has; give each its own", *name));
      for (const auto* direction : {"subscribe", "publish"}) {
        if (const auto list = entry[direction]) {
          if (auto value = text_list(list, fmt::format("bus peer '{}' {}", *name, direction)))
            (std::string(direction) == "subscribe" ? peer.grants.subscribe : peer.grants.publish) = std::move(*value);
        }
      }
      bus.peers.push_back(std::move(peer));
    }
    if (!bus.peers.empty() && bus.server_key.empty())
      error(node, "bus.peers need bus.server_key (the host's own key pair, from `platebus keys generate`)");
  }
};

}  // namespace

void read_bus(const YAML::Node& node, const std::string& file, Diagnostics& diagnostics, BusConfig& bus) {
  BusReader(file, diagnostics).read(node, bus);
}

bool same_bus_access(const BusConfig& a, const BusConfig& b) {
  const auto grants = [](const TopicGrants& g) { return std::tie(g.subscribe, g.publish); };
  const auto peer = [&](const BusPeer& p) { return std::tuple(p.name, p.public_key, grants(p.grants)); };
  if (a.peers.size() != b.peers.size()) return false;
  for (std::size_t i = 0; i < a.peers.size(); ++i)
    if (peer(a.peers[i]) != peer(b.peers[i])) return false;
  return std::tie(a.listen, a.insecure, a.server_key, a.protected_topics, a.lifecycle_topic) ==
             std::tie(b.listen, b.insecure, b.server_key, b.protected_topics, b.lifecycle_topic) &&
         grants(a.local_grants) == grants(b.local_grants);
}

void keep_bus_access(BusConfig& next, const BusConfig& running) {
  const auto wait = next.publish_wait_warning;
  next = running;
  next.publish_wait_warning = wait;
}

}  // namespace platebus::host
