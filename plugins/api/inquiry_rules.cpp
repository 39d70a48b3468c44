#include "inquiry_rules.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

namespace platebus::api {

namespace {

std::string trimmed_lower(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  std::string result = text.substr(first, last - first + 1);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::size_t letters_in(const std::string& text) {
  // Bytes of multi-byte UTF-8 characters count too: a reason in any script says something.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](unsigned char c) {
    return std::isalpha(c) || c >= 0x80;
  }));
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
  for (const auto& placeholder : placeholder_reasons) placeholders_.push_back(trimmed_lower(placeholder));
}

std::optional<std::string> InquiryRules::refusal(const std::string& case_number, const std::string& reason) const {
  if (case_number.empty())
    return "an inquiry needs a case or incident number (case_number); give the number of the case it serves";
  if (!std::regex_match(case_number, pattern_))
    return fmt::format("case number '{}' does not have the agency's format ({})", case_number, pattern_text_);
  const auto normalised = trimmed_lower(reason);
  if (normalised.empty()) return "an inquiry needs a reason; say why this search serves the case";
  if (std::find(placeholders_.begin(), placeholders_.end(), normalised) != placeholders_.end())
    return fmt::format("reason '{}' is a placeholder; say why this search serves the case", reason);
  if (letters_in(normalised) < 3)
    return fmt::format("reason '{}' says too little (fewer than 3 letters); say why this search serves the case",
                       reason);
  return std::nullopt;
}

}  // namespace platebus::api
