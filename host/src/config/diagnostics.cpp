#include "config/diagnostics.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "platebus/printable_text.hpp"

namespace platebus::host {

std::string Diagnostic::to_string() const {
  const char* label = severity == Severity::error ? "error" : "warning";
  if (where.line > 0) return fmt::format("{}:{}:{}: {}: {}", where.file, where.line, where.column, label, text);
  if (!where.file.empty()) return fmt::format("{}: {}: {}", where.file, label, text);
  return fmt::format("{}: {}", label, text);
}

// Texts quote what the file says and file names come from outside: both are made safe to print
// here, once, so no diagnostic can clear a terminal or forge a line.
void Diagnostics::add(Severity severity, SourceMark where, const std::string& text) {
  where.file = printable_text(where.file);
  items_.push_back({severity, std::move(where), printable_text(text)});
}

void Diagnostics::error(SourceMark where, std::string text) { add(Severity::error, std::move(where), text); }

void Diagnostics::warning(SourceMark where, std::string text) { add(Severity::warning, std::move(where), text); }

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const auto& d) { return d.severity == Severity::error; });
}

std::string Diagnostics::to_string() const {
  std::string text;
  for (const auto& d : items_) text += d.to_string() + "\n";
  return text;
}

}  // namespace platebus::host
