#pragma once
// The use policy's rule for inquiries: each carries a case or incident number of the agency's
// format and a reason that says something: at least two words of three or more letters that are not
// placeholders ("test", "xxxx"), read after text_common's folding so that zero-width characters,
// non-breaking spaces or look-alike letters cannot pass for words. docs/api.md has the details.
#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace platebus::api {

class InquiryRules {
 public:
  static constexpr std::size_t kMaxReasonBytes = 500;
  static constexpr std::size_t kMaxCaseNumberBytes = 64;
  static constexpr std::size_t kMinReasonWords = 2;  // of at least 3 letters, not placeholders

  // Throws std::invalid_argument when `case_number_pattern` is not a valid ECMAScript regex.
  InquiryRules(const std::string& case_number_pattern, std::vector<std::string> placeholder_reasons);

  // Why the inquiry must be refused, or nothing when it may go ahead.
  std::optional<std::string> refusal(const std::string& case_number, const std::string& reason) const;

 private:
  std::optional<std::string> case_number_refusal(const std::string& case_number) const;
  std::optional<std::string> reason_refusal(const std::string& reason) const;
  bool is_placeholder_word(const std::string& word) const;

  std::string pattern_text_;
  std::regex pattern_;
  std::vector<std::string> placeholders_;  // folded, trimmed and lower-cased
};

}  // namespace platebus::api
