#pragma once
// Growing delays between failed logins, per (client address, user name as typed): a guesser at one
// address slows down on that account only, while patrol cars that share an address, and the same
// account from other addresses, log in as usual. It is kept for unknown user names too, so its answer
// says nothing about which accounts exist. Held in memory, bounded: a restart forgets it, and the
// account lock (kept in the store) still bounds guessing overall.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "platebus/time.hpp"

namespace platebus::accounts {

// The address part of an actor's client, "203.0.113.7:5000" -> "203.0.113.7", "[2001:db8::1]:443" ->
// "2001:db8::1": each connection has its own port, so the port says nothing about who is asking.
std::string client_address(const std::string& client);

class LoginThrottle {
 public:
  static constexpr int kFreeFailures = 3;                  // typing slips cost nothing
  static constexpr std::chrono::seconds kFirstDelay{1};    // then 1 s, 2 s, 4 s, ...
  static constexpr std::chrono::seconds kLongestDelay{300};
  static constexpr std::chrono::hours kForgetAfter{1};     // without a failure, a pair starts afresh
  static constexpr std::size_t kCapacity = 10000;          // pairs remembered; the stalest go first

  // How long until `address` may try `user` again; nothing when it may now.
  std::optional<std::chrono::seconds> wait_before(const std::string& address, const std::string& user, Timestamp now);
  void failed(const std::string& address, const std::string& user, Timestamp now);
  void succeeded(const std::string& address, const std::string& user);

 private:
  struct Failures {
    int count = 0;
    Timestamp last{};
    Timestamp next_try{};
  };
  void make_room(Timestamp now);

  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Failures> pairs_;
};

}  // namespace platebus::accounts
