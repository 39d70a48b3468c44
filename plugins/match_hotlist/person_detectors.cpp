// The detectors for data about a person: names, street addresses, dates of birth.
#include <algorithm>

#include "pii_tokens.hpp"

namespace platebus::hotlist::pii {

void detect_date_of_birth(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  static constexpr std::array<std::string_view, 6> labels = {"dob", "born", "birth", "birthdate", "birthday", "bday"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (is_one_of(t[i].text, labels)) {  // "D.O.B." is one token, "DOB", by now
      for (std::size_t k = i + 1; k < std::min(t.size(), i + 6); ++k) {
        if (date_year_at(t, k) != 0) {
          hits.push_back({"date_of_birth", "a date of birth labelled " + quoted(t[i].text)});
          return;
        }
      }
    }
    // "b: 03/14/1985": a labelled date in a birth-year range.
    const int year = i > 0 && gap_is(t[i - 1].gap_after, ':') ? date_year_at(t, i) : 0;
    if (year >= 1900 && year <= 2015) {
      hits.push_back({"date_of_birth", "a date from " + std::to_string(year) + " labelled " + quoted(t[i - 1].text) +
                                           ", probably a date of birth"});
      return;
    }
  }
}

void detect_street_address(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  static constexpr std::array<std::string_view, 32> suffixes = {
      "st",    "street", "ave",  "av",     "avenue", "blvd",    "boulevard", "rd",      "road",    "dr",    "drive",
      "ln",    "lane",   "way",  "ct",     "court",  "pl",      "place",     "ter",     "terrace", "cir",   "circle",
      "hwy",   "highway", "pkwy", "parkway", "trl",   "trail",   "sq",        "square",  "apt",     "unit"};
  static constexpr std::array<std::string_view, 24> not_street_words = {
      "the", "on",  "in",    "at",   "of",    "to",    "a",     "an",    "from",  "by",   "and",   "or",
      "for", "with", "near", "was",  "is",    "times", "miles", "days",  "weeks", "years", "hours", "door"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (iequals(t[i].text, "po") && i + 2 < t.size() && iequals(t[i + 1].text, "box") && all_digits(t[i + 2].text)) {
      hits.push_back({"street_address", "a postal address 'PO Box " + std::string(t[i + 2].text) + "'"});
      return;
    }
    const auto number = t[i].text;
    const bool house_number = number.size() <= 6 && is_digit(number[0]) &&
                              (all_digits(number) || (all_digits(number.substr(0, number.size() - 1)) &&
                                                      number.size() > 1 && !is_digit(number.back())));
    if (!house_number || !gap_is_space(t[i].gap_after)) continue;
    for (std::size_t k = i + 1; k < std::min(t.size(), i + 5); ++k) {
      const auto w = t[k].text;
      if (k > i + 1 && is_one_of(w, suffixes)) {
        std::string found(number);
        for (std::size_t j = i + 1; j <= k; ++j) found.append(1, ' ').append(t[j].text);
        hits.push_back({"street_address", quoted(found) + " looks like a street address"});
        return;
      }
      const bool ordinal = is_digit(w[0]) && w.size() >= 3 && all_letters(w.substr(w.size() - 2));  // 5th, 21st
      if ((!all_letters(w) && !ordinal) || is_one_of(w, not_street_words) || k == i + 4) break;
    }
  }
}

void detect_person_name(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  static constexpr std::array<std::string_view, 19> cues = {
      "owner", "driver", "suspect", "subject", "victim", "child",  "abductor", "mother", "father", "parent",
      "guardian", "wife", "husband", "son",   "daughter", "name", "named",   "registrant", "passenger"};
  static constexpr std::array<std::string_view, 8> joiners = {"is", "was", "to", "named", "owner", "aka", "name", "by"};
  static constexpr std::array<std::string_view, 44> not_names = {
      "unknown", "unk",   "male",    "female", "white",  "black",    "hispanic", "asian",   "adult",  "juvenile", "vehicle",
      "car",     "truck", "plate",   "alert",  "amber",  "stolen",   "none",     "not",     "no",     "fled",     "armed",
      "wanted",  "reported", "reports", "honda", "toyota", "ford",   "chevrolet", "chevy",  "nissan", "dodge",    "tesla",
      "rental",  "hertz", "enterprise", "avis", "dealer", "dealership", "company", "city",  "county", "state",    "police"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto w = t[i].text;
    const bool registered = (iequals(w, "registered") || iequals(w, "reg")) && i + 1 < t.size() &&
                            (iequals(t[i + 1].text, "to") || iequals(t[i + 1].text, "owner"));
    const bool ro = (w == "RO" && (gap_is(t[i].gap_after, ':') || gap_is_space(t[i].gap_after))) ||
                    (w == "R" && gap_is(t[i].gap_after, '/') && i + 1 < t.size() && t[i + 1].text == "O");
    if (!is_one_of(w, cues) && !registered && !ro) continue;
    std::size_t k = i + 1 + (ro && w == "R" ? 1 : 0);
    while (k < t.size() && k <= i + 3 && is_one_of(t[k].text, joiners) && !is_upper(t[k].text[0])) ++k;
    if (k < t.size() && k <= i + 3 && is_one_of(t[k].text, joiners) && w != "RO") ++k;
    std::size_t words = 0;
    std::string found;
    for (std::size_t j = k; j < t.size() && j < k + 4; ++j) {
      const auto name = t[j].text;
      const bool initial = name.size() == 1 && is_upper(name[0]) && words > 0;
      const bool name_word = name.size() >= 2 && is_upper(name[0]) && all_letters(name) && !is_one_of(name, not_names);
      if (!name_word && !initial) break;
      if (!found.empty()) found += ' ';
      found.append(name);
      if (name_word) ++words;
      const auto gap = t[j].gap_after;
      if (!(gap_is_space(gap) || gap_is(gap, ',') || gap == ", " || gap == ". ")) break;
    }
    if (words >= 2) {
      hits.push_back({"person_name", quoted(found) + " after " + quoted(w) + " looks like a person's name"});
      return;
    }
  }
}

}  // namespace platebus::hotlist::pii
