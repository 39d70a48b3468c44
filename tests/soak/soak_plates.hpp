#pragma once
// The soak's plates: a lead letter saying what the plate is (H hot, N never listed, K listed but
// never read) and six characters from an alphabet with no two characters in one OCR-confusable
// group (match.hotlist's defaults: 0ODQ 1ILT 2Z 5S 6G 8B), so each read matches exactly what the
// soak intends and no near-miss raises a confusable hit.
#include <string>
#include <string_view>

namespace soak {

inline std::string soak_plate(char lead, long long n) {
  constexpr std::string_view kAlphabet = "3479ACEFHJKMNPRUVWXY";
  std::string plate(1, lead);
  for (int k = 0; k < 6; ++k, n /= static_cast<long long>(kAlphabet.size()))
    plate += kAlphabet[static_cast<std::size_t>(n % static_cast<long long>(kAlphabet.size()))];
  return plate;
}

}  // namespace soak
