#pragma once
// Reads a request's JSON body against the fields its route accepts, so every malformed body, field
// of the wrong type, missing field or unknown field is refused with a text naming the field.
#include <span>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace platebus::api {

enum class FieldKind { text, text_list, object, boolean, count };  // count: an integer of 0 or more

struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::text;
  bool required = true;
};

// A body the route cannot take; what() names the field and what it should be.
class BodyError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// What any JSON body may hold, checked while it is parsed (a deeper document would overflow the
// stack when copied or printed; docs/security.md lists these).
inline constexpr int kMaxJsonDepth = 32;                   // nested objects and arrays
inline constexpr std::size_t kMaxJsonValues = 10000;       // values and keys in the whole body
inline constexpr std::size_t kMaxJsonStringBytes = 65536;  // one string or key

// Parses `body` as a JSON object holding only `fields`. An empty body reads as {} (so a route
// whose fields are all optional may be called without one). Throws BodyError, also when the body
// breaks one of the limits above.
nlohmann::json parse_body(const std::string& body, std::span<const FieldSpec> fields);

// Checks a JSON object already parsed (e.g. an inquiry's `query`) the same way; `prefix` goes before
// each field name in the error ("query."). Throws BodyError.
void check_fields(const nlohmann::json& object, std::span<const FieldSpec> fields, const std::string& prefix = "");

}  // namespace platebus::api
