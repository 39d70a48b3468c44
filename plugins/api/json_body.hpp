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

// Parses `body` as a JSON object holding only `fields`. An empty body reads as {} (so a route
// whose fields are all optional may be called without one). Throws BodyError.
nlohmann::json parse_body(const std::string& body, std::span<const FieldSpec> fields);

// Checks a JSON object already parsed (e.g. an inquiry's `query`) the same way; `prefix` goes before
// each field name in the error ("query."). Throws BodyError.
void check_fields(const nlohmann::json& object, std::span<const FieldSpec> fields, const std::string& prefix = "");

}  // namespace platebus::api
