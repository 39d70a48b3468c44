#pragma once
// What the personal-data detectors read: the folded text (text_common's folded_for_checks) cut into
// runs of letters and digits, each with the punctuation after it. Internal to the detectors.
#include <array>
#include <forward_list>
#include <string>
#include <string_view>
#include <vector>

#include "pii_detector.hpp"

namespace platebus::hotlist::pii {

// A run of letters and digits (bytes >= 0x80 count as letters so "Jos\u00e9" stays one word), with
// the text between it and the next token.
struct Token {
  std::string_view text;
  std::string_view gap_after;
};

bool is_word_byte(char c);
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || is_upper(c); }

// The tokens of `text`. Initialisms written with dots ("N.C.I.C.", "D.O.B.") become one token
// ("NCIC"), whose text lives in `joined`.
std::vector<Token> tokenize(std::string_view text, std::forward_list<std::string>& joined);

bool iequals(std::string_view a, std::string_view lower);
template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  for (const auto w : words)
    if (iequals(word, w)) return true;
  return false;
}
bool all_digits(std::string_view t);
bool all_letters(std::string_view t);  // no digits (bytes >= 0x80 count as letters)
std::size_t digit_count(std::string_view t);
// A letter then `digits` digits: "A1234567" (CA licence), "V123456789" (NCIC number).
bool letter_then_digits(std::string_view t, std::size_t digits);
// The gap is `c`, perhaps followed by spaces.
bool gap_is(std::string_view gap, char c);
bool gap_is_space(std::string_view gap);
std::string quoted(std::string_view text);

// The year of a date starting at tokens[i] (2026-11-01, 11/01/2026, 11-01-85, Nov 1 2026,
// 1 Nov 2026, 01NOV2026, 20261101), or 0.
int date_year_at(const std::vector<Token>& t, std::size_t i);

// The detectors: each adds at most one finding for the text.
using Tokens = std::vector<Token>;
void detect_person_name(const Tokens& t, std::vector<PiiHit>& hits);
void detect_street_address(const Tokens& t, std::vector<PiiHit>& hits);
void detect_date_of_birth(const Tokens& t, std::vector<PiiHit>& hits);
void detect_driver_licence(const Tokens& t, std::vector<PiiHit>& hits);
void detect_ssn(const Tokens& t, std::vector<PiiHit>& hits);
void detect_clets_record(const Tokens& t, std::vector<PiiHit>& hits);
void detect_phone_number(const Tokens& t, std::vector<PiiHit>& hits);
void detect_email_address(const Tokens& t, std::vector<PiiHit>& hits);

}  // namespace platebus::hotlist::pii
