#include "sound_player.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

extern char** environ;

namespace platebus::alerts {

namespace {

// The environment of the host, with ALSA_CONFIG_PATH replaced when the deployment names a config.
std::vector<std::string> child_environment(const std::string& alsa_config) {
  std::vector<std::string> variables;
  for (char** entry = environ; *entry; ++entry)
    if (alsa_config.empty() || std::strncmp(*entry, "ALSA_CONFIG_PATH=", 17) != 0) variables.emplace_back(*entry);
  if (!alsa_config.empty()) variables.push_back("ALSA_CONFIG_PATH=" + alsa_config);
  return variables;
}

std::vector<char*> pointers(std::vector<std::string>& texts) {
  std::vector<char*> result;
  for (auto& text : texts) result.push_back(text.data());
  result.push_back(nullptr);
  return result;
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const auto got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (auto& c : text)
    if (c == '\n') c = '|';  // one log line per failure
  return text;
}

std::string failure_text(const PlayerCommand& command, int status, const std::string& errors) {
  if (WIFSIGNALED(status)) return fmt::format("player '{}' was killed by signal {}", command.player, WTERMSIG(status));
  std::string hint = "check the device name with `aplay -L` and that this user may use it (group audio)";
  if (errors.find("Unknown PCM") != std::string::npos || errors.find("audio open error") != std::string::npos)
    hint = fmt::format("ALSA device '{}' cannot be opened: set `device` to one `aplay -L` lists, and check that no "
                       "other program holds it and this user is in group audio",
                       command.device);
  else if (errors.find("read error") != std::string::npos || errors.find("not a") != std::string::npos)
    hint = fmt::format("the sound '{}' is not a WAV file aplay can read: point `sound` at a PCM WAV file",
                       command.sound);
  return fmt::format("'{} -D {} {}' failed (exit {}): {}; {}", command.player, command.device, command.sound,
                     WEXITSTATUS(status), errors.empty() ? "no message" : errors, hint);
}

}  // namespace

std::optional<std::string> SoundPlayer::play(const PlayerCommand& command) {
  std::vector<std::string> args{command.player, "-q", "-D", command.device};
  for (int i = 0; i < std::max(1, command.repeat); ++i) args.push_back(command.sound);
  auto environment = child_environment(command.alsa_config);
  auto argv = pointers(args);
  auto envp = pointers(environment);

  int errors[2];
  if (::pipe2(errors, O_CLOEXEC) != 0) return fmt::format("cannot make a pipe for the player: {}", std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, errors[1], STDERR_FILENO);
  // The player gets a process group of its own, so stopping reaches a wrapper script's children too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  int spawned;
  {
    std::lock_guard lock(mutex_);
    spawned = interrupted_ ? ECANCELED : posix_spawnp(&pid, command.player.c_str(), &actions, &attributes, argv.data(), envp.data());
    if (spawned == 0) child_ = pid;
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(errors[1]);
  if (spawned != 0) {
    ::close(errors[0]);
    if (spawned == ECANCELED) return "stopping: not played";
    if (spawned == ENOENT)
      return fmt::format("sound player '{}' not found: install it (`apt-get install alsa-utils` provides aplay) or "
                         "set `player` to its full path",
                         command.player);
    return fmt::format("cannot start sound player '{}': {}", command.player, std::strerror(spawned));
  }
  const auto messages = read_all(errors[0]);
  ::close(errors[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::lock_guard lock(mutex_);
  child_ = -1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return std::nullopt;
  if (interrupted_) return "stopping: the sound was cut short";
  return failure_text(command, status, messages);
}

void SoundPlayer::interrupt() {
  std::lock_guard lock(mutex_);
  interrupted_ = true;
  if (child_ > 0) ::kill(-child_, SIGTERM);
}

}  // namespace platebus::alerts
