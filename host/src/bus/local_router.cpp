#include "bus/local_router.hpp"

#include <algorithm>
#include <mutex>

namespace platebus::host {

std::uint64_t LocalRouter::add(std::vector<Route> routes) {
  std::unique_lock lock(mutex_);
  const auto token = next_token_++;
  for (auto& route : routes) routes_.push_back({token, std::move(route)});
  return token;
}

void LocalRouter::remove(std::uint64_t token) {
  std::unique_lock lock(mutex_);
  std::erase_if(routes_, [&](const Registered& r) { return r.token == token; });
}

bool LocalRouter::wants(const std::string& topic) const {
  std::shared_lock lock(mutex_);
  return std::any_of(routes_.begin(), routes_.end(),
                     [&](const Registered& r) { return topic.starts_with(r.route.slot->prefix); });
}

void LocalRouter::route(Message message) const {
  std::shared_lock lock(mutex_);
  const Registered* last = nullptr;
  for (const auto& registered : routes_) {
    if (!message.topic.starts_with(registered.route.slot->prefix)) continue;
    if (last) last->route.deliver(message, last->route.slot);
    last = &registered;
  }
  if (last) last->route.deliver(std::move(message), last->route.slot);
}

}  // namespace platebus::host
