#pragma once
// Reading the `hotlist` service's request fields strictly: a missing or mistyped field is refused as
// `invalid` naming the field and what to send, never guessed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "platebus/message.hpp"
#include "platebus/service_table.hpp"

namespace platebus::hotlist {

// A refusal with its service status; the service's table turns it into the reply.
using RequestError = ServiceError;

[[noreturn]] void refuse_invalid(const std::string& text);

std::string required_text(const Message& request, const char* name);
std::optional<std::string> optional_text(const Message& request, const char* name);  // absent or null: nothing
bool required_bool(const Message& request, const char* name);
bool optional_bool(const Message& request, const char* name, bool absent);
// A whole number in [minimum, maximum], or `absent` when the field is missing or null.
std::size_t optional_count(const Message& request, const char* name, std::size_t minimum, std::size_t maximum,
                           std::size_t absent);
const nlohmann::json& required_object(const Message& request, const char* name);
// An uploaded file: the binary part described as {"role": "file"} (what the API sends), else the
// text field `content` (small requests from tests and peers). Valid while `request` lives.
std::string_view required_file(const Message& request);

}  // namespace platebus::hotlist
