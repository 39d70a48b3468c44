#pragma once
// Text that came from outside (a user name, a reason, a query term), made safe to print where a
// person reads it: a terminal, a text report, a spreadsheet cell. Line breaks, tabs, escape codes
// (ESC [2J clears a screen), other C0/C1 controls, DEL, bidirectional overrides (which reorder
// what is shown) and invalid UTF-8 are written as visible escapes, so a name cannot forge a line
// or clear a screen. A backslash is doubled, so every escape is unambiguous. Header-only, so
// tools that do not link the SDK (platectl) use the same code.
#include <string>
#include <string_view>

namespace platebus {

namespace printable_detail {

// Length of the valid UTF-8 sequence starting at text[i] (shortest form not checked), or 0.
inline std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t length = lead < 0x80            ? 1
                             : (lead >> 5) == 0x6   ? 2
                             : (lead >> 4) == 0xe   ? 3
                             : (lead >> 3) == 0x1e  ? 4
                                                    : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return 0;
  return length;
}

inline char32_t code_point(std::string_view sequence) {
  const auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(sequence[k])); };
  switch (sequence.size()) {
    case 1: return byte(0);
    case 2: return ((byte(0) & 0x1f) << 6) | (byte(1) & 0x3f);
    case 3: return ((byte(0) & 0x0f) << 12) | ((byte(1) & 0x3f) << 6) | (byte(2) & 0x3f);
    default: return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3f) << 12) | ((byte(2) & 0x3f) << 6) | (byte(3) & 0x3f);
  }
}

// \x1b or \u202e: the escape a reader sees instead of the character.
inline std::string escape(const char* prefix, char32_t c, int digits) {
  std::string out = prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += "0123456789abcdef"[(c >> shift) & 0xf];
  return out;
}

inline bool hidden_or_control(char32_t c) {
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)  // C0, DEL, C1 (0x9b is a one-byte CSI)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)  // bidirectional overrides
         || c == 0x200e || c == 0x200f || c == 0x061c;                      // direction marks
}

}  // namespace printable_detail

inline std::string printable_text(std::string_view text) {
  using namespace printable_detail;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto length = utf8_length(text, i);
    if (length == 0) {  // not UTF-8: show the byte
      out += escape("\\x", static_cast<unsigned char>(text[i++]), 2);
      continue;
    }
    const auto sequence = text.substr(i, length);
    i += length;
    const auto c = code_point(sequence);
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x80 && hidden_or_control(c)) out += escape("\\x", c, 2);
    else if (hidden_or_control(c)) out += escape("\\u", c, 4);
    else out += sequence;
  }
  return out;
}

}  // namespace platebus
