// alert.sound: an audible alert per hit through ALSA (aplay), played off the receiving thread.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "alert_facts.hpp"
#include "beep_wav.hpp"
#include "platebus/plugin.hpp"
#include "private_files.hpp"
#include "sound_worker.hpp"

namespace {

using namespace platebus;
namespace fs = std::filesystem;

// The player as the child will find it: a path as given, a bare name through PATH.
bool player_exists(const std::string& player) {
  if (player.find('/') != std::string::npos) return ::access(player.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string folders = path ? path : "/usr/bin:/bin";
  for (std::size_t start = 0; start <= folders.size();) {
    const auto end = std::min(folders.find(':', start), folders.size());
    if (::access((folders.substr(start, end - start) + "/" + player).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

std::string optional_text(const Context& ctx, const char* key) {
  const auto& value = ctx.config().at(key);
  return value.is_null() ? std::string() : value.get<std::string>();
}

class AlertSound final : public Plugin {
 public:
  void configure(Context& ctx) override {
    command_.sound = optional_text(ctx, "sound");
    command_.device = ctx.config().at("device").get<std::string>();
    command_.player = ctx.config().at("player").get<std::string>();
    command_.alsa_config = optional_text(ctx, "alsa_config");
    command_.repeat = ctx.config().at("repeat").get<int>();
    if (!command_.sound.empty() && !fs::is_regular_file(command_.sound))
      throw ConfigError("sound '" + command_.sound + "' is not a readable file: give a WAV file, or leave `sound` "
                        "unset for the built-in beep");
    if (!command_.alsa_config.empty() && !fs::is_regular_file(command_.alsa_config))
      throw ConfigError("alsa_config '" + command_.alsa_config + "' is not a file: give an asoundrc-style file");
  }

  void start(Context& ctx) override {
    // Said at start as well as per alert, so a missing player is found before the first hit.
    if (!player_exists(command_.player))
      ctx.error("sound player '{}' not found: alerts will be silent until it is installed (`apt-get install "
                "alsa-utils` provides aplay) or `player` names it by full path",
                command_.player);
    if (command_.sound.empty()) command_.sound = write_builtin_beep();
    worker_ = std::make_unique<alerts::SoundWorker>(ctx, command_);
    ctx.info("alerts play '{}' {} time(s) on ALSA device '{}' with '{}'", command_.sound, command_.repeat,
             command_.device, command_.player);
  }

  void on_message(Context& ctx, const Message& message) override {
    try {
      const auto hit = Hit::from_message(message);
      worker_->alert(hit.hit_id);
      ctx.debug("hit {} ({} {}): sound queued", hit.hit_id, hit.hot_plate.plate, hit.match_kind);
    } catch (const MessageError& e) {
      ctx.warn("ignored a message that is not a valid Hit: {}", e.what());
    }
  }

  void stop(Context&) override {
    worker_.reset();
    if (!beep_file_.empty()) fs::remove(beep_file_);
  }

 private:
  // Written once per start under a fresh name no one else can have made (mkstemps: O_EXCL, 0600),
  // and removed on stop.
  std::string write_builtin_beep() {
    auto name = (fs::temp_directory_path() / "platebus-alert-beep-XXXXXX.wav").string();
    const int fd = ::mkstemps(name.data(), 4);
    if (fd < 0)
      throw std::runtime_error("cannot write the built-in beep in '" + fs::temp_directory_path().string() +
                               "': set `sound` to a WAV file, or make the temp folder writable");
    beep_file_ = name;
    const auto beep = alerts::beep_wav();
    bool written = true;
    try {
      alerts::make_private_file(fd, name);
      written = ::write(fd, beep.data(), beep.size()) == static_cast<ssize_t>(beep.size());
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0 || !written)
      throw std::runtime_error("cannot write the built-in beep to '" + name +
                               "': set `sound` to a WAV file, or make the temp folder writable");
    return name;
  }

  alerts::PlayerCommand command_;
  fs::path beep_file_;
  std::unique_ptr<alerts::SoundWorker> worker_;
};

constexpr PortSpec kPorts[] = {
    {"hits", PortDirection::input, "Hit", Delivery::lossless, "hits to sound, from match.hotlist"}};
constexpr ConfigKey kConfig[] = {
    {"sound", ConfigType::path, "null", "WAV file to play; unset: a built-in two-tone beep"},
    {"device", ConfigType::string, "default", "ALSA PCM to play on (names from `aplay -L`)"},
    {"player", ConfigType::string, "aplay", "the player program (aplay from alsa-utils), by name or full path"},
    ConfigKey{"repeat", ConfigType::integer, "1", "times the sound plays per alert"}.between("1", "10"),
    {"alsa_config", ConfigType::path, "null",
     "an ALSA configuration file given to the player as ALSA_CONFIG_PATH (e.g. a file PCM for tests); unset: the "
     "system's"}};

}  // namespace

PLATEBUS_PLUGIN(describe_plugin<AlertSound>("alert.sound", "0.1.0",
                                            "Plays a sound through ALSA for each hot-list hit, without blocking",
                                            kPorts, kConfig))
