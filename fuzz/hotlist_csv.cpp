// The hot-list upload CSV reader (RFC 4180 quoting, header mapping, row checks, personal-data
// detectors, duplicate merging) on any bytes: refused or accepted, never a crash or a hang.
#include <cstdint>
#include <string_view>

#include "csv_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  platebus::hotlist::ImportOptions options;
  options.default_list = "fuzz";
  const auto result = platebus::hotlist::import_csv({reinterpret_cast<const char*>(data), size}, options);
  (void)result.report();
  return 0;
}
