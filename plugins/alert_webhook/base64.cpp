#include "base64.hpp"

namespace platebus::alerts {

std::string base64_encode(std::span<const std::byte> bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto group = (std::to_integer<unsigned>(bytes[i]) << 16) | (std::to_integer<unsigned>(bytes[i + 1]) << 8) |
                       std::to_integer<unsigned>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) text.push_back(kAlphabet[(group >> shift) & 63]);
  }
  const auto rest = bytes.size() - i;
  if (rest > 0) {
    unsigned group = std::to_integer<unsigned>(bytes[i]) << 16;
    if (rest == 2) group |= std::to_integer<unsigned>(bytes[i + 1]) << 8;
    text.push_back(kAlphabet[(group >> 18) & 63]);
    text.push_back(kAlphabet[(group >> 12) & 63]);
    text.push_back(rest == 2 ? kAlphabet[(group >> 6) & 63] : '=');
    text.push_back('=');
  }
  return text;
}

}  // namespace platebus::alerts
