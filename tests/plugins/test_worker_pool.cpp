// test.worker_pool: hands each received message to threads of its own, which hold it for `hold` and
// then publish it on `out`, as a recognizer with workers does. Exercises the drain at shutdown: the
// instance waits in receive() while its threads still hold messages, and says so with
// begin_work()/end_work(). With `discard_at_stop` its stop() drops what no thread has started, so
// only the host's drain (which waits for end_work) keeps those messages.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "platebus/plugin.hpp"

namespace {

class WorkerPool final : public platebus::Plugin {
 public:
  void start(platebus::Context& ctx) override {
    hold_ = std::chrono::milliseconds(ctx.config().at("hold").get<long long>());
    discard_at_stop_ = ctx.config().at("discard_at_stop").get<bool>();
    for (long long i = 0; i < ctx.config().at("workers").get<long long>(); ++i) threads_.emplace_back([this, &ctx] { work(ctx); });
  }

  void run(platebus::Context& ctx) override {
    while (!ctx.stopping()) {
      auto message = ctx.receive(std::chrono::milliseconds(100));
      if (!message) continue;
      ctx.begin_work();  // before receive() again: the host must not see this instance idle meanwhile
      std::lock_guard lock(mutex_);
      waiting_.push_back(std::move(*message));
      changed_.notify_one();
    }
  }

  void stop(platebus::Context& ctx) override {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      if (discard_at_stop_) {
        for (std::size_t i = 0; i < waiting_.size(); ++i) ctx.end_work();
        waiting_.clear();
      }
      changed_.notify_all();
    }
    for (auto& thread : threads_) thread.join();  // they finish what they hold (and what waits, unless discarded)
  }

 private:
  void work(platebus::Context& ctx) {
    while (true) {
      platebus::Message message;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return closed_ || !waiting_.empty(); });
        if (waiting_.empty()) return;
        message = std::move(waiting_.front());
        waiting_.pop_front();
      }
      std::this_thread::sleep_for(hold_);
      platebus::Message out;
      out.header = {{platebus::field::type, message.type()}, {"n", message.header.value("n", 0LL)}};
      ctx.publish("out", std::move(out));
      ctx.end_work();
    }
  }

  std::chrono::milliseconds hold_{0};
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<platebus::Message> waiting_;
  bool closed_ = false;
  bool discard_at_stop_ = false;
};

constexpr platebus::PortSpec kPorts[] = {
    {"in", platebus::PortDirection::input, "*", platebus::Delivery::lossless, "anything"},
    {"out", platebus::PortDirection::output, "*", platebus::Delivery::lossless, "what came in, after `hold`"}};
constexpr platebus::ConfigKey kConfig[] = {
    {"workers", platebus::ConfigType::integer, "2", "threads holding messages"},
    {"hold", platebus::ConfigType::duration, "200ms", "how long a thread holds each message"},
    {"discard_at_stop", platebus::ConfigType::boolean, "false", "stop() drops the messages no thread has started"}};

}  // namespace

PLATEBUS_PLUGIN(platebus::describe_plugin<WorkerPool>("test.worker_pool", "1.0.0",
                                                      "Holds messages in threads of its own, then passes them on",
                                                      kPorts, kConfig))
