#pragma once
// The row rules both upload formats share: each row's fields are checked and turned into an entry,
// scanned for personal data, and merged with earlier rows for the same plate, state and list (the
// later row wins: a file is read top to bottom as a series of updates).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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
  // Room for the rows of this text (a piece of a file read on its own thread).
  void reserve_for(std::string_view text);
  // Takes what a collector of a later piece of the same file found, as if this one had read it.
  void absorb(UploadCollector&& later);
  std::size_t error_count() const { return result_.error_count; }

  // Refuses an upload with no rows; clears the plates unless everything was right.
  ImportResult finish();

 private:
  // Fills entry_ from the row; every field is set, so the strings keep their room from row to row.
  void fill_entry(const UploadRow& row, std::vector<std::string>& problems);
  void scan_for_pii(const UploadRow& row);
  const std::vector<PiiHit>& free_text_findings(std::string_view text);

  // Lists repeat their reasons and descriptions ("stolen vehicle", "silver Honda Civic") row after
  // row: each distinct text is scanned once. Bounded, so a file of all-different texts costs no more
  // than a map of this size.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  static constexpr std::size_t kMaxRememberedTexts = 4096;
  std::unordered_map<std::string, std::vector<PiiHit>, TextHash, std::equal_to<>> findings_by_text_;

  const ImportOptions& options_;
  bool compact_dates_;
  ImportResult result_;
  DuplicateMerger duplicates_;
  HotPlateEntry entry_;  // the row being read
};

}  // namespace platebus::hotlist
