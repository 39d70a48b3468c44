#include "json_body.hpp"

#include <fmt/format.h>

namespace platebus::api {

namespace {

const char* kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return "a string";
    case FieldKind::text_list: return "a list of strings";
    case FieldKind::object: return "an object";
  }
  return "?";
}

bool has_kind(const nlohmann::json& value, FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return value.is_string();
    case FieldKind::object: return value.is_object();
    case FieldKind::text_list:
      if (!value.is_array()) return false;
      for (const auto& item : value)
        if (!item.is_string()) return false;
      return true;
  }
  return false;
}

std::string field_names(std::span<const FieldSpec> fields) {
  if (fields.empty()) return "no fields";
  std::string names;
  for (const auto& field : fields) names += (names.empty() ? "" : ", ") + field.name;
  return names;
}

}  // namespace

nlohmann::json parse_body(const std::string& body, std::span<const FieldSpec> fields) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    for (const auto& field : fields)
      if (field.required) throw BodyError(fmt::format("field '{}' is required; send a JSON object body", field.name));
    return nlohmann::json::object();
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw BodyError(fmt::format("the body is not valid JSON (byte {}); send a JSON object", e.byte));
  }
  if (!value.is_object()) throw BodyError("the body must be a JSON object {...}");
  for (const auto& [name, item] : value.items()) {
    const auto spec = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == name; });
    if (spec == fields.end())
      throw BodyError(fmt::format("unknown field '{}'; this route takes {}", name, field_names(fields)));
    if (!has_kind(item, spec->kind))
      throw BodyError(fmt::format("field '{}' must be {}", name, kind_name(spec->kind)));
  }
  for (const auto& field : fields)
    if (field.required && !value.contains(field.name)) throw BodyError(fmt::format("field '{}' is required", field.name));
  return value;
}

}  // namespace platebus::api
