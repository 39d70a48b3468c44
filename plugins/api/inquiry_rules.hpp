#pragma once
// The use policy's rule for inquiries: each carries a case or incident number of the agency's
// format and a reason that says something (not empty, not a placeholder like "test" or "n/a").
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace platebus::api {

class InquiryRules {
 public:
  // Throws std::invalid_argument when `case_number_pattern` is not a valid ECMAScript regex.
  InquiryRules(const std::string& case_number_pattern, std::vector<std::string> placeholder_reasons);

  // Why the inquiry must be refused, or nothing when it may go ahead.
  std::optional<std::string> refusal(const std::string& case_number, const std::string& reason) const;

 private:
  std::string pattern_text_;
  std::regex pattern_;
  std::vector<std::string> placeholders_;  // trimmed and lower-cased
};

}  // namespace platebus::api
