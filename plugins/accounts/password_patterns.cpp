#include "password_patterns.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <unordered_set>

#include <fmt/format.h>

namespace platebus::accounts {

namespace {

// Below these a password is refused: characters that are not the predictable follower of the one
// before them (at least 6, and at least a third of the text), and different characters.
constexpr std::size_t kMinSurprises = 6;
constexpr std::size_t kMinDistinct = 5;

// The QWERTY rows; each row sits half a key right of the one above, so the key at column c has
// the keys at c and c+1 of the row above as neighbours.
constexpr std::array<std::string_view, 4> kRows = {"1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"};
constexpr std::string_view kShifted = "!@#$%^&*()_+";  // the number row with shift held

struct Key {
  int row = -1;
  int column = -1;
};

Key key_of(char32_t c) {
  if (const auto shifted = kShifted.find(static_cast<char>(c)); c < 0x80 && shifted != std::string_view::npos)
    return {0, static_cast<int>(shifted)};
  for (int row = 0; row < static_cast<int>(kRows.size()); ++row)
    if (const auto column = kRows[row].find(static_cast<char>(c)); c < 0x80 && column != std::string_view::npos)
      return {row, static_cast<int>(column)};
  return {};
}

bool keyboard_neighbours(char32_t a, char32_t b) {
  const auto ka = key_of(a), kb = key_of(b);
  if (ka.row < 0 || kb.row < 0) return false;
  if (ka.row == kb.row) return std::abs(ka.column - kb.column) == 1;
  const auto& upper = ka.row < kb.row ? ka : kb;
  const auto& lower = ka.row < kb.row ? kb : ka;
  return lower.row - upper.row == 1 && (upper.column == lower.column || upper.column == lower.column + 1);
}

// The next or previous letter or digit, wrapping around (9 to 0, z to a).
bool in_sequence(char32_t a, char32_t b) {
  const auto step = [](char32_t first, char32_t last, char32_t x, char32_t y) {
    if (x < first || x > last || y < first || y > last) return false;
    const auto size = last - first + 1;
    return (x - first + 1) % size == y - first || (y - first + 1) % size == x - first;
  };
  return step('a', 'z', a, b) || step('0', '9', a, b);
}

bool predictable_after(char32_t before, char32_t c) {
  return c == before || in_sequence(before, c) || keyboard_neighbours(before, c);
}

// The smallest chunk the whole text repeats (at least twice, the last time perhaps cut short).
bool is_repeated_chunk(const std::u32string& text) {
  for (std::size_t period = 1; period <= text.size() / 2; ++period) {
    bool repeats = true;
    for (std::size_t i = period; i < text.size() && repeats; ++i) repeats = text[i] == text[i - period];
    if (repeats) return true;
  }
  return false;
}

}  // namespace

std::optional<std::u32string> decode_utf8(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    char32_t c = length == 1 ? lead : lead & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return std::nullopt;
      c = (c << 6) | (next & 0x3f);
    }
    out.push_back(c);
    i += length;
  }
  return out;
}

bool is_control_character(char32_t c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }

bool is_blank_or_invisible(char32_t c) {
  static const std::unordered_set<char32_t> single = {0x20,   0xa0,   0xad,   0x34f,  0x61c,  0x115f, 0x1160, 0x1680,
                                                      0x17b4, 0x17b5, 0x202f, 0x205f, 0x3000, 0x3164, 0xfeff, 0xffa0};
  const auto within = [c](char32_t first, char32_t last) { return c >= first && c <= last; };
  return single.contains(c) || within(0x180b, 0x180e) || within(0x2000, 0x200f) || within(0x2028, 0x202e) ||
         within(0x2060, 0x206f) || within(0xfe00, 0xfe0f) || within(0x1d173, 0x1d17a) || within(0xe0000, 0xe0fff);
}

std::u32string visible_text(const std::u32string& password) {
  std::u32string visible;
  for (const auto c : password)
    if (!is_blank_or_invisible(c) && !is_control_character(c)) visible.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return visible;
}

std::optional<std::string> pattern_problem(const std::u32string& visible) {
  if (visible.empty()) return std::string("the password is only spaces or invisible characters; choose a passphrase of visible words");
  const std::unordered_set<char32_t> distinct(visible.begin(), visible.end());
  if (distinct.size() < kMinDistinct)
    return fmt::format("the password uses only {} different characters; use at least {}", distinct.size(), kMinDistinct);
  std::size_t surprises = 1;
  for (std::size_t i = 1; i < visible.size(); ++i)
    if (!predictable_after(visible[i - 1], visible[i])) ++surprises;
  if (surprises < kMinSurprises || surprises * 3 < visible.size())
    return std::string("the password is mostly a sequence (abcd, 4321) or a keyboard walk (qwerty, 1qaz); "
                       "choose a less predictable passphrase");
  if (is_repeated_chunk(visible))
    return std::string("the password is one chunk repeated; choose a passphrase that does not repeat itself");
  return std::nullopt;
}

}  // namespace platebus::accounts
