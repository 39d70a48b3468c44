#pragma once
// Policy: a hot plate carries the plate and the reason it is wanted, never a person's name, a street
// address, a date of birth, a driver's licence number, a phone number, an e-mail address or anything
// obtained through CLETS/NCIC. These detectors find such data in upload columns and field values so
// the whole upload can be refused. They are heuristics tuned to miss little of what officers
// actually paste (a CLETS return copied into the reason) while leaving ordinary reasons alone; they
// read text folded by text_common (NFKC, no invisible characters or accents, look-alikes folded), so
// a disguise does not hide what the plain text shows. docs/hotlists.md lists each detector, what it
// cannot see, and which detectors run on which field.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platebus::hotlist {

struct PiiHit {
  std::string detector;  // "pii_column", "person_name", "street_address", "date_of_birth", "driver_licence",
                         // "ssn", "clets_record", "phone_number", "email_address"
  std::string why;       // what was found, in words, with the offending text
};

// A column whose name says it holds personal or CLETS data ("owner_name", "DOB", "DL", "NCIC" ...).
std::optional<PiiHit> pii_column(std::string_view column_name);

// Free text (the reason, the vehicle description, the list name): every detector.
std::vector<PiiHit> scan_free_text(std::string_view text);

// The case number: names, dates of birth, social security numbers and CLETS/NCIC records; not
// licence or phone numbers or unlabelled dates, which an agency case number legitimately looks like.
std::vector<PiiHit> scan_case_number(std::string_view text);

// The fields of one hot plate the policy scans, as typed.
struct EntryFields {
  std::string_view reason, case_number, list, make, model, colour;
};

struct FieldHit {
  std::string field;  // "reason", "case_number", "list", "make" ... or the fields read together
  PiiHit hit;
};

// Scans one free-text field; uploads pass one that remembers the texts it has seen.
using FreeTextScan = std::function<std::vector<PiiHit>(std::string_view)>;

// Every scan the policy asks for one hot plate: each field with its detectors, then, when none
// found anything, the fields read together (reason, make, model, colour, list; and the reason with
// the case number, both ways round), so data split across fields ("owner John" | "Smith") is seen.
std::vector<FieldHit> scan_entry(const EntryFields& fields, const FreeTextScan& free_text = scan_free_text);

}  // namespace platebus::hotlist
