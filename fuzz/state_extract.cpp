// The daily state extract reader ('|'-separated, no quoting) on any bytes.
#include <cstdint>
#include <string_view>

#include "state_extract_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  platebus::hotlist::ImportOptions options;
  options.default_list = "fuzz";
  const auto result = platebus::hotlist::import_state_extract({reinterpret_cast<const char*>(data), size}, options);
  (void)result.report();
  return 0;
}
