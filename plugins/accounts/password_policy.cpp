#include "password_policy.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "password_patterns.hpp"

namespace platebus::accounts {

namespace {
std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (auto& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

bool is_digit_or_punctuation(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && ((c >= '0' && c <= '9') || (u > 0x20 && u < 0x7f && !std::isalnum(u)));
}
}  // namespace

std::string normalize_for_ban(std::string_view text) {
  auto normal = ascii_lower(text);
  while (!normal.empty() && is_digit_or_punctuation(normal.back())) normal.pop_back();
  return normal;
}

std::optional<std::size_t> count_code_points(std::string_view text) {
  const auto decoded = decode_utf8(text);
  if (!decoded) return std::nullopt;
  return decoded->size();
}

PasswordPolicy::PasswordPolicy(std::unordered_set<std::string> banned) {
  for (const auto& word : banned)
    if (auto normal = normalize_for_ban(word); !normal.empty()) banned_.insert(std::move(normal));
}

PasswordPolicy PasswordPolicy::from_word_list(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw std::runtime_error("cannot read the banned password list '" + file.string() +
                             "'; install Debian's cracklib-runtime or point banned_passwords at a word list");
  std::unordered_set<std::string> words;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    words.insert(std::move(line));
  }
  return PasswordPolicy(std::move(words));
}

std::optional<std::string> PasswordPolicy::problem(std::string_view user, std::string_view password) const {
  if (password.size() > kMaxPasswordBytes)
    return fmt::format("the password is {} bytes long; use at most {}", password.size(), kMaxPasswordBytes);
  const auto decoded = decode_utf8(password);
  if (!decoded) return std::string("the password is not valid UTF-8 text");
  if (std::any_of(decoded->begin(), decoded->end(), is_control_character))
    return std::string("the password contains a control character (a NUL, tab, line break or the like); "
                       "use printable characters only");
  // Invisible characters do not count towards the length; spaces between words do.
  const auto characters = std::count_if(decoded->begin(), decoded->end(), [](char32_t c) {
    return c == ' ' || !is_blank_or_invisible(c);
  });
  const auto visible = visible_text(*decoded);
  if (!visible.empty() && static_cast<std::size_t>(characters) < kMinPasswordCharacters)
    return fmt::format("the password has {} characters; use at least {}", characters, kMinPasswordCharacters);
  if (banned_.contains(normalize_for_ban(password)))
    return std::string("the password is a common word or password (with digits or punctuation added); "
                       "choose a less guessable passphrase");
  if (!user.empty() && ascii_lower(password).find(ascii_lower(user)) != std::string::npos)
    return std::string("the password contains the user name; choose one that does not");
  return pattern_problem(visible);
}

}  // namespace platebus::accounts
