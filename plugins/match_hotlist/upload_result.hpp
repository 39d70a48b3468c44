#pragma once
// What an upload (CSV or state extract) comes to: the plates to store, or every reason to refuse
// it. An upload is all or nothing: plates is filled only when nothing at all is wrong.
#include <cstddef>
#include <string>
#include <vector>

#include "encoded_plates.hpp"
#include "hot_plate.hpp"

namespace platebus::hotlist {

struct ImportOptions {
  std::string default_list;  // used where a row's list is empty (`platectl hotlist import --list NAME`)
  std::string source = "upload";
  std::string added_by;
  Timestamp now{};                  // the entries' added_at; expiry dates before it are refused
  std::size_t max_reported = 100;  // errors and findings listed; the counts stay exact
};

struct RowError {
  std::size_t line = 0;  // physical line in the file (1-based)
  std::string message;
};

struct PiiFinding {
  std::size_t line = 0;
  std::string field;     // the column it was found in
  std::string detector;  // pii_detector.hpp names
  std::string why;
};

struct ImportResult {
  std::string file_error;  // the file as a whole cannot be read (empty, binary, wrong delimiter ...)
  std::vector<RowError> errors;
  std::size_t error_count = 0;  // rows (or header problems) with errors, also those not listed
  std::vector<PiiFinding> pii;
  std::size_t pii_count = 0;  // findings, also those not listed
  EncodedPlates plates;
  std::size_t rows = 0;               // data rows read
  std::size_t duplicates_merged = 0;  // rows that replaced an earlier row for the same plate, state and list

  bool accepted() const { return file_error.empty() && error_count == 0 && pii_count == 0; }
  // The refusal the policy wants audited as such.
  bool refused_for_pii() const { return pii_count > 0; }
  // Human-readable: "refused: ..." with one line per error/finding, or "accepted: N plates ...".
  std::string report() const;
};

}  // namespace platebus::hotlist
