#include "password_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace platebus::accounts {

PasswordPool::PasswordPool(int threads, std::size_t queue_limit) : queue_limit_(queue_limit) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

PasswordPool::~PasswordPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
}

bool PasswordPool::try_submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void PasswordPool::loop() {
  // A lower priority for this thread only (Linux nices threads one by one): on a busy machine the
  // service thread, and the rest of the host, get the CPU before another password hash does.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNiceness);
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to answer
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();  // the jobs answer their requests themselves and never throw (ServiceTable::serve)
  }
}

}  // namespace platebus::accounts
