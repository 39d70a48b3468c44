// The detectors for record identifiers: driver's licence numbers, social security numbers, and
// CLETS/NCIC records and labels.
#include <algorithm>

#include "pii_tokens.hpp"

namespace platebus::hotlist::pii {

void detect_clets_record(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto w = t[i].text;
    if (iequals(w, "ncic") || iequals(w, "clets")) {
      hits.push_back({"clets_record", "mentions " + quoted(w) + ": hot plates must not carry CLETS/NCIC data"});
    } else if (w == "OCA") {
      hits.push_back({"clets_record", "an OCA (originating agency case) label, CLETS record data"});
    } else if (iequals(w, "nic") && (gap_is(t[i].gap_after, '/') || gap_is(t[i].gap_after, '#') ||
                                     gap_is(t[i].gap_after, ':'))) {
      hits.push_back({"clets_record", "an NCIC record number label " + quoted(std::string(w) + std::string(t[i].gap_after))});
    } else if (letter_then_digits(w, 9)) {
      hits.push_back({"clets_record", quoted(w) + " looks like an NCIC record number (a letter and 9 digits)"});
    } else {
      continue;
    }
    return;  // one finding per detector per field is enough to refuse it
  }
}

void detect_ssn(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (iequals(t[i].text, "ssn")) {
      hits.push_back({"ssn", "a social security number label 'SSN'"});
      return;
    }
    if (i + 2 < t.size() && all_digits(t[i].text) && t[i].text.size() == 3 && gap_is(t[i].gap_after, '-') &&
        all_digits(t[i + 1].text) && t[i + 1].text.size() == 2 && gap_is(t[i + 1].gap_after, '-') &&
        all_digits(t[i + 2].text) && t[i + 2].text.size() == 4) {
      std::string number(t[i].text);
      number.append(1, '-').append(t[i + 1].text).append(1, '-').append(t[i + 2].text);
      hits.push_back({"ssn", quoted(number) + " looks like a social security number"});
      return;
    }
  }
}

void detect_driver_licence(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  static constexpr std::array<std::string_view, 4> labels = {"dl", "oln", "cdl", "odl"};
  static constexpr std::array<std::string_view, 5> licence_owner = {"driver", "drivers", "s", "operator", "operators"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto w = t[i].text;
    if (letter_then_digits(w, 7)) {
      hits.push_back({"driver_licence", quoted(w) + " looks like a California driver's licence number (a letter and 7 digits)"});
      return;
    }
    const bool licence_word = (w.size() >= 3 && iequals(w.substr(0, 3), "lic")) && i > 0 &&
                              is_one_of(t[i - 1].text, licence_owner);
    if (!is_one_of(w, labels) && !licence_word) continue;
    for (std::size_t k = i + 1; k < std::min(t.size(), i + 4); ++k) {
      if (digit_count(t[k].text) >= 5) {
        hits.push_back({"driver_licence", "a driver's licence number " + quoted(t[k].text) + " labelled " + quoted(w)});
        return;
      }
    }
  }
}

}  // namespace platebus::hotlist::pii
