#include "pii_tokens.hpp"

#include <algorithm>

namespace platebus::hotlist::pii {

namespace {

std::vector<Token> raw_tokens(std::string_view text) {
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

bool single_letter(const Token& token) { return token.text.size() == 1 && is_ascii_letter(token.text[0]); }
bool initial_dot(std::string_view gap) { return gap == "." || gap == ". "; }

int to_int(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool is_month(std::string_view word) {
  static constexpr std::array<std::string_view, 24> months = {
      "jan",  "feb",     "mar",      "apr",   "may",  "jun",  "jul",    "aug",       "sep",     "sept",
      "oct",  "nov",     "dec",      "january", "february", "march", "april", "june", "july", "august",
      "september", "october", "november", "december"};
  return is_one_of(word, months);
}

int two_digit_year(int yy) { return yy > 15 ? 1900 + yy : 2000 + yy; }
bool day_and_month(int day, int month) { return day >= 1 && day <= 31 && month >= 1 && month <= 12; }

// One token: 14MAR1985, 14MAR85, 19850314 (YYYYMMDD), 03141985 (MMDDYYYY).
int compact_date_year(std::string_view w) {
  if (w.size() == 8 && all_digits(w)) {
    const int a = to_int(w.substr(0, 4)), b = to_int(w.substr(4, 2)), c = to_int(w.substr(6, 2));
    if (a >= 1900 && a <= 2099 && day_and_month(c, b)) return a;
    const int year = to_int(w.substr(4, 4));
    if (year >= 1900 && year <= 2099 && day_and_month(to_int(w.substr(2, 2)), to_int(w.substr(0, 2)))) return year;
    return 0;
  }
  std::size_t d = 0;
  while (d < w.size() && is_digit(w[d])) ++d;
  std::size_t m = d;
  while (m < w.size() && !is_digit(w[m])) ++m;
  const auto month = w.substr(d, m - d), year = w.substr(m);  // the day is the d digits before
  if (d == 0 || d > 2 || !is_month(month) || !all_digits(year)) return 0;
  if (year.size() == 4) return to_int(year);
  return year.size() == 2 ? two_digit_year(to_int(year)) : 0;
}

}  // namespace

bool is_word_byte(char c) { return is_ascii_letter(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80; }

std::vector<Token> tokenize(std::string_view text, std::forward_list<std::string>& joined) {
  auto tokens = raw_tokens(text);
  std::vector<Token> merged;
  merged.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::size_t end = i;
    while (end + 1 < tokens.size() && single_letter(tokens[end]) && initial_dot(tokens[end].gap_after) &&
           single_letter(tokens[end + 1]))
      ++end;
    if (end == i) {
      merged.push_back(tokens[i]);
      continue;
    }
    auto& letters = joined.emplace_front();
    for (std::size_t k = i; k <= end; ++k) letters += tokens[k].text;
    merged.push_back({letters, tokens[end].gap_after});
    i = end;
  }
  return merged;
}

bool iequals(std::string_view a, std::string_view lower) {
  return a.size() == lower.size() && std::equal(a.begin(), a.end(), lower.begin(), [](char x, char y) {
           return (is_upper(x) ? x - 'A' + 'a' : x) == y;
         });
}

bool all_digits(std::string_view t) { return !t.empty() && std::all_of(t.begin(), t.end(), is_digit); }
bool all_letters(std::string_view t) {
  return !t.empty() && std::none_of(t.begin(), t.end(), is_digit);
}
std::size_t digit_count(std::string_view t) {
  return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), is_digit));
}
bool letter_then_digits(std::string_view t, std::size_t digits) {
  return t.size() == digits + 1 && is_ascii_letter(t[0]) && all_digits(t.substr(1));
}
bool gap_is(std::string_view gap, char c) {
  const auto trimmed = gap.substr(0, gap.find_last_not_of(' ') + 1);
  return trimmed.size() == 1 && trimmed[0] == c;
}
bool gap_is_space(std::string_view gap) {
  return !gap.empty() && gap.find_first_not_of(' ') == std::string_view::npos;
}
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  return out.append(1, '\'').append(text).append(1, '\'');
}

int date_year_at(const std::vector<Token>& t, std::size_t i) {
  if (i >= t.size()) return 0;
  if (const int year = compact_date_year(t[i].text)) return year;
  if (i + 2 >= t.size()) return 0;
  const auto a = t[i].text, b = t[i + 1].text, c = t[i + 2].text;
  const char sep = t[i].gap_after.size() == 1 ? t[i].gap_after[0] : 0;
  const bool date_separator = sep == '-' || sep == '/' || sep == '.';
  if (date_separator && t[i + 1].gap_after == t[i].gap_after && all_digits(b) && b.size() <= 2 && all_digits(c)) {
    if (all_digits(a) && a.size() == 4 && c.size() <= 2) return to_int(a);
    if (all_digits(a) && a.size() <= 2 && c.size() == 4) return to_int(c);
    if (all_digits(a) && a.size() <= 2 && c.size() == 2) return two_digit_year(to_int(c));
  }
  const bool year_last = all_digits(c) && c.size() == 4;
  if (is_month(a) && all_digits(b) && b.size() <= 2 && year_last) return to_int(c);  // Mar 14 1985
  if (all_digits(a) && a.size() <= 2 && is_month(b) && year_last) return to_int(c);  // 14 Mar 1985
  return 0;
}

}  // namespace platebus::hotlist::pii
