#pragma once
// Reading a request's header fields strictly: a missing or mistyped field is refused as invalid with
// the field named, never guessed.
#include <optional>
#include <string>
#include <vector>

#include "duration_words.hpp"
#include "platebus/time.hpp"
#include "platebus/message.hpp"

namespace platebus::accounts {

std::string required_text(const Message& request, const char* name);
std::optional<std::string> optional_text(const Message& request, const char* name);  // absent or null: nothing
std::vector<std::string> required_text_list(const Message& request, const char* name);
std::optional<std::vector<std::string>> optional_text_list(const Message& request, const char* name);
Date required_date(const Message& request, const char* name);
// Absent: nothing. Null or "": a value of nothing (no date). Otherwise a date.
std::optional<std::optional<Date>> optional_date(const Message& request, const char* name);

}  // namespace platebus::accounts
