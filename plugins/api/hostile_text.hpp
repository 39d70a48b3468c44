#pragma once
// Text that came from outside (paths, URL parameters, headers, body fields), made safe to echo in
// an answer and to keep in an audit record: valid UTF-8 (bad bytes become U+FFFD), no control
// characters but line breaks and tabs (a terminal escape cannot reach platectl's user or a log),
// and bounded. nlohmann's dump() throws on invalid UTF-8, and an exception outside a
// handler ends the whole host, so hostile text is made printable before it goes anywhere.
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace platebus::api {

// The most of one piece of outside text the API echoes or records (target, detail, each query
// value, reason, case number); longer text is cut and says how long it was. docs/security.md.
inline constexpr std::size_t kRecordedTextBytes = 1024;
// The most of a whole `query` an audit record keeps; further members are left out, and counted.
inline constexpr std::size_t kRecordedQueryBytes = 8192;

// Whether `text` is valid UTF-8 (what JSON text must be).
bool is_utf8(std::string_view text);

// `text` as valid UTF-8 without control characters (but \n and \t), cut to `max_bytes` (at a character boundary)
// with "...(N bytes)" after it when it was longer.
std::string printable(std::string_view text, std::size_t max_bytes = kRecordedTextBytes);

// `value` with every string and key printable and cut to kRecordedTextBytes, holding at most about
// `budget` bytes of text: what an audit record keeps of a request's fields.
nlohmann::json printable_json(const nlohmann::json& value, std::size_t budget = kRecordedQueryBytes);

// JSON text that never throws: invalid UTF-8 anywhere becomes U+FFFD.
std::string dump_safely(const nlohmann::json& value);

}  // namespace platebus::api
