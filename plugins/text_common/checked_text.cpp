#include "checked_text.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

namespace platebus::text {

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void require(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU could not ") + what + ": " + u_errorName(status));
}

const icu::Normalizer2& nfkd() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* instance = icu::Normalizer2::getNFKDInstance(status);
  require(status, "load its NFKD data");
  return *instance;
}

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* instance = icu::Normalizer2::getNFKCInstance(status);
  require(status, "load its NFKC data");
  return *instance;
}

// A configured checker is safe to share between threads (ICU's uspoof.h); it is never freed, as
// ICU's own cached data is not.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* made = uspoof_open(&status);
    require(status, "open a spoof checker");
    return made;
  }();
  return checker;
}

// The ASCII text a non-ASCII look-alike stands for ("е" -> "e", "–" -> "-"), or "" when its
// confusable skeleton is not ASCII (it then stays as it is).
std::string ascii_look_alike(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(spoof_checker(), 0, icu::UnicodeString(c), skeleton, &status);
  if (U_FAILURE(status)) return "";
  std::string ascii;
  skeleton.toUTF8String(ascii);
  return is_ascii(ascii) ? ascii : "";
}

// Renders as nothing or as a blank without being a space or default-ignorable.
bool blank_look_alike(UChar32 c) { return c == 0x2800 /* braille blank */; }

bool dropped(UChar32 c) {
  const auto type = u_charType(c);
  return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || type == U_NON_SPACING_MARK ||
         type == U_ENCLOSING_MARK;
}

}  // namespace

std::string folded_for_checks(std::string_view utf8) {
  if (is_ascii(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const auto decomposed =
      nfkd().normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))),
                       status);
  require(status, "normalise text");
  icu::UnicodeString folded;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    if (dropped(c)) continue;
    if (u_isUWhiteSpace(c) || blank_look_alike(c)) folded.append(static_cast<UChar32>(' '));
    else if (c < 0x80) folded.append(c);
    else if (const auto ascii = ascii_look_alike(c); !ascii.empty()) folded.append(icu::UnicodeString::fromUTF8(ascii));
    else folded.append(c);
  }
  const auto composed = nfkc().normalize(folded, status);
  require(status, "normalise text");
  std::string out;
  composed.toUTF8String(out);
  return out;
}

std::vector<std::string> letter_words(std::string_view utf8) {
  const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::vector<std::string> words;
  icu::UnicodeString word;
  auto flush = [&] {
    if (word.isEmpty()) return;
    words.emplace_back();
    word.toUTF8String(words.back());
    word.remove();
  };
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (u_isalpha(c)) word.append(u_tolower(c));
    else flush();
  }
  flush();
  return words;
}

char formula_lead(std::string_view text) {
  if (text.empty()) return 0;
  const char first = text.front();
  return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? first : 0;
}

}  // namespace platebus::text
