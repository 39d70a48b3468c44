#include "login_throttle.hpp"

#include <algorithm>

namespace platebus::accounts {

namespace {
// Names and addresses come from strangers: a pair is kept by their first 64 bytes, so a megabyte
// of user name costs no more memory than a real one (real names have at most 32 characters).
constexpr std::size_t kKeptBytes = 64;
std::pair<std::string, std::string> key_of(const std::string& address, const std::string& user) {
  return {address.substr(0, kKeptBytes), user.substr(0, kKeptBytes)};
}
}  // namespace

std::string client_address(const std::string& client) {
  if (client.starts_with('[')) {
    const auto end = client.find(']');
    return end == std::string::npos ? client : client.substr(1, end - 1);
  }
  const auto colon = client.find(':');
  if (colon == std::string::npos || client.find(':', colon + 1) != std::string::npos) return client;  // no port, or bare IPv6
  return client.substr(0, colon);
}

std::optional<std::chrono::seconds> LoginThrottle::wait_before(const std::string& address, const std::string& user,
                                                                Timestamp now) {
  std::lock_guard lock(mutex_);
  const auto it = pairs_.find(key_of(address, user));
  if (it == pairs_.end() || now >= it->second.next_try) return std::nullopt;
  return std::chrono::ceil<std::chrono::seconds>(it->second.next_try - now);
}

void LoginThrottle::failed(const std::string& address, const std::string& user, Timestamp now) {
  std::lock_guard lock(mutex_);
  const auto key = key_of(address, user);
  auto it = pairs_.find(key);
  if (it == pairs_.end()) {
    make_room(now);
    it = pairs_.emplace(key, Failures{}).first;
  }
  auto& failures = it->second;
  if (now - failures.last > kForgetAfter) failures.count = 0;
  failures.count = std::min(failures.count + 1, 64);
  failures.last = now;
  const int doublings = std::min(failures.count - kFreeFailures - 1, 16);
  const auto delay = doublings < 0 ? std::chrono::seconds(0) : std::min(kFirstDelay * (1 << doublings), kLongestDelay);
  failures.next_try = now + delay;
}

void LoginThrottle::succeeded(const std::string& address, const std::string& user) {
  std::lock_guard lock(mutex_);
  pairs_.erase(key_of(address, user));
}

void LoginThrottle::make_room(Timestamp now) {
  if (pairs_.size() < kCapacity) return;
  std::erase_if(pairs_, [&](const auto& pair) { return now - pair.second.last > kForgetAfter; });
  while (pairs_.size() >= kCapacity)
    pairs_.erase(std::min_element(pairs_.begin(), pairs_.end(),
                                  [](const auto& a, const auto& b) { return a.second.last < b.second.last; }));
}

}  // namespace platebus::accounts
