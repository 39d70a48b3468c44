// The detectors for ways to reach a person: phone numbers and e-mail addresses.
#include <algorithm>

#include "pii_tokens.hpp"

namespace platebus::hotlist::pii {

namespace {

// Between the groups of a phone number: nothing but spaces, one dash or dot, or brackets ("(916) 555").
bool phone_gap(std::string_view gap) {
  return gap.size() <= 3 && std::all_of(gap.begin(), gap.end(), [](char c) {
           return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
         }) && std::count(gap.begin(), gap.end(), '-') + std::count(gap.begin(), gap.end(), '.') <= 1;
}

bool digits_of(std::string_view token, std::size_t size) { return token.size() == size && all_digits(token); }

// 916-555-0142, (916) 555-0142, 916.555.0142, +1 916 555 0142.
bool grouped_number_at(const Tokens& t, std::size_t i) {
  return i + 2 < t.size() && digits_of(t[i].text, 3) && phone_gap(t[i].gap_after) && digits_of(t[i + 1].text, 3) &&
         phone_gap(t[i + 1].gap_after) && digits_of(t[i + 2].text, 4);
}

// The numbers right after a label ("cell: 9165550142", "call 555 0142") form a phone number: one
// group of 10 or 11 digits, or groups of 3-4, 3-3-4 or 1-3-3-4 (a case number "2026-001234" is not).
bool phone_after(const Tokens& t, std::size_t label) {
  std::vector<std::size_t> groups;
  for (std::size_t k = label + 1; k < t.size() && groups.size() < 4 && all_digits(t[k].text); ++k) {
    groups.push_back(t[k].text.size());
    if (!phone_gap(t[k].gap_after)) break;
  }
  using G = std::vector<std::size_t>;
  return groups == G{10} || groups == G{11} || groups == G{3, 4} || groups == G{3, 3, 4} || groups == G{1, 3, 3, 4};
}

}  // namespace

void detect_phone_number(const Tokens& t, std::vector<PiiHit>& hits) {
  static constexpr std::array<std::string_view, 10> labels = {"phone", "tel", "telephone", "cell", "mobile",
                                                              "ph",    "call", "contact",   "fax",  "text"};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (grouped_number_at(t, i)) {
      hits.push_back({"phone_number", quoted(std::string(t[i].text) + "-" + std::string(t[i + 1].text) + "-" +
                                             std::string(t[i + 2].text)) +
                                          " looks like a phone number"});
      return;
    }
    if (is_one_of(t[i].text, labels) && phone_after(t, i)) {
      hits.push_back({"phone_number", "a phone number labelled " + quoted(t[i].text)});
      return;
    }
  }
}

void detect_email_address(const Tokens& t, std::vector<PiiHit>& hits) {
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (!gap_is(t[i].gap_after, '@') || t[i].gap_after.front() != '@') continue;
    std::string domain(t[i + 1].text);
    bool dotted = false;
    for (std::size_t k = i + 1; k + 1 < t.size() && t[k].gap_after == "."; ++k) {
      domain.append(1, '.').append(t[k + 1].text);
      dotted = true;
    }
    if (!dotted) continue;
    hits.push_back({"email_address", "an e-mail address at " + quoted(domain)});
    return;
  }
}

}  // namespace platebus::hotlist::pii
