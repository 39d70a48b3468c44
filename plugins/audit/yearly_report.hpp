#pragma once
// The yearly audit the policy asks for: per user and category counts, logins that succeeded and
// were refused, refused requests, and flags for unusual activity to look into (docs/audit.md
// describes each flag and its thresholds). Formats are in report_formats.hpp.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit_store.hpp"

namespace platebus::audit {

struct ReportThresholds {
  int night_start_hour = 22;  // inquiries from this UTC hour ...
  int night_end_hour = 6;     // ... until this one (exclusive) are at odd hours
  double volume_factor = 3.0;     // a day with at least this times the user's median daily inquiries
  long long volume_minimum = 20;  // and at least this many is sudden volume
  long long empty_results_minimum = 10;  // inquiries reporting `results: 0`, if also half the user's counted ones
  long long reason_reuse_cases = 3;      // one reason text under at least this many case numbers
  long long case_plates_minimum = 3;     // one case number for at least this many different plates
};

// Parses "22-06" (UTC hours, start-end) into the thresholds; throws ConfigError when malformed.
void parse_night_hours(const std::string& text, ReportThresholds& thresholds);

struct UserActivity {
  // category -> {allowed, refused, failed}
  std::map<std::string, std::array<long long, 3>> categories;
  long long logins_ok = 0;
  long long logins_refused = 0;  // refused or failed logins
  long long refused = 0;         // refused requests of any category
  long long inquiries = 0;       // allowed inquiries
};

struct ActivityFlag {
  std::string kind;  // odd_hours, sudden_volume, empty_results, reason_reused, case_reused
  std::string user;  // "" when it concerns several users
  long long count = 0;
  std::string detail;
};

struct YearlyReport {
  int year = 0;
  long long records = 0;
  std::map<std::string, UserActivity> users;  // "" is nobody logged in (failed logins by unknown names)
  std::vector<ActivityFlag> flags;
  ReportThresholds thresholds;

  nlohmann::json summary() const;
};

// Categories that are inquiries (searches and browsing); any record with a case number is one too.
bool is_inquiry(const nlohmann::json& record);

class YearlyReportBuilder {
 public:
  YearlyReportBuilder(int year, ReportThresholds thresholds);
  void add(const nlohmann::json& record);  // records of other years are ignored
  YearlyReport finish();

 private:
  void add_flags();

  YearlyReport report_;
  // per user: UTC day (days since epoch) -> allowed inquiries
  std::map<std::string, std::map<long long, long long>> daily_;
  std::map<std::string, std::vector<std::string>> night_times_;
  std::map<std::string, std::pair<long long, long long>> results_;  // user -> {empty, counted}
  std::map<std::string, std::set<std::string>> reason_cases_;        // reason -> case numbers
  std::map<std::string, std::set<std::string>> reason_users_;
  std::map<std::string, std::set<std::string>> case_plates_;          // case number -> plates
  std::map<std::string, std::set<std::string>> case_users_;
};

YearlyReport build_yearly_report(const AuditStore& store, int year, const ReportThresholds& thresholds);

}  // namespace platebus::audit
