#pragma once
// The characters OCR mixes up on plates, and alternative readings built from them.
//
// Each read character comes with the reader's own choices and confidences. The alternatives of a
// reading are the most probable other strings, where a string's score is the product of its
// per-character confidences. Candidates for one character are the reader's choices, plus, when
// the character was read with low confidence, its partners in the confusion table.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text_reader.hpp"  // Alternative

namespace platebus::recognition {

// The confusion table, one group per line: 0/O/D/Q, 1/I/L/T, 2/Z, 5/S, 6/G, 8/B.
const std::vector<std::string_view>& confusion_groups();
// The characters `c` is confused with (without `c`); empty when it has none.
std::string confusion_partners(char c);
// True when a and b are equal or in the same confusion group.
bool confusable(char a, char b);

struct CharacterChoice {
  char symbol = 0;
  double confidence = 0;  // 0..1
};

// One read character: choices[0] is what was read; the others are the reader's next guesses.
struct ReadCharacter {
  std::vector<CharacterChoice> choices;
};

struct AlternativeOptions {
  std::size_t max_alternatives = 5;
  double low_confidence = 0.9;     // characters read with less are swapped with their partners
  double partner_share = 0.5;      // a partner's confidence: this share of (1 - the read one's)
  double min_choice = 0.01;        // choices less confident than this are ignored
};

// The best-scoring readings other than the main one (the string of every choices[0]), best
// first, distinct, at most max_alternatives.
std::vector<Alternative> build_alternatives(const std::vector<ReadCharacter>& characters,
                                            const AlternativeOptions& options = {});

}  // namespace platebus::recognition
