#include "hostile_text.hpp"

#include <fmt/format.h>

namespace platebus::api {

namespace {

using Json = nlohmann::json;

// The length of `text` cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::size_t boundary_at_most(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  auto end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

// Into `value`'s copy, members until `budget` runs out; the rest are counted in "...".
void copy_within(const Json& from, Json& to, std::size_t& budget) {
  std::size_t left_out = 0;
  for (auto it = from.begin(); it != from.end(); ++it) {
    if (budget == 0) {
      ++left_out;
      continue;
    }
    auto item = printable_json(*it, budget);
    const auto size = dump_safely(item).size() + (from.is_object() ? it.key().size() : 0);
    budget = size >= budget ? 0 : budget - size;
    if (from.is_object()) to[printable(it.key())] = std::move(item);
    else to.push_back(std::move(item));
  }
  if (left_out == 0) return;
  const auto note = fmt::format("{} more not recorded", left_out);
  if (to.is_object()) to["..."] = note;
  else to.push_back(note);
}

}  // namespace

bool is_utf8(std::string_view text) {
  try {
    (void)Json(std::string(text)).dump();
    return true;
  } catch (const Json::type_error&) {
    return false;
  }
}

std::string dump_safely(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string printable(std::string_view text, std::size_t max_bytes) {
  const auto kept = boundary_at_most(text, max_bytes);
  // The library's own UTF-8 check: dumped with replacement, read back.
  auto out = Json::parse(dump_safely(Json(std::string(text.substr(0, kept))))).get<std::string>();
  for (auto& c : out)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f) c = '?';
  if (kept < text.size()) out += fmt::format("...({} bytes)", text.size());
  return out;
}

Json printable_json(const Json& value, std::size_t budget) {
  if (value.is_string()) return printable(value.get_ref<const std::string&>(), std::min(budget, kRecordedTextBytes));
  if (!value.is_structured()) return value;
  auto copy = value.is_object() ? Json::object() : Json::array();
  copy_within(value, copy, budget);
  return copy;
}

}  // namespace platebus::api
