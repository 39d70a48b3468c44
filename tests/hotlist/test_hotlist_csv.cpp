// The upload CSV and the state extract: quoting, byte-order mark, line ends, line-numbered errors,
// duplicates, wrong delimiters, empty and binary files, and all-or-nothing at a million rows.
#define BOOST_TEST_MODULE hotlist_csv
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <string>

#include "csv_import.hpp"
#include "hotlist_test_support.hpp"
#include "state_extract_import.hpp"

using namespace platebus::hotlist;
using hotlist_test::options;

namespace {

const std::string kHeader = "plate,state,category,reason,list,case_number,expires\n";

bool report_mentions(const ImportResult& result, const std::string& text) {
  return result.report().find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_rows_become_normalized_entries) {
  const auto result = import_csv(kHeader +
                                     "7abc-123,ca,stolen_vehicle,stolen from lot 4,stolen,26-0042,2026-12-31\n"
                                     "4XYZ 982,,AMBER alert,AMBER alert 26-0042,amber,,\n",
                                 options());
  BOOST_TEST_REQUIRE(result.accepted(), result.report());
  BOOST_REQUIRE_EQUAL(result.plates.size(), 2u);
  const auto& first = result.plates.entry(0);
  BOOST_TEST(first.plate == "7ABC123");
  BOOST_TEST(first.state == "CA");
  BOOST_TEST(first.category == Category::stolen_vehicle);
  BOOST_TEST(first.list == "stolen");
  BOOST_TEST(first.case_number == "26-0042");
  BOOST_TEST(first.added_by == "officer1");
  BOOST_TEST(first.source == "upload");
  BOOST_TEST(first.priority == 3);
  BOOST_TEST(platebus::to_iso8601(*first.expires_at) == "2027-01-01T00:00:00.000000Z");
  BOOST_TEST(result.plates.entry(1).plate == "4XYZ982");
  BOOST_TEST(result.plates.entry(1).category == Category::amber_alert);
  BOOST_TEST(!result.plates.entry(1).expires_at);
}

BOOST_AUTO_TEST_CASE(bom_crlf_and_rfc4180_quoting_are_read) {
  const std::string csv =
      "\xEF\xBB\xBFplate,state,category,reason,list,case_number,expires\r\n"
      "7ABC123,CA,stolen_vehicle,\"stolen from lot 4, level 2\",stolen,,\r\n"
      "8DEF456,CA,bolo,\"driver said \"\"no\"\" twice\",bolo,,\r\n"
      "\"9GHI789\",\"CA\",\"other\",\"seen twice\",\"misc\",\"\",\"\"\r\n";
  const auto result = import_csv(csv, options());
  BOOST_TEST_REQUIRE(result.accepted(), result.report());
  BOOST_REQUIRE_EQUAL(result.plates.size(), 3u);
  BOOST_TEST(result.plates.entry(0).reason == "stolen from lot 4, level 2");
  BOOST_TEST(result.plates.entry(1).reason == "driver said \"no\" twice");
  BOOST_TEST(result.plates.entry(2).plate == "9GHI789");
}

BOOST_AUTO_TEST_CASE(embedded_newlines_keep_later_line_numbers_physical) {
  // The quoted field spans lines 2-3, so the bad row is on physical line 4, not record 3.
  const std::string csv = kHeader +
                          "7ABC123,CA,stolen_vehicle,\"stolen from lot 4\nlevel 2\",stolen,,\n"
                          "8DEF456,CA,stolen,bad category,stolen,,\n";
  const auto result = import_csv(csv, options());
  BOOST_TEST(!result.accepted());
  BOOST_REQUIRE_EQUAL(result.errors.size(), 1u);
  BOOST_TEST(result.errors[0].line == 4u);
  BOOST_TEST(result.errors[0].message.find("category: 'stolen' is not one of") != std::string::npos);
  BOOST_TEST(result.plates.empty());

  const auto fine = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,\"stolen from lot 4\r\nlevel 2\",stolen,,\n", options());
  BOOST_TEST_REQUIRE(fine.accepted(), fine.report());
  BOOST_TEST(fine.plates.entry(0).reason == "stolen from lot 4 level 2", "line breaks in a cell become one space");
}

BOOST_AUTO_TEST_CASE(every_bad_row_is_reported_with_its_line_and_nothing_is_accepted) {
  const std::string csv = kHeader +
                          "7ABC123,CA,stolen_vehicle,stolen,stolen,,\n"  // line 2: fine
                          "7AB#123,CA,stolen_vehicle,stolen,stolen,,\n"  // line 3: plate
                          "8DEF456,CA,stolen_vehicle,,stolen,,\n"        // line 4: reason
                          "\n"                                           // line 5: blank, skipped
                          "9GHI789,CA,stolen_vehicle,x,stolen,,2026-13-01\n"  // line 6: date
                          "9GHI780,CA,stolen_vehicle,x,stolen,,2020-01-01\n"  // line 7: past
                          "9GHI781,CA,stolen_vehicle,x,,,\n"                   // line 8: no list
                          "9GHI782,CA,stolen_vehicle,x,stolen\n"               // line 9: fields
                          "9GHI783,CA,stolen_vehicle,x\"y,stolen,,\n";         // line 10: stray quote
  const auto result = import_csv(csv, options());
  BOOST_TEST(!result.accepted());
  BOOST_TEST(result.plates.empty());
  BOOST_REQUIRE_EQUAL(result.error_count, 7u);
  const std::size_t lines[] = {3, 4, 6, 7, 8, 9, 10};
  for (std::size_t i = 0; i < 7; ++i) BOOST_TEST(result.errors[i].line == lines[i]);
  BOOST_TEST(result.errors[0].message.find("'#' at position 4") != std::string::npos);
  BOOST_TEST(result.errors[1].message.find("reason: required") != std::string::npos);
  BOOST_TEST(result.errors[2].message.find("not a date written YYYY-MM-DD") != std::string::npos);
  BOOST_TEST(result.errors[3].message.find("already past") != std::string::npos);
  BOOST_TEST(result.errors[4].message.find("list: no list name") != std::string::npos);
  BOOST_TEST(result.errors[5].message.find("has 5 fields, the header has 7") != std::string::npos);
  BOOST_TEST(result.errors[6].message.find("quote inside an unquoted field") != std::string::npos);
  BOOST_TEST(report_mentions(result, "line 9: has 5 fields"));
}

BOOST_AUTO_TEST_CASE(an_empty_list_column_takes_the_default_list) {
  const auto result = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,stolen,,,\n", options("daily"));
  BOOST_TEST_REQUIRE(result.accepted(), result.report());
  BOOST_TEST(result.plates.entry(0).list == "daily");
}

BOOST_AUTO_TEST_CASE(header_columns_may_come_in_any_order_with_optional_extras) {
  const auto result = import_csv(
      "Reason,PLATE,list,state,category,expires,case_number,priority,make,model,color\n"
      "stolen overnight,7ABC123,stolen,CA,stolen_vehicle,,,1,Honda,Civic,grey\n",
      options());
  BOOST_TEST_REQUIRE(result.accepted(), result.report());
  BOOST_TEST(result.plates.entry(0).reason == "stolen overnight");
  BOOST_TEST(result.plates.entry(0).priority == 1);
  BOOST_TEST(result.plates.entry(0).vehicle.colour == "grey");
}

BOOST_AUTO_TEST_CASE(header_problems_refuse_the_file_on_line_one) {
  const auto missing = import_csv("plate,state,category,reason\n7ABC123,CA,stolen_vehicle,x\n", options("x"));
  BOOST_TEST(!missing.accepted());
  BOOST_REQUIRE_EQUAL(missing.errors.size(), 1u);
  BOOST_TEST(missing.errors[0].line == 1u);
  BOOST_TEST(missing.errors[0].message.find("lacks list, case_number, expires") != std::string::npos);

  const auto unknown = import_csv("plate,state,category,reason,list,case_number,expires,notes\n", options());
  BOOST_TEST(!unknown.accepted());
  BOOST_TEST(unknown.errors[0].message.find("unknown column 'notes'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicates_are_merged_and_the_later_row_wins) {
  const auto result = import_csv(kHeader +
                                     "7ABC123,CA,stolen_vehicle,first reason,stolen,,\n"
                                     "7ABC123,NV,stolen_vehicle,other state,stolen,,\n"
                                     "7abc 123,ca,felony_vehicle,second reason,stolen,26-1,\n"
                                     "7ABC123,CA,stolen_vehicle,other list,bolo,,\n",
                                 options());
  BOOST_TEST_REQUIRE(result.accepted(), result.report());
  BOOST_TEST(result.duplicates_merged == 1u);
  BOOST_REQUIRE_EQUAL(result.plates.size(), 3u);
  BOOST_TEST(result.plates.entry(0).reason == "second reason");
  BOOST_TEST(result.plates.entry(0).category == Category::felony_vehicle);
  BOOST_TEST(result.plates.entry(1).state == "NV");
  BOOST_TEST(result.plates.entry(2).list == "bolo");
  BOOST_TEST(report_mentions(result, "1 duplicate rows merged"));
}

BOOST_AUTO_TEST_CASE(semicolons_tabs_and_pipes_are_named) {
  const auto semicolons = import_csv("plate;state;category;reason;list;case_number;expires\n7ABC123;CA;x;y;z;;\n", options());
  BOOST_TEST(!semicolons.accepted());
  BOOST_TEST(semicolons.file_error.find("separated by semicolons, not commas") != std::string::npos);
  const auto tabs = import_csv("plate\tstate\tcategory\treason\tlist\tcase_number\texpires\n", options());
  BOOST_TEST(tabs.file_error.find("separated by tabs") != std::string::npos);
  const auto pipes = import_csv("7ABC123|CA|stolen_vehicle|x|26-1|\n", options());
  BOOST_TEST(pipes.file_error.find("separated by pipes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_files_are_refused) {
  BOOST_TEST(import_csv("", options()).file_error.find("the file is empty") != std::string::npos);
  BOOST_TEST(import_csv("\xEF\xBB\xBF\r\n\r\n", options()).file_error.find("the file is empty") != std::string::npos);
  const auto header_only = import_csv(kHeader, options());
  BOOST_TEST(!header_only.accepted());
  BOOST_TEST(header_only.file_error.find("no plates") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(binary_and_other_encodings_are_refused) {
  std::string zip("PK\x03\x04\x14\x00\x00\x00", 8);
  const auto binary = import_csv(zip, options());
  BOOST_TEST(binary.file_error.find("binary data (a NUL byte at line 1") != std::string::npos);

  const auto latin1 = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,vol \xE9 lot 4,stolen,,\n", options());
  BOOST_TEST(latin1.file_error.find("not valid UTF-8 (at line 2") != std::string::npos);

  const auto utf16 = import_csv(std::string("\xFF\xFEp\0l\0", 6), options());
  BOOST_TEST(utf16.file_error.find("UTF-16") != std::string::npos);

  const auto utf8 = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,vol \xC3\xA9 lot 4,stolen,,\n", options());
  BOOST_TEST(utf8.accepted(), utf8.report());
}

BOOST_AUTO_TEST_CASE(an_unclosed_quote_is_reported_where_it_opened) {
  const auto result = import_csv(kHeader + "7ABC123,CA,stolen_vehicle,\"never closed,stolen,,\n8X,CA\n", options());
  BOOST_TEST(!result.accepted());
  BOOST_REQUIRE_EQUAL(result.errors.size(), 1u);
  BOOST_TEST(result.errors[0].line == 2u);
  BOOST_TEST(result.errors[0].message.find("opened on line 2 is never closed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_bad_row_among_a_million_refuses_the_file_and_names_the_line) {
  std::string csv = kHeader;
  csv.reserve(60'000'000);
  constexpr std::size_t kRows = 1'000'000, kBadRow = 654'321;
  char plate[16];
  for (std::size_t i = 0; i < kRows; ++i) {
    std::snprintf(plate, sizeof plate, "%c%06zu", static_cast<char>('A' + i % 26), i);
    csv += plate;
    csv += i == kBadRow ? ",CA,stolen,stolen from lot 4,stolen,,\n" : ",CA,stolen_vehicle,stolen from lot 4,stolen,,\n";
  }
  auto result = import_csv(csv, options());
  BOOST_TEST(!result.accepted());
  BOOST_TEST(result.plates.empty(), "nothing is accepted from a refused file");
  BOOST_TEST(result.rows == kRows);
  BOOST_REQUIRE_EQUAL(result.error_count, 1u);
  BOOST_TEST(result.errors[0].line == kBadRow + 2);

  // Without the bad row the same million rows are accepted.
  const auto bad = csv.find(",CA,stolen,");
  csv.replace(bad, 11, ",CA,stolen_vehicle,");
  result = import_csv(csv, options());
  BOOST_TEST(result.accepted(), result.report());
  BOOST_TEST(result.plates.size() == kRows);
}

// Files over a few megabytes are read as two pieces on two threads: the result must be the one a
// single reader gives (line numbers, merged duplicates across the pieces, order, quoted newlines).
BOOST_AUTO_TEST_CASE(a_large_file_read_in_two_pieces_reads_as_one) {
  std::string csv = kHeader;
  constexpr std::size_t kRows = 120'000;
  std::size_t line = 2;
  char plate[16];
  for (std::size_t i = 0; i < kRows; ++i) {
    std::snprintf(plate, sizeof plate, "%c%06zu", static_cast<char>('A' + i % 26), i);
    // Every 7th reason is quoted over three lines, with a doubled quote: the split must not land inside.
    if (i % 7 == 0) {
      csv += std::string(plate) + ",CA,stolen_vehicle,\"taken \"\"at night\"\"\nfrom lot 4\nby a tow truck\",stolen,,\n";
      line += 3;
    } else {
      csv += std::string(plate) + ",CA,stolen_vehicle,stolen from lot 4,stolen,,\n";
      line += 1;
    }
  }
  BOOST_REQUIRE_GT(csv.size(), 5u << 20);  // large enough to be split
  // The last row repeats the first plate: merged into the first row's place, the later reason wins.
  csv += "A000000,CA,felony_vehicle,seen again,stolen,,\n";
  const auto result = import_csv(csv, options());
  BOOST_TEST(result.accepted(), result.report());
  BOOST_TEST(result.rows == kRows + 1);
  BOOST_TEST(result.duplicates_merged == 1u);
  BOOST_REQUIRE_EQUAL(result.plates.size(), kRows);
  BOOST_TEST(result.plates.entry(0).plate == "A000000");
  BOOST_TEST(result.plates.entry(0).reason == "seen again");
  BOOST_TEST(result.plates.entry(7).reason == "taken \"at night\" from lot 4 by a tow truck");
  BOOST_TEST(result.plates.entry(result.plates.size() - 1).plate == "J119999");

  // A bad row at the very end names its physical line, counted through every quoted newline.
  csv += "7AB#1,CA,stolen_vehicle,x,stolen,,\n";
  const auto refused = import_csv(csv, options());
  BOOST_REQUIRE_EQUAL(refused.error_count, 1u);
  BOOST_TEST(refused.errors[0].line == line + 1);
  BOOST_TEST(refused.plates.empty());
}

BOOST_AUTO_TEST_CASE(a_large_file_with_broken_quoting_is_reported_as_a_single_reader_would) {
  std::string rows;
  for (std::size_t i = 0; i < 100'000; ++i) rows += "7ABC" + std::to_string(i % 1000) + ",CA,stolen_vehicle,stolen from lot 4,stolen,,\n";
  // One quote opened in the first half and never closed: everything after it is that one field.
  const auto csv = kHeader + "8XYZ123,CA,stolen_vehicle,\"never closed,stolen,,\n" + rows;
  BOOST_REQUIRE_GT(csv.size(), 4u << 20);
  const auto result = import_csv(csv, options());
  BOOST_TEST(!result.accepted());
  BOOST_REQUIRE_EQUAL(result.error_count, 1u);
  BOOST_TEST(result.errors[0].line == 2u);
  BOOST_TEST(result.errors[0].message.find("opened on line 2 is never closed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors_are_capped_but_counted) {
  std::string csv = kHeader;
  for (int i = 0; i < 500; ++i) csv += "7AB#" + std::to_string(i) + ",CA,stolen_vehicle,x,stolen,,\n";
  auto opts = options();
  opts.max_reported = 10;
  const auto result = import_csv(csv, opts);
  BOOST_TEST(result.errors.size() == 10u);
  BOOST_TEST(result.error_count == 500u);
  BOOST_TEST(report_mentions(result, "... and 490 more"));
}

BOOST_AUTO_TEST_CASE(state_extract_is_read_with_its_fixed_layout) {
  const auto result = import_state_extract(
      "7ABC123|CA|stolen_vehicle|stolen from lot 4|26-001234|20261231\r\n"
      "4XYZ982|NV|felony_vehicle|armed robbery||2026-12-01\r\n"
      "\r\n"
      "8DEF456|CA|bolo|seen near school||\r\n",
      options("ca-daily"));
  BOOST_TEST_REQUIRE(result.accepted(), result.report());
  BOOST_REQUIRE_EQUAL(result.plates.size(), 3u);
  BOOST_TEST(result.plates.entry(0).list == "ca-daily");
  BOOST_TEST(result.plates.entry(0).case_number == "26-001234");
  BOOST_TEST(platebus::to_iso8601(*result.plates.entry(0).expires_at) == "2027-01-01T00:00:00.000000Z");
  BOOST_TEST(result.plates.entry(1).state == "NV");
}

BOOST_AUTO_TEST_CASE(state_extract_errors_name_their_lines) {
  const auto result = import_state_extract(
      "PLATE|STATE|CATEGORY|REASON|CASE|EXPIRES\n"
      "7ABC123|CA|stolen_vehicle|stolen|26-1|2026-12-31\n"
      "7ABC124|CA|stolen_vehicle|stolen|26-1\n"
      "7ABC125|CA|stolen_vehicle|stolen|26-1|31/12/2026\n",
      options("ca-daily"));
  BOOST_TEST(!result.accepted());
  BOOST_REQUIRE_EQUAL(result.errors.size(), 3u);
  BOOST_TEST(result.errors[0].line == 1u);
  BOOST_TEST(result.errors[0].message.find("no header line") != std::string::npos);
  BOOST_TEST(result.errors[1].line == 3u);
  BOOST_TEST(result.errors[1].message.find("has 5 fields") != std::string::npos);
  BOOST_TEST(result.errors[2].line == 4u);
  BOOST_TEST(result.errors[2].message.find("YYYYMMDD") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(state_extract_refuses_csv_missing_list_and_binary) {
  const auto csv = import_state_extract(kHeader + "7ABC123,CA,stolen_vehicle,x,stolen,,\n", options("ca-daily"));
  BOOST_TEST(csv.file_error.find("looks like a CSV upload") != std::string::npos);
  const auto no_list = import_state_extract("7ABC123|CA|stolen_vehicle|x||\n", options());
  BOOST_TEST(no_list.file_error.find("--list NAME") != std::string::npos);
  const auto binary = import_state_extract(std::string("7ABC\0|", 6), options("x"));
  BOOST_TEST(binary.file_error.find("binary data") != std::string::npos);
  BOOST_TEST(import_state_extract("", options("x")).file_error.find("empty") != std::string::npos);
}
