#pragma once
// Delivers queued alerts on a thread of its own, with retries, so publishing a hit never waits for
// the webhook. On stop, what is queued gets a short grace period; what is left is logged by hit id.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "delivery_queue.hpp"
#include "platebus/context.hpp"
#include "webhook_client.hpp"
#include "webhook_settings.hpp"

namespace platebus::alerts {

class WebhookWorker {
 public:
  // `ctx` is the instance's context (its log is safe from any thread); it outlives the worker.
  WebhookWorker(Context& ctx, WebhookSettings settings);
  ~WebhookWorker();
  WebhookWorker(const WebhookWorker&) = delete;
  WebhookWorker& operator=(const WebhookWorker&) = delete;

  // Never waits; when the queue is full the oldest alert is dropped, counted and logged.
  void enqueue(PendingAlert alert);
  // Delivers for at most stop_grace more, then abandons and logs what was not delivered.
  void stop();

 private:
  void run();
  // False when the stop grace ran out before the alert was settled.
  bool deliver(const PendingAlert& alert);
  // Waits `delay`; false when the stop grace ran out meanwhile.
  bool wait(std::chrono::milliseconds delay);

  Context& ctx_;
  const WebhookSettings settings_;
  DeliveryQueue queue_;
  WebhookClient client_;
  std::atomic<long long> dropped_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
  bool finished_ = false;
  bool abandoned_ = false;
  bool stopped_ = false;
  std::string unsettled_;  // the alert in hand when the grace ran out
  std::thread thread_;
};

}  // namespace platebus::alerts
