#pragma once
// Text from a request quoted back in an error: cut to a readable length, with control characters
// and invalid UTF-8 replaced by '?', so the reply is always valid JSON text whatever was sent.
#include <cstddef>
#include <string>
#include <string_view>

namespace platebus::accounts {

inline std::string shown(std::string_view text, std::size_t max_characters = 64) {
  std::string out;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++characters) {
    if (characters == max_characters) return out + "...";
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!valid || (length == 1 && (lead < 0x20 || lead == 0x7f))) {
      out += '?';
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace platebus::accounts
