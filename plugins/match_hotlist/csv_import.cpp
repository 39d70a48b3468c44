#include "csv_import.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <optional>

#include "csv_reader.hpp"
#include "pii_detector.hpp"
#include "upload_rows.hpp"

namespace platebus::hotlist {

namespace {

constexpr std::string_view kHeader = "plate,state,category,reason,list,case_number,expires";
constexpr std::array<std::string_view, 7> kRequired = {"plate", "state", "category", "reason",
                                                       "list",  "case_number", "expires"};
constexpr std::array<std::string_view, 5> kOptional = {"priority", "make", "model", "colour", "color"};

std::string folded_column(std::string_view name) {
  std::string folded;
  for (const char c : name)
    if (c != ' ' && c != '\t') folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return folded;
}

// Says which other separator a line uses, when it looks like one ("semicolons", "tabs", "pipes").
std::optional<std::string> other_delimiter(std::string_view line) {
  const auto count = [&](char c) { return std::count(line.begin(), line.end(), c); };
  const auto commas = count(',');
  for (const auto& [c, name] : {std::pair{';', "semicolons"}, std::pair{'\t', "tabs"}, std::pair{'|', "pipes"}})
    if (count(c) >= 2 && count(c) > commas) return std::string(name);
  return std::nullopt;
}

std::string_view first_line(std::string_view text) {
  const auto start = text.find_first_not_of("\r\n");
  if (start == std::string_view::npos) return {};
  const auto line = text.substr(start);
  return line.substr(0, line.find_first_of("\r\n"));
}

struct Columns {
  std::array<std::optional<std::size_t>, 12> at;  // kRequired then kOptional (colour and color apart)
  std::vector<std::pair<std::size_t, std::string>> pii;  // column index, its name
  std::size_t count = 0;
};

std::optional<std::size_t> column_slot(const std::string& name) {
  for (std::size_t i = 0; i < kRequired.size(); ++i)
    if (name == kRequired[i]) return i;
  for (std::size_t i = 0; i < kOptional.size(); ++i)
    if (name == kOptional[i]) return kRequired.size() + i;
  return std::nullopt;
}

Columns read_header(const CsvRecord& header, UploadCollector& collector) {
  Columns columns;
  columns.count = header.field_count;
  for (std::size_t i = 0; i < header.field_count; ++i) {
    const auto name = folded_column(header.fields[i]);
    const auto slot = column_slot(name);
    if (!slot) {
      if (auto hit = pii_column(header.fields[i])) {
        collector.add_pii(header.line, "header", std::move(*hit));
        columns.pii.emplace_back(i, header.fields[i]);
      } else {
        collector.add_error(header.line, "unknown column '" + header.fields[i] + "'; the header is " +
                                             std::string(kHeader) + " (optional: priority, make, model, colour)");
      }
    } else if (columns.at[*slot]) {
      collector.add_error(header.line, "column '" + name + "' appears twice in the header; keep one");
    } else {
      columns.at[*slot] = i;
    }
  }
  std::string missing;
  for (std::size_t i = 0; i < kRequired.size(); ++i)
    if (!columns.at[i]) missing += (missing.empty() ? "" : ", ") + std::string(kRequired[i]);
  if (!missing.empty())
    collector.add_error(header.line, "the header lacks " + missing + "; the first line must be the header " +
                                         std::string(kHeader));
  return columns;
}

// Reads data rows to the end of `reader`'s text. True when the quoting was sound throughout.
bool read_rows(CsvReader& reader, const Columns& columns, UploadCollector& collector) {
  bool quoting_sound = true;
  CsvRecord record;
  auto field = [&](std::size_t slot) -> std::string_view {
    const auto index = columns.at[slot];
    return index ? std::string_view(record.fields[*index]) : std::string_view();
  };
  while (reader.next(record)) {
    if (!reader.error().empty()) {
      quoting_sound = false;
      collector.add_error(record.line, reader.error());
      continue;
    }
    if (record.field_count != columns.count) {
      std::string message = "has " + std::to_string(record.field_count) + " fields, the header has " +
                            std::to_string(columns.count) + "; quote fields that contain commas";
      if (record.field_count == 1)
        if (const auto delimiter = other_delimiter(record.fields[0]))
          message += " (this line is separated by " + *delimiter + ", not commas)";
      collector.add_error(record.line, std::move(message));
      continue;
    }
    for (const auto& [index, name] : columns.pii)
      if (record.fields[index].find_first_not_of(" \t") != std::string::npos)
        collector.add_pii(record.line, name, {"pii_column", "a value in column '" + name + "'"});
    UploadRow row;
    row.line = record.line;
    row.plate = field(0), row.state = field(1), row.category = field(2), row.reason = field(3);
    row.list = field(4), row.case_number = field(5), row.expires = field(6), row.priority = field(7);
    row.make = field(8), row.model = field(9), row.colour = columns.at[10] ? field(10) : field(11);
    collector.add_row(row);
  }
  return quoting_sound;
}

// Where a file splits into two pieces of about equal size, at the start of a record: after a line
// break outside quotes (an even number of quote characters before it; a doubled quote inside a
// field counts twice). npos when there is no such place.
std::size_t split_point(std::string_view text) {
  auto at = text.find('\n', text.size() / 2);
  if (at == std::string_view::npos) return at;
  auto quotes = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '"');
  while (at != std::string_view::npos && quotes % 2 != 0) {
    const auto next = text.find('\n', at + 1);
    const auto end = next == std::string_view::npos ? text.size() : next;
    quotes += std::count(text.begin() + static_cast<std::ptrdiff_t>(at), text.begin() + static_cast<std::ptrdiff_t>(end), '"');
    at = next;
  }
  return at == std::string_view::npos ? at : at + 1;
}

// Below this a file is read on one thread: a second one costs more to start than it saves.
constexpr std::size_t kParallelBytes = 4 << 20;

}  // namespace

ImportResult import_csv(std::string_view bytes, const ImportOptions& options) {
  UploadCollector collector(options, false);
  const auto text = collector.checked_text(bytes);
  if (!text) return collector.finish();
  if (const auto delimiter = other_delimiter(first_line(*text))) {
    collector.set_file_error("the header line is separated by " + *delimiter +
                             ", not commas; save the file as comma-separated CSV with the header " + std::string(kHeader));
    return collector.finish();
  }

  CsvReader reader(*text);
  CsvRecord record;
  if (!reader.next(record) || !reader.error().empty()) {
    collector.set_file_error("the header line cannot be read: " + reader.error());
    return collector.finish();
  }
  const Columns columns = read_header(record, collector);
  // Rows cannot be read against a header that lacks columns: that one error says it all.
  if (collector.error_count() > 0) return collector.finish();

  // A large file is read as two pieces on two threads (parsing and checking are most of an
  // import's time); the pieces' findings join in file order. A piece whose quoting is unsound may
  // have been cut inside a quoted field, so such a file is read again whole for its report.
  const auto split = text->size() >= kParallelBytes && columns.pii.empty() ? split_point(*text) : std::string_view::npos;
  if (split == std::string_view::npos || split <= first_line(*text).size()) {
    read_rows(reader, columns, collector);
    return collector.finish();
  }
  const auto later_text = text->substr(split);
  const auto later_line = 1 + static_cast<std::size_t>(std::count(text->begin(), later_text.begin(), '\n'));
  UploadCollector later(options, false);
  later.reserve_for(later_text);
  auto later_sound = std::async(std::launch::async, [&] {
    CsvReader later_reader(later_text, ',', later_line);
    return read_rows(later_reader, columns, later);
  });
  CsvReader first_reader(text->substr(0, split));
  first_reader.next(record);  // the header, read above
  const bool first_sound = read_rows(first_reader, columns, collector);
  if (!later_sound.get() || !first_sound) {
    UploadCollector whole(options, false);
    read_rows(reader, columns, whole);
    return whole.finish();
  }
  collector.absorb(std::move(later));
  return collector.finish();
}

}  // namespace platebus::hotlist
