#pragma once
// Free text as the policy checks read it. Disguises (zero-width or non-breaking spaces, accents,
// fullwidth or Cyrillic look-alikes) must not get text past a check that the plain text would fail,
// so every check reads the folded form; the stored text stays what was typed.
#include <string>
#include <string_view>
#include <vector>

namespace platebus::text {

// NFKC; default-ignorable code points (U+200B, U+00AD, U+FEFF ...) removed; accents removed; every
// space character a plain space; non-ASCII characters whose confusable skeleton is ASCII replaced by
// it (Cyrillic "е" -> "e"). Invalid UTF-8 becomes U+FFFD. Linear in the size of `utf8`.
std::string folded_for_checks(std::string_view utf8);

// The words of `text`: maximal runs of letters (any script), lower-cased. Digits, punctuation,
// symbols and emoji separate words and are not part of any.
std::vector<std::string> letter_words(std::string_view utf8);

// The character that makes a spreadsheet read a cell as a formula when it starts the cell
// (= + - @, tab, carriage return), or 0 when `text` does not start with one.
char formula_lead(std::string_view text);

}  // namespace platebus::text
