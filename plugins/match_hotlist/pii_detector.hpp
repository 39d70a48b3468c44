#pragma once
// Policy: a hot plate carries the plate and the reason it is wanted, never a person's name, a street
// address, a date of birth, a driver's licence number or anything obtained through CLETS/NCIC.
// These detectors find such data in upload columns and field values so the whole upload can be
// refused. They are heuristics tuned to miss little of what officers actually paste (a CLETS
// return copied into the reason) while leaving ordinary reasons alone; docs/hotlists.md lists
// each one and what it cannot see.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platebus::hotlist {

struct PiiHit {
  std::string detector;  // "pii_column", "person_name", "street_address", "date_of_birth",
                         // "driver_licence", "ssn", "clets_record"
  std::string why;       // what was found, in words, with the offending text
};

// A column whose name says it holds personal or CLETS data ("owner_name", "DOB", "DL", "NCIC" ...).
std::optional<PiiHit> pii_column(std::string_view column_name);

// Free text (the reason, the vehicle description): every detector.
std::vector<PiiHit> scan_free_text(std::string_view text);

// Identifiers (the case number): only record identifiers (NCIC/CLETS numbers, social security
// numbers); a case number legitimately looks like a licence number or a date.
std::vector<PiiHit> scan_identifier(std::string_view text);

}  // namespace platebus::hotlist
