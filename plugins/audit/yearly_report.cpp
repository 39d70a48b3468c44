#include "yearly_report.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "platebus/plugin.hpp"
#include "platebus/time.hpp"

namespace platebus::audit {

namespace {

using days = std::chrono::days;

const std::set<std::string> kInquiryCategories = {
    audit_category::hit_list_browse, audit_category::hot_list_browse, audit_category::stakeout_browse,
    audit_category::read_search,     audit_category::photo_view,      audit_category::inquiry};

std::string text_of(const nlohmann::json& record, const char* key) {
  const auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string trim(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

// Plates compare without case, spaces or dashes: "7ABC 123" and "7abc-123" are one plate.
std::string plate_key(const std::string& plate) {
  std::string key;
  for (const char c : plate)
    if (std::isalnum(static_cast<unsigned char>(c))) key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

std::string day_text(long long day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string joined(const std::set<std::string>& items, std::size_t limit = 10) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& item : items) {
    if (shown == limit) return out + fmt::format(", ... ({} in all)", items.size());
    out += (shown++ ? ", " : "") + (item.empty() ? std::string("(nobody)") : item);
  }
  return out;
}

}  // namespace

void parse_night_hours(const std::string& text, ReportThresholds& thresholds) {
  int start = -1, end = -1;
  char dash = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &start, &dash, &end) != 3 || dash != '-' || start < 0 || start > 23 ||
      end < 0 || end > 23 || start == end)
    throw ConfigError(fmt::format("night_hours is '{}'; write two different UTC hours 0-23 as START-END, e.g. 22-06",
                                  text));
  thresholds.night_start_hour = start;
  thresholds.night_end_hour = end;
}

bool is_inquiry(const nlohmann::json& record) {
  return kInquiryCategories.count(text_of(record, "category")) > 0 || !text_of(record, "case_number").empty();
}

nlohmann::json YearlyReport::summary() const {
  auto users_json = nlohmann::json::array();
  for (const auto& [user, activity] : users) {
    nlohmann::json categories = nlohmann::json::object();
    for (const auto& [category, counts] : activity.categories)
      categories[category] = {{"allowed", counts[0]}, {"refused", counts[1]}, {"failed", counts[2]}};
    users_json.push_back({{"user", user},
                          {"categories", categories},
                          {"logins_ok", activity.logins_ok},
                          {"logins_refused", activity.logins_refused},
                          {"refused", activity.refused},
                          {"inquiries", activity.inquiries}});
  }
  auto flags_json = nlohmann::json::array();
  for (const auto& flag : flags)
    flags_json.push_back({{"kind", flag.kind}, {"user", flag.user}, {"count", flag.count}, {"detail", flag.detail}});
  return {{"year", year},
          {"records", records},
          {"users", users_json},
          {"flags", flags_json},
          {"thresholds",
           {{"night_hours", fmt::format("{:02}-{:02}", thresholds.night_start_hour, thresholds.night_end_hour)},
            {"volume_factor", thresholds.volume_factor},
            {"volume_minimum", thresholds.volume_minimum},
            {"empty_results_minimum", thresholds.empty_results_minimum},
            {"reason_reuse_cases", thresholds.reason_reuse_cases},
            {"case_plates_minimum", thresholds.case_plates_minimum}}}};
}

YearlyReportBuilder::YearlyReportBuilder(int year, ReportThresholds thresholds) {
  report_.year = year;
  report_.thresholds = thresholds;
}

void YearlyReportBuilder::add(const nlohmann::json& record) {
  Timestamp at;
  try {
    at = parse_iso8601(text_of(record, "at"));
  } catch (const std::exception&) {
    return;  // an undated record cannot belong to a year; verify reports it
  }
  const auto day = std::chrono::floor<days>(at);
  if (static_cast<int>(std::chrono::year_month_day{day}.year()) != report_.year) return;
  ++report_.records;

  const auto actor = record.value("actor", nlohmann::json::object());
  const auto user = actor.is_object() ? text_of(actor, "user") : std::string();
  const auto category = text_of(record, "category");
  const auto outcome = text_of(record, "outcome");
  auto& activity = report_.users[user];
  auto& counts = activity.categories[category];
  const auto slot = outcome == audit_outcome::allowed ? 0 : outcome == audit_outcome::refused ? 1 : 2;
  // The final outcome of a request already counted as allowed: the request moves, not adds.
  const auto first = record.find("outcome_of");
  const bool follows = first != record.end() && first->is_number_unsigned() && first->get<std::uint64_t>() != 0;
  if (follows && slot != 0 && counts[0] > 0) --counts[0];
  ++counts[slot];
  if (slot == 1) ++activity.refused;
  if (category == audit_category::login) (slot == 0 ? activity.logins_ok : activity.logins_refused)++;

  if (!is_inquiry(record)) return;
  const auto case_number = trim(text_of(record, "case_number"));
  const auto reason = trim(text_of(record, "reason"));
  if (!case_number.empty() && !reason.empty()) {
    reason_cases_[reason].insert(case_number);
    reason_users_[reason].insert(user);
  }
  const auto query = record.value("query", nlohmann::json::object());
  if (!case_number.empty() && query.is_object()) {
    const auto plate = plate_key(text_of(query, "plate"));
    if (!plate.empty()) {
      case_plates_[case_number].insert(plate);
      case_users_[case_number].insert(user);
    }
  }
  if (slot != 0) return;  // odd hours, volume and empty results concern inquiries that were served
  ++activity.inquiries;
  ++daily_[user][day.time_since_epoch().count()];
  const auto hour = static_cast<int>(std::chrono::floor<std::chrono::hours>(at - day).count());
  const auto& t = report_.thresholds;
  const bool night = t.night_start_hour < t.night_end_hour ? hour >= t.night_start_hour && hour < t.night_end_hour
                                                            : hour >= t.night_start_hour || hour < t.night_end_hour;
  if (night) night_times_[user].push_back(text_of(record, "at").substr(0, 16) + "Z");
  if (query.is_object() && query.contains("results") && query["results"].is_number()) {
    auto& [empty, counted] = results_[user];
    ++counted;
    if (query["results"].get<double>() == 0) ++empty;
  }
}

void YearlyReportBuilder::add_flags() {
  const auto& t = report_.thresholds;
  auto& flags = report_.flags;
  for (const auto& [user, times] : night_times_) {
    std::set<std::string> shown(times.begin(), times.begin() + std::min<std::size_t>(times.size(), 5));
    flags.push_back({"odd_hours", user, static_cast<long long>(times.size()),
                     fmt::format("{} inquiries between {:02}:00 and {:02}:00 UTC (e.g. {})", times.size(),
                                 t.night_start_hour, t.night_end_hour, joined(shown, 5))});
  }
  for (const auto& [user, per_day] : daily_) {
    std::vector<long long> counts;
    for (const auto& [day, count] : per_day) counts.push_back(count);
    std::sort(counts.begin(), counts.end());
    const auto n = counts.size();
    const double median = n % 2 ? counts[n / 2] : (counts[n / 2 - 1] + counts[n / 2]) / 2.0;
    for (const auto& [day, count] : per_day)
      if (count >= t.volume_minimum && count >= t.volume_factor * median)
        flags.push_back({"sudden_volume", user, count,
                         fmt::format("{} inquiries on {} against a median of {} per active day", count, day_text(day),
                                     median)});
  }
  for (const auto& [user, counts] : results_) {
    const auto [empty, counted] = counts;
    if (empty >= t.empty_results_minimum && empty * 2 >= counted)
      flags.push_back({"empty_results", user, empty,
                       fmt::format("{} of {} inquiries that reported a result count found nothing", empty, counted)});
  }
  for (const auto& [reason, cases] : reason_cases_)
    if (static_cast<long long>(cases.size()) >= t.reason_reuse_cases)
      flags.push_back({"reason_reused", reason_users_[reason].size() == 1 ? *reason_users_[reason].begin() : "",
                       static_cast<long long>(cases.size()),
                       fmt::format("reason \"{}\" given verbatim for {} case numbers ({}) by {}", reason, cases.size(),
                                   joined(cases), joined(reason_users_[reason]))});
  for (const auto& [case_number, plates] : case_plates_)
    if (static_cast<long long>(plates.size()) >= t.case_plates_minimum)
      flags.push_back({"case_reused", case_users_[case_number].size() == 1 ? *case_users_[case_number].begin() : "",
                       static_cast<long long>(plates.size()),
                       fmt::format("case number {} used for {} different plates ({}) by {}", case_number,
                                   plates.size(), joined(plates), joined(case_users_[case_number]))});
}

YearlyReport YearlyReportBuilder::finish() {
  add_flags();
  return std::move(report_);
}

YearlyReport build_yearly_report(const AuditStore& store, int year, const ReportThresholds& thresholds) {
  YearlyReportBuilder builder(year, thresholds);
  store.for_each_record([&](const nlohmann::json& record) {
    builder.add(record);
    return true;
  });
  return builder.finish();
}

}  // namespace platebus::audit
