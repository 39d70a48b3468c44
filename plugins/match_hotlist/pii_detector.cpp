#include "pii_detector.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace platebus::hotlist {

namespace {

// A run of letters and digits (bytes >= 0x80 count as letters so "José" stays one word), with the
// text between it and the next token.
struct Token {
  std::string_view text;
  std::string_view gap_after;
};

bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || b >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size() && !is_word_byte(text[i])) ++i;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size() && is_word_byte(text[end])) ++end;
    std::size_t next = end;
    while (next < text.size() && !is_word_byte(text[next])) ++next;
    tokens.push_back({text.substr(i, end - i), text.substr(end, next - end)});
    i = next;
  }
  return tokens;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x - 'A' + 'a' : x) == y;
         });
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return iequals(word, w); });
}

bool all_digits(std::string_view t) { return !t.empty() && std::all_of(t.begin(), t.end(), is_digit); }
bool all_letters(std::string_view t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return !is_digit(c); });
}
std::size_t digit_count(std::string_view t) { return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), is_digit)); }
// A letter then `digits` digits: "A1234567" (CA licence), "V123456789" (NCIC number).
bool letter_then_digits(std::string_view t, std::size_t digits) {
  return t.size() == digits + 1 && ((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z')) &&
         all_digits(t.substr(1));
}
bool gap_is(std::string_view gap, char c) {
  const auto trimmed = gap.substr(0, gap.find_last_not_of(' ') + 1);
  return trimmed.size() == 1 && trimmed[0] == c;
}
bool gap_is_space(std::string_view gap) { return !gap.empty() && gap.find_first_not_of(' ') == std::string_view::npos; }
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  return out.append(1, '\'').append(text).append(1, '\'');
}

// The year of a date starting at tokens[i] (2026-11-01, 11/01/2026, 11-01-85, Nov 1 2026), or 0.
int date_year_at(const std::vector<Token>& t, std::size_t i) {
  static constexpr std::array<std::string_view, 21> months = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "january", "february", "march", "april", "june", "july", "august", "september"};
  static constexpr std::array<std::string_view, 3> more_months = {"october", "november", "december"};
  if (i + 2 >= t.size()) return 0;
  const auto a = t[i].text, b = t[i + 1].text, c = t[i + 2].text;
  auto to_int = [](std::string_view s) {
    int v = 0;
    for (const char ch : s) v = v * 10 + (ch - '0');
    return v;
  };
  const char sep = t[i].gap_after.size() == 1 ? t[i].gap_after[0] : 0;
  const bool date_separator = sep == '-' || sep == '/' || sep == '.';
  if (date_separator && t[i + 1].gap_after == t[i].gap_after && all_digits(b) && b.size() <= 2 && all_digits(c)) {
    if (all_digits(a) && a.size() == 4 && c.size() <= 2) return to_int(a);
    if (all_digits(a) && a.size() <= 2 && c.size() == 4) return to_int(c);
    if (all_digits(a) && a.size() <= 2 && c.size() == 2) return to_int(c) > 15 ? 1900 + to_int(c) : 2000 + to_int(c);
  }
  if ((is_one_of(a, months) || is_one_of(a, more_months)) && all_digits(b) && b.size() <= 2 && all_digits(c) &&
      c.size() == 4)
    return to_int(c);
  return 0;
}

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

void detect_date_of_birth(const std::vector<Token>& t, std::vector<PiiHit>& hits) {
  static constexpr std::array<std::string_view, 6> labels = {"dob", "born", "birth", "birthdate", "birthday", "bday"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool dotted_dob = i + 2 < t.size() && iequals(t[i].text, "d") && iequals(t[i + 1].text, "o") &&
                            iequals(t[i + 2].text, "b") && gap_is(t[i].gap_after, '.');
    if (is_one_of(t[i].text, labels) || dotted_dob) {
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

}  // namespace

std::optional<PiiHit> pii_column(std::string_view column_name) {
  static constexpr std::array<std::string_view, 23> words = {
      "name",  "firstname", "lastname", "surname", "fullname", "owner", "address", "street", "dob", "birth", "birthdate",
      "ssn",   "cii",       "fbi",      "ncic",    "clets",    "oln",   "dl",      "phone",  "email", "birthday", "ro",
      "registrant"};
  std::string folded;  // lower case, every other character a word break
  for (const char c : column_name)
    folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : (is_word_byte(c) ? c : ' ');
  bool driver = false, licence = false;
  for (const auto& token : tokenize(folded)) {
    if (is_one_of(token.text, words)) {
      return PiiHit{"pii_column", "column " + quoted(column_name) + " is named for personal or CLETS data (" +
                                      quoted(token.text) + "); remove the column"};
    }
    driver = driver || token.text.starts_with("driver");
    licence = licence || token.text.starts_with("licen") || token.text == "lic";
  }
  if (driver && licence)
    return PiiHit{"pii_column", "column " + quoted(column_name) + " is named for driver's licence data; remove the column"};
  if (folded.find("dateofbirth") != std::string::npos || folded.find("date of birth") != std::string::npos)
    return PiiHit{"pii_column", "column " + quoted(column_name) + " is named for dates of birth; remove the column"};
  return std::nullopt;
}

namespace {

using Detector = void (*)(const std::vector<Token>&, std::vector<PiiHit>&);

std::vector<PiiHit> scan(std::string_view text, std::initializer_list<Detector> detectors) {
  std::vector<PiiHit> hits;
  if (text.empty()) return hits;
  const auto tokens = tokenize(text);
  for (const auto detector : detectors) detector(tokens, hits);
  return hits;
}

}  // namespace

std::vector<PiiHit> scan_free_text(std::string_view text) {
  return scan(text, {detect_person_name, detect_street_address, detect_date_of_birth, detect_driver_licence,
                     detect_ssn, detect_clets_record});
}

std::vector<PiiHit> scan_identifier(std::string_view text) { return scan(text, {detect_ssn, detect_clets_record}); }

}  // namespace platebus::hotlist
