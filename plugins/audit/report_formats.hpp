#pragma once
// The yearly report as CSV (one table: counts rows, then flag rows), readable text, and a
// self-contained HTML page.
#include <string>

#include "yearly_report.hpp"

namespace platebus::audit {

// Columns: kind,user,category,allowed,refused,failed,total,detail. kind "count" rows give one
// user's records in one category; kind "flag" rows name the flag in `category` and explain it in
// `detail` (its count in `total`).
std::string report_csv(const YearlyReport& report);
std::string report_text(const YearlyReport& report);
std::string report_html(const YearlyReport& report);

}  // namespace platebus::audit
