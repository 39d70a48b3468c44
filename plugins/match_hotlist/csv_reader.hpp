#pragma once
// An RFC 4180 reader: fields separated by commas, records by CRLF (a bare LF is accepted too),
// quoted fields may hold commas, doubled quotes and line breaks. Each record knows the physical
// line it starts on, so errors can point into the file the user has open.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace platebus::hotlist {

struct CsvRecord {
  std::size_t line = 0;             // 1-based physical line where the record starts
  std::vector<std::string> fields;  // reused between records to save allocations
  std::size_t field_count = 0;      // fields[0, field_count) belong to this record
};

class CsvReader {
 public:
  // `first_line`: the physical line `text` starts on, when it is a later piece of a file.
  explicit CsvReader(std::string_view text, char delimiter = ',', std::size_t first_line = 1);

  // Reads the next record into `record`; false at the end. Blank lines are skipped. On malformed
  // quoting it returns true with error() set (the rest of that record is skipped).
  bool next(CsvRecord& record);
  const std::string& error() const { return error_; }

 private:
  std::string_view text_;
  char delimiter_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::string error_;
};

}  // namespace platebus::hotlist
