#pragma once
// The guessable shapes a password's length hides: nothing visible (spaces, zero-width characters),
// few different characters, one chunk repeated, and sequences or keyboard walks (abcd, 4321,
// qwerty, 1qaz). The checks look at the visible text: lower-cased ASCII, whitespace and invisible
// characters removed.
#include <optional>
#include <string>
#include <string_view>

namespace platebus::accounts {

// Code points of UTF-8 text; nothing when the text is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view text);

bool is_control_character(char32_t c);           // C0, DEL, C1: a NUL or a line break in a password is a mistake
bool is_blank_or_invisible(char32_t c);          // whitespace, zero-width and formatting characters
std::u32string visible_text(const std::u32string& password);  // without those, ASCII lower-cased

// Why the visible text of a password is guessable whatever its length, or nothing.
std::optional<std::string> pattern_problem(const std::u32string& visible);

}  // namespace platebus::accounts
