#include "runtime/service_registry.hpp"

#include <fmt/format.h>

#include "platebus/time.hpp"

namespace platebus::host {

std::uint64_t ServiceRegistry::offer(const std::string& service, const std::string& instance, Deliver deliver) {
  std::lock_guard lock(mutex_);
  const auto token = next_token_++;
  providers_[token] = {service, instance, std::move(deliver), false};
  return token;
}

void ServiceRegistry::set_up(std::uint64_t token, bool up) {
  std::string service;
  {
    std::lock_guard lock(mutex_);
    const auto it = providers_.find(token);
    if (it == providers_.end()) return;
    it->second.up = up;
    service = it->second.service;
  }
  if (!up) fail_pending(token, fmt::format("the provider of '{}' went down before answering", service));
}

void ServiceRegistry::withdraw(std::uint64_t token) {
  fail_pending(token, "the provider was stopped before answering");
  std::lock_guard lock(mutex_);
  providers_.erase(token);
}

void ServiceRegistry::fail_pending(std::uint64_t token, const std::string& why) {
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, pending] : pending_)
      if (pending.provider == token && !pending.reply) pending.reply = Reply::failure(ServiceStatus::unavailable, why);
  }
  answered_.notify_all();
}

Reply ServiceRegistry::call(const std::string& service, Message request, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mutex_);
  const Provider* provider = nullptr;
  std::uint64_t token = 0;
  for (const auto& [t, p] : providers_) {
    if (p.service != service || (provider && provider->up)) continue;  // during a reload, the one that is up
    provider = &p;
    token = t;
  }
  if (!provider) {
    return Reply::failure(ServiceStatus::unavailable,
                          fmt::format("no instance serves '{}'; add one to the deployment (serve: {{PORT: {}}})",
                                      service, service));
  }
  if (!provider->up) {
    return Reply::failure(ServiceStatus::unavailable,
                          fmt::format("'{}' is down (instance '{}' is not running); see its log", service,
                                      provider->instance));
  }
  const auto id = fmt::format("r{}", next_request_++);
  request.request_id = id;
  request.header[field::service] = service;
  request.header[field::deadline] = to_iso8601(now_utc() + std::chrono::duration_cast<std::chrono::microseconds>(deadline));
  pending_[id] = {token, std::nullopt};
  const auto deliver = provider->deliver;
  lock.unlock();
  deliver(std::move(request));
  lock.lock();
  const bool answered = answered_.wait_for(lock, deadline, [&] { return pending_[id].reply.has_value(); });
  auto reply = answered ? std::move(*pending_[id].reply)
                        : Reply::failure(ServiceStatus::timeout,
                                         fmt::format("'{}' did not answer within {} ms", service, deadline.count()));
  pending_.erase(id);
  return reply;
}

void ServiceRegistry::answer(const std::string& request_id, Reply reply) {
  {
    std::lock_guard lock(mutex_);
    const auto it = pending_.find(request_id);
    if (it == pending_.end() || it->second.reply) return;  // too late: the caller gave up
    it->second.reply = std::move(reply);
  }
  answered_.notify_all();
}

}  // namespace platebus::host
