#include "beep_wav.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace platebus::alerts {

namespace {

void put_le(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// A tone with 5 ms fades, so it starts and ends without a click.
void append_tone(std::string& samples, double frequency, double seconds, double amplitude) {
  const int count = static_cast<int>(seconds * kBeepSampleRate);
  const int fade = kBeepSampleRate / 200;
  for (int i = 0; i < count; ++i) {
    const double envelope = std::min({1.0, static_cast<double>(i) / fade, static_cast<double>(count - i) / fade});
    const double value = amplitude * envelope * std::sin(2 * std::numbers::pi * frequency * i / kBeepSampleRate);
    put_le(samples, static_cast<std::uint16_t>(static_cast<std::int16_t>(value * 32767)), 2);
  }
}

}  // namespace

std::string beep_wav() {
  std::string samples;
  for (int repeat = 0; repeat < 2; ++repeat) {
    append_tone(samples, 880, 0.15, 0.6);
    append_tone(samples, 0, 0.05, 0);
    append_tone(samples, 1320, 0.15, 0.6);
    append_tone(samples, 0, 0.15, 0);  // 0.5 s a pair: whole ALSA periods, no padding
  }
  std::string wav = "RIFF";
  put_le(wav, static_cast<std::uint32_t>(36 + samples.size()), 4);
  wav += "WAVEfmt ";
  put_le(wav, 16, 4);                     // fmt chunk size
  put_le(wav, 1, 2);                      // PCM
  put_le(wav, 1, 2);                      // mono
  put_le(wav, kBeepSampleRate, 4);
  put_le(wav, kBeepSampleRate * 2, 4);    // bytes per second
  put_le(wav, 2, 2);                      // bytes per frame
  put_le(wav, 16, 2);                     // bits per sample
  wav += "data";
  put_le(wav, static_cast<std::uint32_t>(samples.size()), 4);
  return wav + samples;
}

}  // namespace platebus::alerts
