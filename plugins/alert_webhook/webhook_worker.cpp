#include "webhook_worker.hpp"

namespace platebus::alerts {

using namespace std::chrono_literals;

WebhookWorker::WebhookWorker(Context& ctx, WebhookSettings settings)
    : ctx_(ctx),
      settings_(std::move(settings)),
      queue_(settings_.queue_size),
      client_(settings_),
      thread_([this] { run(); }) {}

WebhookWorker::~WebhookWorker() { stop(); }

void WebhookWorker::enqueue(PendingAlert alert) {
  const auto newest = alert.hit_id;
  if (const auto dropped = queue_.push(std::move(alert)))
    ctx_.warn("webhook queue full ({} waiting): dropped the oldest alert, hit {}, for hit {}; {} dropped so far",
              settings_.queue_size, *dropped, newest, ++dropped_);
}

void WebhookWorker::run() {
  for (;;) {
    auto alert = queue_.pop(std::chrono::steady_clock::now() + 1h);
    if (!alert) {
      std::lock_guard lock(mutex_);
      if (stopped_) break;
      continue;
    }
    if (!deliver(*alert)) {
      std::lock_guard lock(mutex_);
      unsettled_ = alert->hit_id;
      break;
    }
  }
  std::lock_guard lock(mutex_);
  finished_ = true;
  changed_.notify_all();
}

bool WebhookWorker::deliver(const PendingAlert& alert) {
  const int attempts = settings_.retry.max_attempts;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    {
      std::lock_guard lock(mutex_);
      if (abandoned_) return false;
    }
    const auto result = client_.post(alert);
    switch (verdict_for(result)) {
      case Verdict::delivered:
        ctx_.info("hit {} delivered to the webhook (attempt {}, HTTP {})", alert.hit_id, attempt, result.status);
        return true;
      case Verdict::give_up:
        ctx_.error("hit {} dropped: the webhook answered {}; not retried, as only connection errors, 5xx and 429 can "
                   "change by retrying (check url, headers and the receiver's log)",
                   alert.hit_id, describe(result));
        return true;
      case Verdict::retry: break;
    }
    if (attempt == attempts) {
      ctx_.error("hit {} dropped after {} attempts; the last: {}", alert.hit_id, attempts, describe(result));
      return true;
    }
    const auto delay = backoff_after(attempt, settings_.retry, result.retry_after);
    ctx_.warn("hit {}: webhook attempt {} of {} failed ({}); next in {} ms", alert.hit_id, attempt, attempts,
              describe(result), delay.count());
    if (!wait(delay)) return false;
  }
  return true;
}

bool WebhookWorker::wait(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, delay, [this] { return abandoned_; });
}

void WebhookWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  queue_.close();
  {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, settings_.stop_grace, [this] { return finished_; })) {
      abandoned_ = true;
      changed_.notify_all();
    }
  }
  client_.abort();  // a POST in progress ends now rather than at its timeout
  thread_.join();
  std::vector<std::string> left;
  if (!unsettled_.empty()) left.push_back(unsettled_);
  for (auto& alert : queue_.take_all()) left.push_back(std::move(alert.hit_id));
  if (left.empty()) return;
  std::string ids;
  for (const auto& id : left) ids += (ids.empty() ? "" : ", ") + id;
  ctx_.error("stopping: {} alert(s) not delivered to the webhook within the {} ms grace period: hits {}", left.size(),
             settings_.stop_grace.count(), ids);
}

}  // namespace platebus::alerts
