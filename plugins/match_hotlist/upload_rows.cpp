#include "upload_rows.hpp"

#include <algorithm>

#include "calendar_date.hpp"
#include "pii_detector.hpp"
#include "plate_normalizer.hpp"
#include "upload_text.hpp"

namespace platebus::hotlist {

namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// A spreadsheet cell may hold line breaks (RFC 4180 allows them in quotes); the officer's screen
// shows one line, so they become spaces.
void assign_one_line(std::string& out, std::string_view text) {
  out.clear();
  for (const char c : text) {
    if (c == '\r' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
}

void assign_upper(std::string& out, std::string_view text) {
  out.assign(text);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
}

}  // namespace

std::string ImportResult::report() const {
  std::string text;
  if (accepted()) {
    text = "accepted: " + std::to_string(plates.size()) + " plates from " + std::to_string(rows) + " rows";
    if (duplicates_merged) text += " (" + std::to_string(duplicates_merged) + " duplicate rows merged, the later row kept)";
    return text + "\n";
  }
  text = "refused, nothing was imported:\n";
  if (!file_error.empty()) text += "  " + file_error + "\n";
  if (pii_count)
    text += "  " + std::to_string(pii_count) +
            " finding(s) of personal or CLETS-derived data; hot lists must not carry names, addresses, dates of "
            "birth, licence numbers or CLETS/NCIC data:\n";
  for (const auto& finding : pii)
    text += "    line " + std::to_string(finding.line) + ", " + finding.field + ": " + finding.why + " [" +
            finding.detector + "]\n";
  if (pii_count > pii.size()) text += "    ... and " + std::to_string(pii_count - pii.size()) + " more\n";
  if (error_count) text += "  " + std::to_string(error_count) + " row(s) with errors:\n";
  for (const auto& error : errors) text += "    line " + std::to_string(error.line) + ": " + error.message + "\n";
  if (error_count > errors.size()) text += "    ... and " + std::to_string(error_count - errors.size()) + " more\n";
  return text;
}

UploadCollector::UploadCollector(const ImportOptions& options, bool compact_dates)
    : options_(options), compact_dates_(compact_dates) {}

std::optional<std::string_view> UploadCollector::checked_text(std::string_view bytes) {
  const auto upload = check_upload_text(bytes);
  if (!upload.ok()) {
    result_.file_error = upload.problem;
    return std::nullopt;
  }
  reserve_for(upload.text);
  return upload.text;
}

void UploadCollector::reserve_for(std::string_view text) {
  const auto rows = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  // Stored, a row is about its text plus fixed fields, the source, the uploader and the list.
  const auto per_row = 40 + options_.source.size() + options_.added_by.size() + options_.default_list.size();
  result_.plates.reserve(rows, text.size() + rows * per_row);
  duplicates_.reserve(rows);
}

void UploadCollector::absorb(UploadCollector&& later) {
  auto& other = later.result_;
  for (auto& error : other.errors)
    if (result_.errors.size() < options_.max_reported) result_.errors.push_back(std::move(error));
  for (auto& finding : other.pii)
    if (result_.pii.size() < options_.max_reported) result_.pii.push_back(std::move(finding));
  result_.error_count += other.error_count;
  result_.pii_count += other.pii_count;
  result_.rows += other.rows;
  if (result_.error_count > 0 || result_.pii_count > 0) {
    result_.plates.clear();  // refused anyway: keep no plates
    return;
  }
  result_.plates.append(std::move(other.plates));
  duplicates_.append(later.duplicates_);
}

void UploadCollector::add_error(std::size_t line, std::string message) {
  if (result_.errors.size() < options_.max_reported) result_.errors.push_back({line, std::move(message)});
  ++result_.error_count;
}

void UploadCollector::add_pii(std::size_t line, std::string field, PiiHit hit) {
  if (result_.pii.size() < options_.max_reported)
    result_.pii.push_back({line, std::move(field), std::move(hit.detector), std::move(hit.why)});
  ++result_.pii_count;
}

void UploadCollector::fill_entry(const UploadRow& row, std::vector<std::string>& problems) {
  auto& entry = entry_;
  const auto plate = normalize_plate_pattern(trimmed(row.plate));
  if (plate.ok()) entry.plate.assign(plate.plate);
  else {
    entry.plate.clear();
    problems.push_back("plate: " + plate.problem);
  }

  assign_upper(entry.state, trimmed(row.state));
  const auto category = trimmed(row.category);
  entry.category = Category::other;
  if (const auto parsed = parse_category(category)) entry.category = *parsed;
  else
    problems.push_back(category.empty() ? "category: required; use one of " + category_choices()
                                        : "category: '" + std::string(category) + "' is not one of " + category_choices());
  assign_one_line(entry.reason, trimmed(row.reason));
  entry.list.assign(trimmed(row.list));
  if (entry.list.empty()) entry.list.assign(options_.default_list);
  entry.case_number.assign(trimmed(row.case_number));
  entry.source.assign(options_.source);
  entry.added_by.assign(options_.added_by);
  entry.added_at = options_.now;
  entry.vehicle.make.assign(trimmed(row.make));
  entry.vehicle.model.assign(trimmed(row.model));
  entry.vehicle.colour.assign(trimmed(row.colour));

  entry.priority = default_priority(entry.category);
  if (const auto priority = trimmed(row.priority); !priority.empty()) {
    if (priority.size() == 1 && priority[0] >= '1' && priority[0] <= '5') entry.priority = priority[0] - '0';
    else problems.push_back("priority: '" + std::string(priority) + "' is not a whole number from 1 (most urgent) to 5");
  }

  entry.expires_at.reset();
  if (const auto expires = trimmed(row.expires); !expires.empty()) {
    auto date = parse_iso_date(expires);
    if (!date && compact_dates_) date = parse_compact_date(expires);
    if (!date) {
      problems.push_back("expires: '" + std::string(expires) + "' is not a date written YYYY-MM-DD" +
                         (compact_dates_ ? " or YYYYMMDD" : "") + "; leave it empty for no expiry");
    } else {
      entry.expires_at = end_of_day_utc(*date);
      if (*entry.expires_at <= options_.now)
        problems.push_back("expires: " + std::string(expires) + " is already past; remove the row or give a later date");
    }
  }
}

const std::vector<PiiHit>& UploadCollector::free_text_findings(std::string_view text) {
  if (const auto known = findings_by_text_.find(text); known != findings_by_text_.end()) return known->second;
  if (findings_by_text_.size() >= kMaxRememberedTexts) findings_by_text_.clear();
  return findings_by_text_.emplace(std::string(text), scan_free_text(text)).first->second;
}

void UploadCollector::scan_for_pii(const UploadRow& row) {
  const auto list = trimmed(row.list).empty() ? std::string_view(options_.default_list) : trimmed(row.list);
  const auto found = scan_entry({row.reason, row.case_number, list, row.make, row.model, row.colour},
                                [this](std::string_view text) { return free_text_findings(text); });
  for (const auto& finding : found) add_pii(row.line, finding.field, finding.hit);
}

void UploadCollector::add_row(const UploadRow& row) {
  ++result_.rows;
  scan_for_pii(row);
  std::vector<std::string> problems;
  fill_entry(row, problems);
  const auto& entry = entry_;
  // Field checks beyond those above (reason, lengths, list name, state) come from the entry's own
  // rules; a field already reported in upload terms is not reported twice.
  for (auto& problem : validation_problems(entry)) {
    const auto field = problem.substr(0, problem.find(':') + 1);
    const bool reported = std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.starts_with(field); });
    if (!reported) problems.push_back(std::move(problem));
  }
  if (!problems.empty()) {
    std::string message = problems.front();
    for (std::size_t i = 1; i < problems.size(); ++i) message += "; " + problems[i];
    add_error(row.line, std::move(message));
    return;
  }
  if (result_.error_count > 0 || result_.pii_count > 0) return;  // refused anyway: keep no plates

  duplicates_.add(entry);
  result_.plates.add(entry);
}

ImportResult UploadCollector::finish() {
  if (result_.file_error.empty() && result_.rows == 0 && result_.error_count == 0)
    result_.file_error = "the file has no plates, only a header or blank lines; add one line per plate";
  if (result_.accepted()) {
    result_.duplicates_merged = duplicates_.merge(result_.plates);
  } else {
    result_.plates.clear();
    result_.duplicates_merged = 0;
  }
  duplicates_.clear();
  return std::move(result_);
}

}  // namespace platebus::hotlist
