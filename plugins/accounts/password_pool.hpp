#pragma once
// A few threads for the requests that check or hash a password (Argon2id takes ~90 ms and 64 MiB),
// so that a flood of logins never holds up the service's other requests (Authorize answers every
// browse and search). The queue is bounded: beyond it a request is refused at once as busy rather
// than left to wait, and memory stays bounded too.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace platebus::accounts {

class PasswordPool {
 public:
  using Job = std::function<void()>;

  PasswordPool(int threads, std::size_t queue_limit);
  // Runs what is still queued (each caller gets its answer), then joins the threads.
  ~PasswordPool();
  PasswordPool(const PasswordPool&) = delete;
  PasswordPool& operator=(const PasswordPool&) = delete;

  // False, leaving `job` unrun, when `queue_limit` jobs already wait.
  bool try_submit(Job job);

 private:
  void loop();

  static constexpr int kNiceness = 10;
  const std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace platebus::accounts
