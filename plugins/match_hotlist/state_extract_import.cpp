#include "state_extract_import.hpp"

#include <algorithm>
#include <array>

#include "upload_rows.hpp"

namespace platebus::hotlist {

namespace {

constexpr std::size_t kFields = 6;
constexpr std::string_view kLayout = "PLATE|STATE|CATEGORY|REASON|CASE|EXPIRES";

std::string_view strip_cr(std::string_view line) { return line.ends_with('\r') ? line.substr(0, line.size() - 1) : line; }

bool looks_like_header(const std::array<std::string_view, kFields>& fields) {
  std::string first;
  for (const char c : fields[0]) first += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return first == "PLATE" && !fields[2].empty() && (fields[2] == "CATEGORY" || fields[2] == "category");
}

}  // namespace

ImportResult import_state_extract(std::string_view bytes, const ImportOptions& options) {
  UploadCollector collector(options, true);
  const auto text = collector.checked_text(bytes);
  if (!text) return collector.finish();
  if (options.default_list.empty()) {
    collector.set_file_error("a state extract has no list column; name the list it goes to (--list NAME)");
    return collector.finish();
  }

  std::string_view rest = *text;
  std::size_t line_number = 0;
  bool first = true;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const auto line = strip_cr(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++line_number;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;

    const auto pipes = static_cast<std::size_t>(std::count(line.begin(), line.end(), '|'));
    if (first && pipes == 0) {
      const auto commas = std::count(line.begin(), line.end(), ',');
      const auto others = std::count(line.begin(), line.end(), ';') + std::count(line.begin(), line.end(), '\t');
      collector.set_file_error("line " + std::to_string(line_number) +
                               " has no '|': a state extract is pipe-delimited (" + std::string(kLayout) + ")" +
                               (commas > 0 ? "; this looks like a CSV upload, import it as CSV"
                                           : others > 0 ? "; this file uses semicolons or tabs, replace them with '|'"
                                                        : ""));
      return collector.finish();
    }
    first = false;
    if (pipes != kFields - 1) {
      collector.add_error(line_number, "has " + std::to_string(pipes + 1) + " fields, a state extract line has " +
                                           std::to_string(kFields) + " (" + std::string(kLayout) +
                                           "); a field cannot hold '|'");
      continue;
    }
    std::array<std::string_view, kFields> fields;
    std::string_view remaining = line;
    for (std::size_t i = 0; i < kFields; ++i) {
      const auto bar = remaining.find('|');
      fields[i] = remaining.substr(0, bar);
      remaining = bar == std::string_view::npos ? std::string_view() : remaining.substr(bar + 1);
    }
    if (line_number == 1 && looks_like_header(fields)) {
      collector.add_error(line_number, "a state extract has no header line; remove it");
      continue;
    }
    UploadRow row;
    row.line = line_number;
    row.plate = fields[0], row.state = fields[1], row.category = fields[2], row.reason = fields[3];
    row.case_number = fields[4], row.expires = fields[5];
    collector.add_row(row);
  }
  return collector.finish();
}

}  // namespace platebus::hotlist
