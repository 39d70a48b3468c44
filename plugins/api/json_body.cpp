#include "json_body.hpp"

#include <fmt/format.h>

#include "platebus/json_limits.hpp"

namespace platebus::api {

namespace {

const char* kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return "a string";
    case FieldKind::text_list: return "a list of strings";
    case FieldKind::object: return "an object";
    case FieldKind::boolean: return "true or false";
    case FieldKind::count: return "a whole number of 0 or more";
  }
  return "?";
}

bool has_kind(const nlohmann::json& value, FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return value.is_string();
    case FieldKind::object: return value.is_object();
    case FieldKind::boolean: return value.is_boolean();
    case FieldKind::count: return value.is_number_unsigned() || (value.is_number_integer() && value.get<long long>() >= 0);
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

// Refuses, while parsing, a document deeper, longer or with longer strings than the limits.
nlohmann::json parse_within_limits(const std::string& body) {
  try {
    return parse_json_within(body, {kMaxJsonDepth, kMaxJsonValues, kMaxJsonStringBytes});
  } catch (const JsonLimitError& e) {
    throw BodyError(fmt::format("the body {}", e.what()));
  }
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
    value = parse_within_limits(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw BodyError(fmt::format("the body is not valid JSON (byte {}); send a JSON object", e.byte));
  }
  if (!value.is_object()) throw BodyError("the body must be a JSON object {...}");
  check_fields(value, fields);
  return value;
}

void check_fields(const nlohmann::json& object, std::span<const FieldSpec> fields, const std::string& prefix) {
  for (const auto& entry : object.items()) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const auto& name = entry.key();
    const auto& item = entry.value();
    const auto spec = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == name; });
    if (spec == fields.end())
      throw BodyError(fmt::format("unknown field '{}{}'; {} takes {}", prefix, name,
                                  prefix.empty() ? "this route" : "'" + prefix.substr(0, prefix.size() - 1) + "'",
                                  field_names(fields)));
    if (!has_kind(item, spec->kind))
      throw BodyError(fmt::format("field '{}{}' must be {}", prefix, name, kind_name(spec->kind)));
  }
  for (const auto& field : fields)
    if (field.required && !object.contains(field.name))
      throw BodyError(fmt::format("field '{}{}' is required", prefix, field.name));
}

}  // namespace platebus::api
