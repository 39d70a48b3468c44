// alert.sound through the real host and the real aplay: the sound is rendered through an ALSA
// `file` PCM (no speakers needed) and the bytes that reached it are counted; alerts that arrive
// while a sound plays are coalesced; a missing player or a bad device is logged, never fatal.
#define BOOST_TEST_MODULE alert_sound
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <sstream>

#include "alert_test_helpers.hpp"
#include "beep_wav.hpp"

using namespace platebus::test;
using namespace platebus::test::alerts;
using namespace std::chrono_literals;

namespace {

bool aplay_installed() {
  std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin");
  for (std::string folder; std::getline(path, folder, ':');)
    if (fs::exists(fs::path(folder) / "aplay")) return true;
  return false;
}

#define SKIP_WITHOUT_APLAY()                                                            \
  if (!aplay_installed()) {                                                             \
    platebus::test::report_skip("aplay is not installed (apt-get install alsa-utils)");   \
    return;                                                                             \
  }

// A mono 16-bit WAV of `samples` samples at 8 kHz, as `sox` or any recorder would write it.
fs::path write_wav(const fs::path& file, int samples) {
  std::string data;
  for (int i = 0; i < samples; ++i) data += (i % 20 < 10) ? std::string("\x00\x20", 2) : std::string("\x00\xe0", 2);
  auto le = [](std::uint32_t value, int bytes) {
    std::string out;
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    return out;
  };
  const std::string wav = "RIFF" + le(36 + data.size(), 4) + "WAVEfmt " + le(16, 4) + le(1, 2) + le(1, 2) +
                          le(8000, 4) + le(16000, 4) + le(2, 2) + le(16, 2) + "data" + le(data.size(), 4) + data;
  return write_file(file, wav);
}

// An ALSA configuration with one PCM, `capture_to_file`, that appends what is played to `out` as
// raw samples and discards it otherwise (no sound card involved). The file PCM writes from offset 0
// each time it is opened, so each play goes through a pipe to `cat >>` to keep them all.
fs::path file_pcm_config(const TempDir& dir, const fs::path& out) {
  return write_file(dir / "asoundrc", "pcm.capture_to_file {\n  type file\n  slave { pcm { type null } }\n"
                                      "  file \"|cat >> " + out.string() + "\"\n  format \"raw\"\n}\n");
}

std::string file_pcm_sink(const TempDir& dir, const std::string& extra) {
  return "device: capture_to_file, alsa_config: " + file_pcm_config(dir, dir / "out.raw").string() +
         (extra.empty() ? "" : ", " + extra);
}

// aplay behind a wait: the file PCM renders at once, and this stands in for a sound that lasts.
fs::path slow_player(const TempDir& dir, const std::string& seconds) {
  const auto script = write_file(dir / "slow-aplay", "#!/bin/sh\nsleep " + seconds + "\nexec aplay \"$@\"\n");
  fs::permissions(script, fs::perms::owner_all);
  return script;
}

std::uintmax_t rendered_bytes(const TempDir& dir) {
  std::error_code error;
  const auto size = fs::file_size(dir / "out.raw", error);
  return error ? 0 : size;
}

// Runs until `expected` bytes were rendered, then a little longer to catch any extra sound.
std::string run_until_rendered(const TempDir& dir, const std::string& publisher, const std::string& sink,
                               std::uintmax_t expected) {
  StderrCapture log(dir / "host.log");
  platebus::host::Host host;
  start(host, alert_deployment(dir, publisher, "alert.sound", sink));
  const bool rendered = wait_until([&] { return rendered_bytes(dir) >= expected; }, 10s);
  std::this_thread::sleep_for(700ms);
  host.stop();
  BOOST_TEST(rendered, "rendered " << rendered_bytes(dir) << " of " << expected << " bytes");
  return log.text();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_configured_sound_is_rendered_repeat_times_per_alert) {
  SKIP_WITHOUT_APLAY();
  TempDir dir;
  const auto wav = write_wav(dir / "alarm.wav", 4000);
  run_until_rendered(dir, "", file_pcm_sink(dir, "sound: " + wav.string() + ", repeat: 2"), 2 * 4000 * 2);
  BOOST_TEST(rendered_bytes(dir) == 2u * 4000u * 2u);
}

BOOST_AUTO_TEST_CASE(without_a_sound_the_built_in_beep_is_played) {
  SKIP_WITHOUT_APLAY();
  TempDir dir;
  const auto beep_samples_bytes = platebus::alerts::beep_wav().size() - 44;
  BOOST_REQUIRE(beep_samples_bytes > 16000u);  // two tone pairs, well over half a second
  const auto log = run_until_rendered(dir, "", file_pcm_sink(dir, ""), beep_samples_bytes);
  BOOST_TEST(rendered_bytes(dir) == beep_samples_bytes);
  BOOST_TEST(log.find("platebus-alert-beep-") != std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(alerts_arriving_while_a_sound_plays_are_coalesced) {
  SKIP_WITHOUT_APLAY();
  TempDir dir;
  const auto wav = write_wav(dir / "alarm.wav", 1000);
  const auto log = run_until_rendered(dir, "count: 5, pause_after_first: 150ms",
                                      file_pcm_sink(dir, "sound: " + wav.string() + ", player: " + slow_player(dir, "0.5").string()),
                                      2 * 1000 * 2);
  // One sound for the first hit, one for the four that came while it played.
  BOOST_TEST(rendered_bytes(dir) == 2u * 1000u * 2u);
  BOOST_TEST(log.find("4 alerts at once") != std::string::npos, log);
  BOOST_TEST(log.find("h-test-0002, h-test-0003, h-test-0004, h-test-0005") != std::string::npos, log);
}

BOOST_AUTO_TEST_CASE(the_publisher_never_waits_for_the_sound) {
  SKIP_WITHOUT_APLAY();
  TempDir dir;
  StderrCapture log(dir / "host.log");
  platebus::host::Host host;
  start(host, alert_deployment(dir, "count: 20", "alert.sound", "player: " + slow_player(dir, "2").string()));
  BOOST_REQUIRE(wait_until([&] { return !publisher_done(dir).is_null(); }, 5s));
  BOOST_TEST(publisher_done(dir)["elapsed_ms"].get<double>() < 1000);
  const auto stop_started = std::chrono::steady_clock::now();
  host.stop();  // the playing sound is cut short, not waited for
  BOOST_TEST((std::chrono::steady_clock::now() - stop_started) < 1500ms);
}

BOOST_AUTO_TEST_CASE(a_missing_player_or_a_bad_device_is_logged_and_survived) {
  SKIP_WITHOUT_APLAY();
  for (const auto& [sink, expected] :
       {std::pair<std::string, std::string>{"player: /nonexistent/aplay", "sound player '/nonexistent/aplay' not found"},
        {"device: no_such_pcm", "ALSA device 'no_such_pcm' cannot be opened"}}) {
    TempDir dir;
    StderrCapture log(dir / "host.log");
    platebus::host::Host host;
    start(host, alert_deployment(dir, "count: 2, pause_after_first: 300ms", "alert.sound", sink));
    // The second hit fails like the first: the plugin lived on.
    const bool logged = wait_until([&] { return log.text().find("no sound for hit(s) h-test-0002: ") != std::string::npos; }, 10s);
    BOOST_TEST(logged, log.text());
    BOOST_TEST(state_of(host, "sink") == "running");
    host.stop();
    BOOST_TEST(count_of(log.text(), expected) >= 2u, log.text());
  }
}

// The built-in beep goes to the temp folder: a fresh name, 0600, whatever the umask. A stand-in
// player writes down the mode of the file it is given (no aplay needed).
BOOST_AUTO_TEST_CASE(the_built_in_beep_file_is_private_and_freshly_named) {
  TempDir dir;
  const auto player = write_file(dir / "mode-player", "#!/bin/sh\nfor last; do :; done\nstat -c '%a %n' \"$last\" >> " +
                                                          (dir / "modes.txt").string() + "\n");
  fs::permissions(player, fs::perms::owner_all);
  const auto old_mask = ::umask(0);
  {
    platebus::host::Host host;
    start(host, alert_deployment(dir, "", "alert.sound", "player: " + player.string()));
    wait_until([&] { return !read_file(dir / "modes.txt").empty(); }, 10s);
    host.stop();
  }
  ::umask(old_mask);
  const auto modes = read_file(dir / "modes.txt");
  BOOST_TEST(modes.starts_with("600 "), modes);
  BOOST_TEST(modes.find("platebus-alert-beep-") != std::string::npos, modes);
}
