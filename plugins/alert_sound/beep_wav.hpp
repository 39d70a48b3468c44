#pragma once
// The built-in alert sound: two short rising tones, made in code so the plugin needs no sound file.
#include <string>

namespace platebus::alerts {

inline constexpr int kBeepSampleRate = 16000;  // mono, signed 16-bit little-endian

// A complete WAV file (44-byte header, then one second of samples).
std::string beep_wav();

}  // namespace platebus::alerts
