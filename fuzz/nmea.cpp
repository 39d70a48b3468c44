// NMEA 0183 lines as a GPS receiver or a recorded log sends them: parse each line, fold it into the
// fix, pace the replay. The parser promises never to throw.
#include <cstdint>
#include <string_view>

#include "nmea_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace platebus::capture::nmea;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  FixAccumulator fix("nmea");
  ReplayPacer pacer;
  while (!input.empty()) {
    const auto end = input.find('\n');
    const auto line = input.substr(0, end);
    const auto sentence = parse_sentence(line);
    fix.apply(sentence);
    (void)pacer.delay_before(sentence);
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return 0;
}
