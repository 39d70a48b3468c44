#pragma once
// Who serves which service in this host, and the calls waiting for answers. A call to a service
// nobody serves, or whose provider is down (restarting, failed, stopped), fails at once; a
// provider going down fails the calls it had not answered.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "platebus/service.hpp"

namespace platebus::host {

class ServiceRegistry {
 public:
  using Deliver = std::function<void(Message request)>;  // into the provider's inbox

  // Returns a token for set_up() and withdraw().
  std::uint64_t offer(const std::string& service, const std::string& instance, Deliver deliver);
  // Up: its plugin runs and takes requests. Down fails its unanswered calls with `unavailable`.
  void set_up(std::uint64_t token, bool up);
  void withdraw(std::uint64_t token);

  Reply call(const std::string& service, Message request, std::chrono::milliseconds deadline);
  void answer(const std::string& request_id, Reply reply);

 private:
  struct Provider {
    std::string service;
    std::string instance;
    Deliver deliver;
    bool up = false;
  };
  struct Pending {
    std::uint64_t provider;
    std::optional<Reply> reply;
  };
  void fail_pending(std::uint64_t token, const std::string& why);

  std::mutex mutex_;
  std::condition_variable answered_;
  std::map<std::uint64_t, Provider> providers_;
  std::map<std::string, Pending> pending_;
  std::uint64_t next_token_ = 1;
  std::uint64_t next_request_ = 1;
};

}  // namespace platebus::host
