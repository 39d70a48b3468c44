#pragma once
// Plays alert sounds on a thread of its own so receiving hits never waits for the speaker. Hits that
// arrive while a sound plays are coalesced: when it ends, one more sound covers all of them.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "platebus/context.hpp"
#include "sound_player.hpp"

namespace platebus::alerts {

class SoundWorker {
 public:
  // `ctx` is the instance's context (its log is safe from any thread); it outlives the worker.
  SoundWorker(Context& ctx, PlayerCommand command);
  ~SoundWorker();  // stops: a playing sound is cut short
  SoundWorker(const SoundWorker&) = delete;
  SoundWorker& operator=(const SoundWorker&) = delete;

  // Never blocks for longer than taking a lock.
  void alert(const std::string& hit_id);

 private:
  void run();
  void play(const std::vector<std::string>& hit_ids);

  Context& ctx_;
  const PlayerCommand command_;
  SoundPlayer player_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::string> pending_;  // hit ids not yet covered by a sound
  bool stopping_ = false;
  long long coalesced_total_ = 0;
  std::thread thread_;
};

}  // namespace platebus::alerts
