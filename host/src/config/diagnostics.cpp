#include "config/diagnostics.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace platebus::host {

std::string Diagnostic::to_string() const {
  const char* label = severity == Severity::error ? "error" : "warning";
  if (where.line > 0) return fmt::format("{}:{}:{}: {}: {}", where.file, where.line, where.column, label, text);
  if (!where.file.empty()) return fmt::format("{}: {}: {}", where.file, label, text);
  return fmt::format("{}: {}", label, text);
}

void Diagnostics::error(SourceMark where, std::string text) {
  items_.push_back({Severity::error, std::move(where), std::move(text)});
}

void Diagnostics::warning(SourceMark where, std::string text) {
  items_.push_back({Severity::warning, std::move(where), std::move(text)});
}

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
