#include "report_formats.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "platebus/printable_text.hpp"

namespace platebus::audit {

namespace {

// A spreadsheet runs a cell as a formula when it starts with = + - @, also after leading spaces or
// control characters (" =1+2", "\t=1+2"), and a leading tab or CR can start one too.
bool looks_like_formula(std::string_view text) {
  if (!text.empty() && (text.front() == '\t' || text.front() == '\r')) return true;
  const auto visible = [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; };
  const auto start = std::find_if(text.begin(), text.end(), visible);
  return start != text.end() && std::string_view("=+-@").find(*start) != std::string_view::npos;
}

std::string csv_field(const std::string& text) {
  // Quoted always; a formula is defused with a leading apostrophe, and control characters are
  // shown as escapes (printable_text), as everywhere a person reads the trail.
  std::string out = "\"";
  if (looks_like_formula(text)) out += '\'';
  for (const char c : printable_text(text)) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string user_name(const std::string& user) { return user.empty() ? "(nobody logged in)" : user; }

}  // namespace

std::string report_csv(const YearlyReport& report) {
  std::string out = "kind,user,category,allowed,refused,failed,total,detail\n";
  for (const auto& [user, activity] : report.users)
    for (const auto& [category, c] : activity.categories)
      out += fmt::format("count,{},{},{},{},{},{},\n", csv_field(user), csv_field(category), c[0], c[1], c[2],
                         c[0] + c[1] + c[2]);
  for (const auto& flag : report.flags)
    out += fmt::format("flag,{},{},,,,{},{}\n", csv_field(flag.user), csv_field(flag.kind), flag.count,
                       csv_field(flag.detail));
  return out;
}

// Read on a terminal: every value from the trail goes through printable_text, so none can break a line.
std::string report_text(const YearlyReport& report) {
  std::string out = fmt::format("Audit report {}: {} records, {} users\n\n", report.year, report.records,
                                report.users.size());
  for (const auto& [user, activity] : report.users) {
    out += fmt::format("{}: {} inquiries served, logins {} ok / {} refused, {} refused requests\n",
                       printable_text(user_name(user)), activity.inquiries, activity.logins_ok, activity.logins_refused,
                       activity.refused);
    for (const auto& [category, c] : activity.categories)
      out += fmt::format("    {:<18} {:>6} allowed {:>6} refused {:>6} failed\n", printable_text(category), c[0], c[1],
                         c[2]);
  }
  out += report.flags.empty() ? "\nNo unusual activity flagged.\n"
                              : fmt::format("\nUnusual activity to look into ({}):\n", report.flags.size());
  for (const auto& flag : report.flags)
    out += fmt::format("  [{}] {}: {}\n", printable_text(flag.kind),
                       flag.user.empty() ? "several users" : printable_text(flag.user), printable_text(flag.detail));
  return out;
}

std::string report_html(const YearlyReport& report) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Audit report {0}</title>\n"
      "<style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;"
      "padding:2px 6px}}td.n{{text-align:right}}</style></head><body>\n<h1>Audit report {0}</h1>\n"
      "<p>{1} records, {2} users.</p>\n<h2>Unusual activity</h2>\n",
      report.year, report.records, report.users.size());
  if (report.flags.empty()) out += "<p>No unusual activity flagged.</p>\n";
  else {
    out += "<table><tr><th>flag</th><th>user</th><th>count</th><th>detail</th></tr>\n";
    for (const auto& flag : report.flags)
      out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                         html_escape(flag.kind), html_escape(flag.user.empty() ? "several users" : flag.user),
                         flag.count, html_escape(flag.detail));
    out += "</table>\n";
  }
  out += "<h2>Activity by user</h2>\n<table><tr><th>user</th><th>category</th><th>allowed</th><th>refused</th>"
         "<th>failed</th></tr>\n";
  for (const auto& [user, activity] : report.users)
    for (const auto& [category, c] : activity.categories)
      out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                         "<td class=\"n\">{}</td></tr>\n",
                         html_escape(user_name(user)), html_escape(category), c[0], c[1], c[2]);
  out += "</table>\n<h2>Logins and refusals</h2>\n<table><tr><th>user</th><th>logins ok</th><th>logins refused</th>"
         "<th>refused requests</th></tr>\n";
  for (const auto& [user, activity] : report.users)
    out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                       html_escape(user_name(user)), activity.logins_ok, activity.logins_refused, activity.refused);
  return out + "</table>\n</body></html>\n";
}

}  // namespace platebus::audit
