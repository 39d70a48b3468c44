#include "request_fields.hpp"

#include <fmt/format.h>

#include "account_error.hpp"
#include "shown_text.hpp"

namespace platebus::accounts {

namespace {

AccountError invalid(const std::string& text) { return AccountError(ServiceStatus::invalid, text); }

const nlohmann::json* find(const Message& request, const char* name) {
  const auto it = request.header.find(name);
  return it == request.header.end() || it->is_null() ? nullptr : &*it;
}

Date date_from(const nlohmann::json& value, const char* name) {
  if (!value.is_string()) throw invalid(fmt::format("{}: must be a date as text, YYYY-MM-DD", name));
  const auto text = value.get<std::string>();
  const auto date = parse_iso_date(text);
  if (!date) throw invalid(fmt::format("{}: '{}' is not a date; write YYYY-MM-DD", name, shown(text)));
  return *date;
}

std::vector<std::string> list_from(const nlohmann::json& value, const char* name) {
  if (!value.is_array()) throw invalid(fmt::format("{}: must be a list of texts", name));
  std::vector<std::string> items;
  for (const auto& item : value) {
    if (!item.is_string()) throw invalid(fmt::format("{}: must be a list of texts", name));
    items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace

std::string required_text(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) throw invalid(fmt::format("{}: missing; send it as text", name));
  if (!value->is_string()) throw invalid(fmt::format("{}: must be text", name));
  return value->get<std::string>();
}

std::optional<std::string> optional_text(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) return std::nullopt;
  if (!value->is_string()) throw invalid(fmt::format("{}: must be text", name));
  return value->get<std::string>();
}

std::vector<std::string> required_text_list(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) throw invalid(fmt::format("{}: missing; send a list of texts", name));
  return list_from(*value, name);
}

std::optional<std::vector<std::string>> optional_text_list(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) return std::nullopt;
  return list_from(*value, name);
}

Date required_date(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) throw invalid(fmt::format("{}: missing; write a date, YYYY-MM-DD", name));
  return date_from(*value, name);
}

std::optional<std::optional<Date>> optional_date(const Message& request, const char* name) {
  const auto it = request.header.find(name);
  if (it == request.header.end()) return std::nullopt;
  if (it->is_null() || (it->is_string() && it->get<std::string>().empty())) return std::optional<Date>();
  return std::optional<Date>(date_from(*it, name));
}

}  // namespace platebus::accounts
