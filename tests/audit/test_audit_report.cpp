// The yearly report: counts per user and category, logins, refusals, each unusual-activity flag,
// and the CSV, text and HTML it is delivered in; plus exports between two dates.
#define BOOST_TEST_MODULE audit_report
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include "audit_test_helpers.hpp"
#include "record_export.hpp"
#include "report_formats.hpp"
#include "test_support.hpp"
#include "yearly_report.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using platebus::test::TempDir;

namespace {

AuditEvent inquiry(const std::string& user, const std::string& at, const std::string& case_number,
                   const std::string& reason, const std::string& plate, nlohmann::json results = nullptr) {
  auto event = full_event(audit_category::read_search, user, parse_iso8601(at));
  event.case_number = case_number;
  event.reason = reason;
  event.query = {{"plate", plate}};
  if (!results.is_null()) event.query["results"] = results;
  return event;
}

std::vector<ActivityFlag> flags_of(const YearlyReport& report, const std::string& kind) {
  std::vector<ActivityFlag> found;
  for (const auto& flag : report.flags)
    if (flag.kind == kind) found.push_back(flag);
  return found;
}

// A year in which each flag is earned once, and plain activity earns none.
YearlyReport sample_report(AuditStore& store) {
  // Plain daytime work by "amy": 2 inquiries on each of 10 days, each with results, own case and reason.
  for (int day = 1; day <= 10; ++day)
    for (int i = 0; i < 2; ++i)
      store.append(inquiry("amy", fmt::format("2026-02-{:02}T1{}:00:00Z", day, i), fmt::format("C-{}-{}", day, i),
                           fmt::format("case {} {}", day, i), fmt::format("AMY{}{}", day, i), 2));
  // Sudden volume by "amy": 25 inquiries on 2026-02-20 (median of her active days is 2).
  for (int i = 0; i < 25; ++i)
    store.append(inquiry("amy", fmt::format("2026-02-20T12:{:02}:00Z", i), fmt::format("V-{}", i),
                         fmt::format("volume {}", i), "VOL1", 1));
  // Odd hours by "bob": two inquiries at 23:10 and 03:30 UTC.
  store.append(inquiry("bob", "2026-04-01T23:10:00Z", "B-1", "night 1", "BOB1", 1));
  store.append(inquiry("bob", "2026-04-02T03:30:00Z", "B-2", "night 2", "BOB2", 1));
  // Many inquiries without results by "cat": 12 with results 0, 2 with results.
  for (int i = 0; i < 14; ++i)
    store.append(inquiry("cat", fmt::format("2026-05-{:02}T09:00:00Z", i + 1), fmt::format("K-{}", i),
                         fmt::format("fishing {}", i), fmt::format("CAT{}", i), i < 12 ? 0 : 3));
  // "dan" gives one reason verbatim under 3 case numbers, and uses one case for 3 different plates.
  for (int i = 0; i < 3; ++i)
    store.append(inquiry("dan", "2026-06-01T10:00:00Z", fmt::format("D-{}", i), "routine check", "DAN1", 1));
  for (const auto* plate : {"7ABC123", "8XYZ999", "7abc-123", "4QQQ444"})
    store.append(inquiry("dan", "2026-06-02T10:00:00Z", "D-77", fmt::format("plate {}", plate), plate, 1));
  // Logins and refusals.
  auto login = full_event(audit_category::login, "amy", parse_iso8601("2026-02-01T08:00:00Z"));
  login.case_number = login.reason = "";  // not an inquiry
  store.append(login);
  login.outcome = audit_outcome::refused;
  store.append(login);
  store.append(login);
  auto refused = inquiry("bob", "2026-04-03T10:00:00Z", "B-3", "denied one", "BOB3");
  refused.outcome = audit_outcome::refused;
  store.append(refused);
  // Another year: not counted.
  store.append(inquiry("amy", "2025-12-31T23:59:59Z", "OLD", "old", "OLD1", 1));
  return build_yearly_report(store, 2026, ReportThresholds{});
}

}  // namespace

BOOST_AUTO_TEST_CASE(counts_per_user_and_category_logins_and_refusals) {
  TempDir dir;
  AuditStore store(dir / "db");
  const auto report = sample_report(store);
  BOOST_TEST(report.records == 20 + 25 + 2 + 14 + 3 + 4 + 3 + 1);
  const auto& amy = report.users.at("amy");
  BOOST_TEST(amy.categories.at(audit_category::read_search)[0] == 45);
  BOOST_TEST(amy.logins_ok == 1);
  BOOST_TEST(amy.logins_refused == 2);
  BOOST_TEST(amy.refused == 2);
  BOOST_TEST(report.users.at("bob").refused == 1);
  BOOST_TEST(report.users.at("bob").categories.at(audit_category::read_search)[1] == 1);
}

BOOST_AUTO_TEST_CASE(each_unusual_activity_is_flagged_once) {
  TempDir dir;
  AuditStore store(dir / "db");
  const auto report = sample_report(store);

  const auto night = flags_of(report, "odd_hours");
  BOOST_REQUIRE_EQUAL(night.size(), 1u);
  BOOST_TEST(night[0].user == "bob");
  BOOST_TEST(night[0].count == 2);

  const auto volume = flags_of(report, "sudden_volume");
  BOOST_REQUIRE_EQUAL(volume.size(), 1u);
  BOOST_TEST(volume[0].user == "amy");
  BOOST_TEST(volume[0].count == 25);
  BOOST_TEST(volume[0].detail.find("2026-02-20") != std::string::npos, volume[0].detail);

  const auto empty = flags_of(report, "empty_results");
  BOOST_REQUIRE_EQUAL(empty.size(), 1u);
  BOOST_TEST(empty[0].user == "cat");
  BOOST_TEST(empty[0].count == 12);

  const auto reasons = flags_of(report, "reason_reused");
  BOOST_REQUIRE_EQUAL(reasons.size(), 1u);
  BOOST_TEST(reasons[0].detail.find("\"routine check\"") != std::string::npos, reasons[0].detail);
  BOOST_TEST(reasons[0].count == 3);

  const auto cases = flags_of(report, "case_reused");
  BOOST_REQUIRE_EQUAL(cases.size(), 1u);
  BOOST_TEST(cases[0].detail.find("D-77") != std::string::npos, cases[0].detail);
  BOOST_TEST(cases[0].count == 3);  // "7abc-123" is "7ABC123" written differently
  BOOST_TEST(report.flags.size() == 5u);
}

BOOST_AUTO_TEST_CASE(the_thresholds_move_the_flags) {
  TempDir dir;
  AuditStore store(dir / "db");
  sample_report(store);
  ReportThresholds strict;
  strict.night_start_hour = 2;  // 02:00-05:00 UTC: only bob's 03:30 inquiry
  strict.night_end_hour = 5;
  strict.volume_minimum = 30;   // amy's 25 no longer count
  const auto report = build_yearly_report(store, 2026, strict);
  BOOST_TEST(flags_of(report, "odd_hours").at(0).count == 1);
  BOOST_TEST(flags_of(report, "sudden_volume").empty());
}

BOOST_AUTO_TEST_CASE(csv_text_and_html_carry_the_counts_and_flags) {
  TempDir dir;
  AuditStore store(dir / "db");
  auto report = sample_report(store);
  report.users["<script>"].categories["login"] = {1, 0, 0};
  const auto csv = report_csv(report);
  BOOST_TEST(csv.find("kind,user,category,allowed,refused,failed,total,detail\n") == 0);
  BOOST_TEST(csv.find("count,\"amy\",\"read.search\",45,0,0,45,") != std::string::npos, csv);
  BOOST_TEST(csv.find("flag,\"bob\",\"odd_hours\",,,,2,") != std::string::npos, csv);
  const auto text = report_text(report);
  BOOST_TEST(text.find("Audit report 2026") == 0);
  BOOST_TEST(text.find("[sudden_volume] amy") != std::string::npos, text);
  const auto html = report_html(report);
  BOOST_TEST(html.find("<h1>Audit report 2026</h1>") != std::string::npos);
  BOOST_TEST(html.find("&lt;script&gt;") != std::string::npos);
  BOOST_TEST(html.find("<script>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(names_with_line_breaks_or_escape_codes_cannot_forge_report_lines) {
  TempDir dir;
  AuditStore store(dir / "db");
  // A user name that would print a forged line, and one that would clear the terminal.
  const std::string forger = "amy\nbob: 0 inquiries served, logins 0 ok / 0 refused, 0 refused requests";
  const std::string clearer = "eve\x1b[2J\x1b[H";
  for (const auto& user : {forger, clearer})
    for (int i = 0; i < 3; ++i)
      store.append(inquiry(user, fmt::format("2026-04-01T23:1{}:00Z", i), fmt::format("N-{}", i), "night", "NIT1", 1));
  const auto report = build_yearly_report(store, 2026, ReportThresholds{});
  const auto text = report_text(report);
  BOOST_TEST(text.find('\x1b') == std::string::npos, text);
  BOOST_TEST(text.find("eve\\x1b[2J\\x1b[H") != std::string::npos, text);
  BOOST_TEST(text.find("\nbob: 0 inquiries") == std::string::npos, text);  // no line starts with the forged name
  BOOST_TEST(text.find("amy\\nbob: 0 inquiries") != std::string::npos, text);
  const auto csv = report_csv(report);
  BOOST_TEST(csv.find('\x1b') == std::string::npos, csv);
  BOOST_TEST(csv.find("\"amy\\nbob:") != std::string::npos, csv);
}

BOOST_AUTO_TEST_CASE(csv_cells_that_a_spreadsheet_would_run_are_defused) {
  TempDir dir;
  AuditStore store(dir / "db");
  auto report = build_yearly_report(store, 2026, ReportThresholds{});
  for (const auto* user : {"=1+2", "+1", "-1", "@SUM(A1)", "\t=1+2", "\r=1+2", "  =1+2", "\x01=1+2", "plain"})
    report.users[user].categories["login"] = {1, 0, 0};
  const auto csv = report_csv(report);
  for (const auto* defused : {"\"'=1+2\"", "\"'+1\"", "\"'-1\"", "\"'@SUM(A1)\"", "\"'\\t=1+2\"", "\"'\\r=1+2\"",
                              "\"'  =1+2\"", "\"'\\x01=1+2\""})
    BOOST_TEST(csv.find(std::string("count,") + defused) != std::string::npos, defused << " in\n" << csv);
  BOOST_TEST(csv.find("count,\"plain\"") != std::string::npos, csv);
  BOOST_TEST(csv.find('\t') == std::string::npos, csv);  // no live tab or CR reaches the spreadsheet
  BOOST_TEST(csv.find('\r') == std::string::npos, csv);
}

BOOST_AUTO_TEST_CASE(an_export_holds_the_records_between_two_dates_inclusive) {
  TempDir dir;
  AuditStore store(dir / "db");
  for (const auto* at : {"2026-01-31T23:59:59Z", "2026-02-01T00:00:00Z", "2026-02-03T23:59:59Z", "2026-02-04T00:00:00Z"})
    store.append(full_event(audit_category::data_export, "amy", parse_iso8601(at)));
  const auto records = export_records(store, parse_date("2026-02-01", "from"), parse_date("2026-02-03", "to"));
  BOOST_REQUIRE_EQUAL(records.size(), 2u);
  BOOST_TEST(records[0]["sequence"] == 2);
  BOOST_TEST(records[1]["sequence"] == 3);
  BOOST_TEST(records[0].contains("hash"));
  BOOST_CHECK_THROW(parse_date("2026-02-30", "to"), std::invalid_argument);
  BOOST_CHECK_THROW(parse_date("yesterday", "from"), std::invalid_argument);
}
