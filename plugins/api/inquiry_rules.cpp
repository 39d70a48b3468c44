#include "inquiry_rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "checked_text.hpp"

namespace platebus::api {

namespace {

std::string trimmed_lower(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  std::string result = text.substr(first, last - first + 1);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c); });
  return result;
}

std::size_t letters_in(const std::string& word) {  // code points: UTF-8 continuation bytes do not count
  return static_cast<std::size_t>(
      std::count_if(word.begin(), word.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// Short words that say nothing about a case on their own.
bool is_filler(const std::string& word) {
  static constexpr std::array<std::string_view, 11> fillers = {"the", "and", "for", "with", "from", "this",
                                                               "that", "are", "was", "not", "but"};
  return std::find(fillers.begin(), fillers.end(), word) != fillers.end();
}

}  // namespace

InquiryRules::InquiryRules(const std::string& case_number_pattern, std::vector<std::string> placeholder_reasons)
    : pattern_text_(case_number_pattern) {
  try {
    pattern_ = std::regex(case_number_pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw std::invalid_argument(
        fmt::format("case_number_pattern '{}' is not a valid regular expression: {}", case_number_pattern, e.what()));
  }
  for (const auto& placeholder : placeholder_reasons)
    placeholders_.push_back(trimmed_lower(text::folded_for_checks(placeholder)));
}

std::optional<std::string> InquiryRules::refusal(const std::string& case_number, const std::string& reason) const {
  if (auto refused = case_number_refusal(case_number)) return refused;
  return reason_refusal(reason);
}

std::optional<std::string> InquiryRules::case_number_refusal(const std::string& case_number) const {
  if (case_number.empty())
    return "an inquiry needs a case or incident number (case_number); give the number of the case it serves";
  if (case_number.size() > kMaxCaseNumberBytes)
    return fmt::format("case number is {} bytes; at most {} are allowed: give the agency's case or incident number",
                       case_number.size(), kMaxCaseNumberBytes);
  if (text::folded_for_checks(case_number) != case_number)
    return "case number holds invisible, accented, fullwidth or look-alike characters; type it in plain letters, "
           "digits and dashes";
  if (!std::regex_match(case_number, pattern_))
    return fmt::format("case number '{}' does not have the agency's format ({})", case_number, pattern_text_);
  return std::nullopt;
}

std::optional<std::string> InquiryRules::reason_refusal(const std::string& reason) const {
  if (reason.size() > kMaxReasonBytes)
    return fmt::format("reason is {} bytes; at most {} are allowed: say in a sentence why this search serves the case",
                       reason.size(), kMaxReasonBytes);
  const auto folded = text::folded_for_checks(reason);
  const auto whole = trimmed_lower(folded);
  if (whole.empty()) return "an inquiry needs a reason; say why this search serves the case";
  if (std::find(placeholders_.begin(), placeholders_.end(), whole) != placeholders_.end())
    return fmt::format("reason '{}' is a placeholder; say why this search serves the case", reason);
  const auto words = text::letter_words(folded);
  const auto meaningful = std::count_if(words.begin(), words.end(), [&](const std::string& word) {
    return letters_in(word) >= 3 && !is_filler(word) && !is_placeholder_word(word);
  });
  if (static_cast<std::size_t>(meaningful) < kMinReasonWords)
    return fmt::format("reason '{}' says too little: it needs at least two words of three or more letters that are "
                       "not placeholders (for example 'VC 10851 recovered stolen'); say why this search serves the case",
                       reason);
  return std::nullopt;
}

// "test", "tests" (a placeholder with an s), "xxxx" (one letter repeated).
bool InquiryRules::is_placeholder_word(const std::string& word) const {
  auto listed = [&](const std::string& w) { return std::find(placeholders_.begin(), placeholders_.end(), w) != placeholders_.end(); };
  if (listed(word)) return true;
  if (word.size() > 1 && word.back() == 's' && listed(word.substr(0, word.size() - 1))) return true;
  return std::all_of(word.begin(), word.end(), [&](char c) { return c == word.front(); });
}

}  // namespace platebus::api
