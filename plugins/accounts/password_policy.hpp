#pragma once
// What a new password must be: at least 12 characters (UTF-8 code points; invisible ones do not
// count), used whole (never truncated), free of control characters, not a common word with digits
// or punctuation tacked on, not containing the user name, and not a guessable shape
// (password_patterns.hpp).
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace platebus::accounts {

inline constexpr std::size_t kMinPasswordCharacters = 12;
inline constexpr std::size_t kMaxPasswordBytes = 4096;  // a bound against abuse, far above any passphrase

// Lower-cased (ASCII letters), with trailing digits and punctuation stripped: "Summer2024!" -> "summer".
std::string normalize_for_ban(std::string_view text);
// Code points in UTF-8 text; nothing when the text is not valid UTF-8.
std::optional<std::size_t> count_code_points(std::string_view text);

class PasswordPolicy {
 public:
  explicit PasswordPolicy(std::unordered_set<std::string> banned = {});
  // Reads a word list, one word per line (e.g. /usr/share/dict/cracklib-small). Throws
  // std::runtime_error naming the file when it cannot be read.
  static PasswordPolicy from_word_list(const std::filesystem::path& file);

  // Why `password` cannot be used by `user`, or nothing when it can.
  std::optional<std::string> problem(std::string_view user, std::string_view password) const;
  std::size_t banned_count() const { return banned_.size(); }

 private:
  std::unordered_set<std::string> banned_;  // normalized
};

}  // namespace platebus::accounts
