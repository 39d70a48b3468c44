#pragma once
// How long and how much the volume soak runs: by default the two-minute CI version; by hand, e.g.
// `build/bin/test_volume_soak -- --reads 1400000 --for 0` for the volume of a day at 16 reads/s.
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace soak {

struct SoakSettings {
  long long reads = 0;                         // 0: as many as fit in `duration`
  std::chrono::seconds duration{120};          // 0: until `reads` are through
  std::chrono::seconds warm_up{10};            // RSS growth is measured from here

  static SoakSettings from_arguments(int argc, char** argv) {
    SoakSettings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
      const std::string_view name = argv[i];
      const long long value = std::stoll(argv[i + 1]);
      if (value < 0) throw std::invalid_argument(std::string(name) + " must not be negative");
      if (name == "--reads") settings.reads = value;
      else if (name == "--for") settings.duration = std::chrono::seconds(value);
      else throw std::invalid_argument("unknown option " + std::string(name) + "; use --reads N and --for SECONDS");
    }
    if (settings.reads == 0 && settings.duration.count() == 0)
      throw std::invalid_argument("give --reads N, --for SECONDS, or both");
    return settings;
  }
};

}  // namespace soak
