#include "config/config_text.hpp"

#include <fmt/format.h>

#include "platebus/printable_text.hpp"

namespace platebus::host {

std::optional<TextProblem> first_text_problem(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  const auto at = [&](std::size_t i, std::string what) {
    return TextProblem{line, static_cast<int>(i - line_start) + 1, std::move(what)};
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (byte == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;
      }
      return at(i, "this line ends with CR alone (old Mac line ends), so YAML would read the file as one line; "
                   "save the file with LF (or CRLF) line ends");
    }
    if (byte < 0x20 && byte != '\t') {
      return at(i, fmt::format("byte 0x{:02x} is not text: a deployment is UTF-8 YAML text; is this the right file?",
                               byte));
    }
    const auto length = printable_detail::utf8_length(text, i);
    if (length == 0) {
      return at(i, fmt::format("byte 0x{:02x} is not UTF-8: save the file as UTF-8", byte));
    }
    i += length;
  }
  return {};
}

}  // namespace platebus::host
