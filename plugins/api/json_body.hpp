#pragma once
// Reads a request's JSON body against the fields its route accepts, so every malformed body, field
// of the wrong type, missing field or unknown field is refused with a text naming the field.
#include <span>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace platebus::api {

enum class FieldKind { text, text_list, object };

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

}  // namespace platebus::api
