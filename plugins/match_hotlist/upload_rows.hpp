#pragma once
// The row rules both upload formats share: each row's fields are checked and turned into an entry,
// scanned for personal data, and merged with earlier rows for the same plate, state and list (the
// later row wins: a file is read top to bottom as a series of updates).
#include <optional>
#include <string>
#include <string_view>

#include "duplicate_merger.hpp"
#include "pii_detector.hpp"
#include "upload_result.hpp"

namespace platebus::hotlist {

struct UploadRow {
  std::size_t line = 0;
  std::string_view plate, state, category, reason, list, case_number, expires, priority;
  std::string_view make, model, colour;
};

class UploadCollector {
 public:
  // `compact_dates`: also accept YYYYMMDD expiry dates (state extracts).
  UploadCollector(const ImportOptions& options, bool compact_dates);

  // The file's text (upload_text.hpp checks), with room made for one row per line; nullopt,
  // with the file error set, when the file is refused as a whole.
  std::optional<std::string_view> checked_text(std::string_view bytes);
  void add_row(const UploadRow& row);
  void add_error(std::size_t line, std::string message);
  void add_pii(std::size_t line, std::string field, PiiHit hit);
  void set_file_error(std::string message) { result_.file_error = std::move(message); }
  std::size_t error_count() const { return result_.error_count; }

  // Refuses an upload with no rows; clears the plates unless everything was right.
  ImportResult finish();

 private:
  HotPlateEntry entry_from(const UploadRow& row, std::vector<std::string>& problems) const;
  void scan_for_pii(const UploadRow& row);

  const ImportOptions& options_;
  bool compact_dates_;
  ImportResult result_;
  DuplicateMerger duplicates_;
};

}  // namespace platebus::hotlist
