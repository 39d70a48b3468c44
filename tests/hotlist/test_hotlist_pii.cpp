// The personal-data detectors: each one refuses the upload with the row and the reason, and
// ordinary reasons pass.
#define BOOST_TEST_MODULE hotlist_pii
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "csv_import.hpp"
#include "hotlist_test_support.hpp"
#include "pii_detector.hpp"
#include "state_extract_import.hpp"

using namespace platebus::hotlist;
using hotlist_test::options;

namespace {

const std::string kHeader = "plate,state,category,reason,list,case_number,expires\n";

std::string csv_field(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The detectors free text in `reason` sets off, uploaded as line 3 after a clean line 2.
ImportResult upload_reason(const std::string& reason) {
  return import_csv(kHeader + "1AAA111,CA,stolen_vehicle,stolen from lot 4,stolen,,\n" + "7ABC123,CA,stolen_vehicle," +
                        csv_field(reason) + ",stolen,,\n",
                    options());
}

void expect_refused(const std::string& reason, const std::string& detector) {
  const auto result = upload_reason(reason);
  BOOST_TEST_INFO("reason: " << reason);
  BOOST_TEST(!result.accepted());
  BOOST_TEST(result.refused_for_pii());
  BOOST_TEST(result.plates.empty());
  BOOST_REQUIRE(!result.pii.empty());
  BOOST_TEST(result.pii[0].line == 3u);
  BOOST_TEST(result.pii[0].field == "reason");
  BOOST_TEST(result.pii[0].detector == detector);
  BOOST_TEST(result.report().find("line 3, reason:") != std::string::npos);
}

}  // namespace

BOOST_AUTO_TEST_CASE(person_names_after_cue_words) {
  expect_refused("stolen, registered owner John Smith", "person_name");
  expect_refused("RO: SMITH, JOHN", "person_name");
  expect_refused("R/O Maria Garcia Lopez", "person_name");
  expect_refused("Driver is Robert Q Jones, armed", "person_name");
  expect_refused("AMBER alert: child Jane Doe, 6", "person_name");
}

BOOST_AUTO_TEST_CASE(street_addresses) {
  expect_refused("stolen from 1200 Main St overnight", "street_address");
  expect_refused("stored at 45 north elm avenue", "street_address");
  expect_refused("RO lives 12B Oak Ct.", "street_address");
  expect_refused("mail to PO Box 552", "street_address");
  expect_refused("seen at 300 W 5th Ave", "street_address");
}

BOOST_AUTO_TEST_CASE(dates_of_birth) {
  expect_refused("suspect DOB 03/14/1985", "date_of_birth");
  expect_refused("suspect D.O.B. 1985-03-14", "date_of_birth");
  expect_refused("subject born Mar 14 1985", "date_of_birth");
  expect_refused("subject b: 03-14-1985", "date_of_birth");
}

BOOST_AUTO_TEST_CASE(driver_licence_numbers) {
  expect_refused("driver A1234567 fled", "driver_licence");
  expect_refused("DL# N82-11734 suspended", "driver_licence");
  expect_refused("OLN 99812345", "driver_licence");
  expect_refused("driver's license 88123456 revoked", "driver_licence");
}

BOOST_AUTO_TEST_CASE(clets_and_ncic_record_identifiers) {
  expect_refused("NIC/V123456789 stolen", "clets_record");
  expect_refused("per NCIC hit", "clets_record");
  expect_refused("CLETS return says wanted", "clets_record");
  expect_refused("OCA 26-11873", "clets_record");
  expect_refused("record V123456789", "clets_record");
  expect_refused("ssn 123-45-6789", "ssn");
}

BOOST_AUTO_TEST_CASE(case_numbers_may_look_like_licences_but_not_hold_record_ids) {
  const auto ncic = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,stolen,stolen,NIC/V123456789,\n", options());
  BOOST_TEST(ncic.refused_for_pii());
  BOOST_TEST(ncic.pii.at(0).field == "case_number");
  BOOST_TEST(ncic.pii.at(0).line == 2u);
  const auto agency = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,stolen,stolen,A2600042,\n", options());
  BOOST_TEST(agency.accepted(), agency.report());
}

BOOST_AUTO_TEST_CASE(columns_named_for_personal_data_refuse_the_upload_with_their_rows) {
  const auto result = import_csv(
      "plate,state,category,reason,list,case_number,expires,Owner Name,DOB\n"
      "7ABC123,CA,stolen_vehicle,stolen,stolen,,,,\n"
      "8DEF456,CA,stolen_vehicle,stolen,stolen,,,John Smith,1985-03-14\n",
      options());
  BOOST_TEST(!result.accepted());
  BOOST_TEST(result.refused_for_pii());
  BOOST_REQUIRE_EQUAL(result.pii.size(), 4u);
  BOOST_TEST(result.pii[0].line == 1u);
  BOOST_TEST(result.pii[0].why.find("'Owner Name'") != std::string::npos);
  BOOST_TEST(result.pii[1].line == 1u);
  BOOST_TEST(result.pii[2].line == 3u);
  BOOST_TEST(result.pii[3].line == 3u);
}

BOOST_AUTO_TEST_CASE(column_names_detector) {
  for (const auto* name : {"name", "first_name", "LastName", "owner", "address", "Street", "dob", "Date of Birth",
                           "birth_place", "dl", "driver_license", "Drivers Licence No", "ssn", "CII", "fbi_number",
                           "ncic", "clets_id", "OLN"}) {
    BOOST_TEST_INFO("column " << name);
    BOOST_TEST(pii_column(name).has_value());
  }
  for (const auto* name : {"notes", "vehicle_year", "vin", "plate_type", "dealer"}) {
    BOOST_TEST_INFO("column " << name);
    BOOST_TEST(!pii_column(name).has_value());
  }
}

BOOST_AUTO_TEST_CASE(ordinary_reasons_are_not_refused) {
  const std::vector<std::string> reasons = {
      "stolen 2026-11-01 from lot 4",
      "AMBER alert 26-0042",
      "stolen from Main Street parking garage",
      "used in armed robbery, approach with care",
      "driver fled on foot, 2 door sedan",
      "Owner reports stolen overnight",
      "seen 3 times on the way to the airport",
      "plates stolen from Honda Civic, grey",
      "felony evading 11/02/2026",
      "wanted in connection with burglary case 26-11873",
      "missing person, child 6 years old, last seen 2026-11-27",
      "suspect vehicle in 500 block of Elm",
      "BOLO white Ford F-150 with ladder rack",
      "stolen in Sacramento on Nov 2 2026",
      "Registered owner unknown",
      "warrant for DUI hit and run, 4 dr",
  };
  for (const auto& reason : reasons) {
    BOOST_TEST_INFO("reason: " << reason);
    const auto result = upload_reason(reason);
    BOOST_TEST(result.accepted(), result.report());
  }
}

BOOST_AUTO_TEST_CASE(state_extract_rows_are_scanned_too) {
  const auto result = import_state_extract(
      "7ABC123|CA|stolen_vehicle|stolen from lot 4|26-1|\n"
      "8DEF456|CA|stolen_vehicle|RO: John Smith 1200 Main St|26-2|\n",
      options("ca-daily"));
  BOOST_TEST(result.refused_for_pii());
  BOOST_REQUIRE_EQUAL(result.pii.size(), 2u);
  BOOST_TEST(result.pii[0].line == 2u);
  BOOST_TEST(result.pii[0].detector == "person_name");
  BOOST_TEST(result.pii[1].detector == "street_address");
}

// Issue 16, finding 8: personal data disguised or put where the detectors did not look.
namespace {

struct Row {
  std::string reason = "stolen from lot 4";
  std::string case_number = "";
  std::string list = "stolen";
  std::string make = "", model = "", colour = "";
};

ImportResult upload_row(const Row& row) {
  return import_csv("plate,state,category,reason,list,case_number,expires,make,model,colour\n"
                    "7ABC123,CA,stolen_vehicle," +
                        csv_field(row.reason) + "," + row.list + "," + csv_field(row.case_number) + ",," +
                        csv_field(row.make) + "," + csv_field(row.model) + "," + csv_field(row.colour) + "\n",
                    options());
}

void expect_row_refused(const Row& row, const std::string& detector) {
  const auto result = upload_row(row);
  BOOST_TEST_INFO("row: " << row.reason << " | " << row.case_number << " | " << row.list << " | " << row.make
                          << " | " << row.model << " | " << row.colour);
  BOOST_TEST(result.refused_for_pii(), result.report());
  BOOST_TEST(result.plates.empty());
  const bool named = std::any_of(result.pii.begin(), result.pii.end(), [&](const auto& f) { return f.detector == detector; });
  BOOST_TEST(named, result.report());
}

Row with_reason(std::string reason) {
  Row row;
  row.reason = std::move(reason);
  return row;
}

}  // namespace

BOOST_AUTO_TEST_CASE(case_numbers_are_scanned_for_names_dates_of_birth_and_record_ids) {
  expect_row_refused({.case_number = "owner John Smith"}, "person_name");
  expect_row_refused({.case_number = "DOB 03/14/1985"}, "date_of_birth");
  expect_row_refused({.case_number = "123-45-6789"}, "ssn");
}

BOOST_AUTO_TEST_CASE(list_names_and_vehicle_fields_are_scanned) {
  expect_row_refused({.list = "owner_John_Smith"}, "person_name");
  expect_row_refused({.list = "ncic-returns"}, "clets_record");
  expect_row_refused({.list = "DOB_1985-03-14"}, "date_of_birth");
  expect_row_refused({.model = "call 916-555-0142"}, "phone_number");
}

BOOST_AUTO_TEST_CASE(personal_data_split_across_fields_is_refused) {
  expect_row_refused({.reason = "stolen, registered owner John", .model = "Smith"}, "person_name");
  expect_row_refused({.reason = "subject DOB", .case_number = "03/14/1985"}, "date_of_birth");
}

BOOST_AUTO_TEST_CASE(disguised_personal_data_is_refused) {
  const std::vector<std::pair<std::string, std::string>> disguised = {
      {"registered owner \xc3\x89lodie Mart\xc3\xadn", "person_name"},        // accented capital first
      {"suspect D\xc3\x93" "B 03/14/1985", "date_of_birth"},                   // accented label
      {"per N\xc4\x8c" "IC return", "clets_record"},                            // accented label
      {"registered owner J\xc3\xb3hn Sm\xc3\xadth", "person_name"},            // accents inside (seen before too)
      {"registered owner John\xc2\xa0Smith", "person_name"},                   // non-breaking space
      {"per N\xe2\x80\x8b" "CIC return", "clets_record"},                      // zero-width space
      {"per NC\xe2\x80\x8dIC return", "clets_record"},                         // zero-width joiner
      {"per N\xd0\xa1I\xd0\xa1 return", "clets_record"},                      // Cyrillic Es
      {"\xd0\xa1LETS return says wanted", "clets_record"},                    // Cyrillic Es
      {"per \xef\xbc\xae\xef\xbc\xa3\xef\xbc\xa9\xef\xbc\xa3 return", "clets_record"},  // fullwidth
      {"per N.C.I.C. return", "clets_record"},
      {"C.L.E.T.S. return says wanted", "clets_record"},
      {"suspect D\xd0\x9e" "B 03/14/1985", "date_of_birth"},                  // Cyrillic O
      {"suspect DOB\xc2\xa0" "03/14/1985", "date_of_birth"},                   // non-breaking space
      {"suspect DOB 14MAR1985", "date_of_birth"},
      {"suspect DOB 19850314", "date_of_birth"},
      {"suspect born 14 Mar 1985", "date_of_birth"},
      {"S\xe2\x80\x8bSN 123-45-6789", "ssn"},
      {"number 123\xe2\x80\x93" "45\xe2\x80\x93" "6789", "ssn"},                // en dashes
      {"stolen from 1200 Main\xc2\xa0St", "street_address"},
  };
  for (const auto& [reason, detector] : disguised) expect_row_refused(with_reason(reason), detector);
}

BOOST_AUTO_TEST_CASE(phone_numbers_and_email_addresses_are_refused) {
  for (const auto* reason : {"RO phone (916) 555-0142", "call 916-555-0142 if seen", "contact 916.555.0142",
                             "tel +1 916 555 0142", "cell: 9165550142", "call 916\xe2\x80\x91" "555\xe2\x80\x91" "0142"})
    expect_row_refused(with_reason(reason), "phone_number");
  for (const auto* reason : {"contact jsmith@example.com", "tips to john.smith+bolo@mail.example.org",
                             "contact jsmith\xef\xbc\xa0" "example.com"})
    expect_row_refused(with_reason(reason), "email_address");
}

BOOST_AUTO_TEST_CASE(ordinary_text_with_numbers_and_accents_passes) {
  for (const auto* reason : {"VC 10851 recovered stolen", "stolen 2026-11-01, report 2026-001234",
                             "white 2019 Ford F-150, seen 3 times", "robado en San Jos\xc3\xa9", "stolen outside the caf\xc3\xa9",
                             "AMBER alert 26-0042", "felony evading 11/02/2026", "burglary series INC-88812",
                             "owner reports stolen overnight"}) {
    Row row = with_reason(reason);
    row.case_number = "2026-001234";
    row.make = "Toyota";
    row.model = "Camry";
    row.colour = "silver";
    const auto result = upload_row(row);
    BOOST_TEST(result.accepted(), reason << ": " << result.report());
  }
}

BOOST_AUTO_TEST_CASE(spreadsheet_formulas_are_refused_at_import) {
  const std::vector<Row> formulas = {with_reason("=HYPERLINK(\"http://evil.example\",\"click\")"),
                                     with_reason("+cmd|' /C calc'!A0"), with_reason("@SUM(1+1)*cmd|' /C calc'!A0"),
                                     with_reason("-2+3+cmd|' /C calc'!A0"), with_reason("\t=1+1")};
  for (const auto& row : formulas) {
    const auto result = upload_row(row);
    BOOST_TEST(!result.accepted(), row.reason);
    BOOST_TEST(result.report().find("formula") != std::string::npos, result.report());
  }
  Row case_number;
  case_number.case_number = "=1+1";
  BOOST_TEST(upload_row(case_number).report().find("case_number: starts with '='") != std::string::npos,
             upload_row(case_number).report());
  Row make;
  make.make = "@cmd";
  BOOST_TEST(!upload_row(make).accepted());
}
