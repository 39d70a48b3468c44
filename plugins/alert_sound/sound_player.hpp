#pragma once
// Runs the ALSA player (aplay) as a child process for one alert, and says in words what went wrong.
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>

namespace platebus::alerts {

struct PlayerCommand {
  std::string player = "aplay";
  std::string device = "default";
  std::string sound;        // WAV file
  int repeat = 1;           // the file is played this many times in one run
  std::string alsa_config;  // ALSA_CONFIG_PATH for the player; "" keeps the system's
};

class SoundPlayer {
 public:
  // Plays and waits for the player to finish. Returns nothing on success, otherwise what failed and
  // how to fix it (player missing, device unknown or busy...).
  std::optional<std::string> play(const PlayerCommand& command);
  // Ends a running play (on stop), so a long sound never holds the instance.
  void interrupt();

 private:
  std::mutex mutex_;
  pid_t child_ = -1;
  bool interrupted_ = false;
};

}  // namespace platebus::alerts
