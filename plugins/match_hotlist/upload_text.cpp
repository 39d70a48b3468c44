#include "upload_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace platebus::hotlist {

namespace {

// Returns the offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // Uploads are mostly ASCII: step over 8 such bytes at a time.
    if (i + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > size) return i;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k)
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string where(std::string_view text, std::size_t offset) {
  return "line " + std::to_string(line_of_offset(text, offset)) + ", byte " + std::to_string(offset + 1);
}

}  // namespace

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

UploadText check_upload_text(std::string_view bytes) {
  UploadText upload{bytes, ""};
  if (bytes.starts_with("\xEF\xBB\xBF")) upload.text.remove_prefix(3);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    upload.problem = "the file is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs) and upload again";
    return upload;
  }
  if (upload.text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    upload.problem = "the file is empty; upload a file with a header line and one line per plate";
    return upload;
  }
  if (const auto nul = upload.text.find('\0'); nul != std::string_view::npos) {
    upload.problem = "the file holds binary data (a NUL byte at " + where(upload.text, nul) +
                     "), not text; upload the CSV or extract as UTF-8 text, not a spreadsheet or archive";
    return upload;
  }
  if (const auto bad = first_invalid_utf8(upload.text); bad != std::string_view::npos) {
    upload.problem = "the file is not valid UTF-8 (at " + where(upload.text, bad) +
                     "); it may be binary or in another encoding such as Windows-1252: save it as UTF-8";
    return upload;
  }
  return upload;
}

}  // namespace platebus::hotlist
