#pragma once
// Whether a deployment file's bytes are text YAML can read as the user sees it, before yaml-cpp reads
// them: yaml-cpp takes NUL and other control bytes, invalid UTF-8 and CR-only line ends without a
// word, and a file that is binary or saved with old-Mac line ends then reads as "nothing".
#include <optional>
#include <string>
#include <string_view>

#include "config/diagnostics.hpp"

namespace platebus::host {

struct TextProblem {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes (as yaml-cpp counts)
  std::string text;
};

// The first place where `text` is not UTF-8 YAML text: a control byte (other than tab, LF, CR),
// bytes that are not UTF-8, or a CR not followed by LF. A leading byte-order mark is fine.
std::optional<TextProblem> first_text_problem(std::string_view text);

}  // namespace platebus::host
