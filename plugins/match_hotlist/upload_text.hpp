#pragma once
// Whole-file checks every upload format shares, before any row is read: empty files, binary data,
// encodings other than UTF-8. Each refusal says what was found, where, and how to fix the file.
#include <string>
#include <string_view>

namespace platebus::hotlist {

struct UploadText {
  std::string_view text;  // the file without its UTF-8 byte-order mark
  std::string problem;    // why the file is refused as a whole, "" when it may be parsed
  bool ok() const { return problem.empty(); }
};

UploadText check_upload_text(std::string_view bytes);

// The 1-based physical line of a byte offset (for messages).
std::size_t line_of_offset(std::string_view text, std::size_t offset);

}  // namespace platebus::hotlist
