#include "sound_worker.hpp"

namespace platebus::alerts {

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string text;
  for (const auto& id : ids) text += (text.empty() ? "" : ", ") + id;
  return text;
}

}  // namespace

SoundWorker::SoundWorker(Context& ctx, PlayerCommand command)
    : ctx_(ctx), command_(std::move(command)), thread_([this] { run(); }) {}

SoundWorker::~SoundWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  player_.interrupt();
  thread_.join();
  if (!pending_.empty()) ctx_.info("stopping: no sound played for hit(s) {}", joined(pending_));
}

void SoundWorker::alert(const std::string& hit_id) {
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(hit_id);
  }
  wake_.notify_one();
}

void SoundWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
    if (stopping_) return;
    std::vector<std::string> batch;
    batch.swap(pending_);
    lock.unlock();
    play(batch);
    lock.lock();
  }
}

void SoundWorker::play(const std::vector<std::string>& hit_ids) {
  if (hit_ids.size() > 1) {
    coalesced_total_ += static_cast<long long>(hit_ids.size()) - 1;
    ctx_.info("{} alerts at once (they arrived together or while a sound played): one sound for all of them "
              "(hits {}); {} coalesced so far",
              hit_ids.size(), joined(hit_ids), coalesced_total_);
  }
  if (const auto failure = player_.play(command_)) {
    bool stopping;
    {
      std::lock_guard lock(mutex_);
      stopping = stopping_;
    }
    if (stopping) ctx_.info("stopping: the sound for hit(s) {} was cut short", joined(hit_ids));
    else ctx_.error("no sound for hit(s) {}: {}", joined(hit_ids), *failure);
    return;
  }
  ctx_.debug("sound played for hit(s) {}", joined(hit_ids));
}

}  // namespace platebus::alerts
