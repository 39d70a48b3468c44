#include "request_fields.hpp"

#include <fmt/format.h>

namespace platebus::hotlist {

namespace {
const nlohmann::json* find(const Message& request, const char* name) {
  const auto it = request.header.find(name);
  return it == request.header.end() || it->is_null() ? nullptr : &*it;
}
}  // namespace

void refuse_invalid(const std::string& text) { throw RequestError(ServiceStatus::invalid, text); }

std::string required_text(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) refuse_invalid(fmt::format("{}: missing; send it as text", name));
  if (!value->is_string()) refuse_invalid(fmt::format("{}: must be text", name));
  return value->get<std::string>();
}

std::optional<std::string> optional_text(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) return std::nullopt;
  if (!value->is_string()) refuse_invalid(fmt::format("{}: must be text", name));
  return value->get<std::string>();
}

bool required_bool(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) refuse_invalid(fmt::format("{}: missing; send true or false", name));
  if (!value->is_boolean()) refuse_invalid(fmt::format("{}: must be true or false", name));
  return value->get<bool>();
}

bool optional_bool(const Message& request, const char* name, bool absent) {
  const auto* value = find(request, name);
  if (!value) return absent;
  if (!value->is_boolean()) refuse_invalid(fmt::format("{}: must be true or false", name));
  return value->get<bool>();
}

std::size_t optional_count(const Message& request, const char* name, std::size_t minimum, std::size_t maximum,
                           std::size_t absent) {
  const auto* value = find(request, name);
  if (!value) return absent;
  if (!value->is_number_integer() || value->get<long long>() < static_cast<long long>(minimum) ||
      value->get<long long>() > static_cast<long long>(maximum))
    refuse_invalid(fmt::format("{}: must be a whole number from {} to {}", name, minimum, maximum));
  return value->get<std::size_t>();
}

const nlohmann::json& required_object(const Message& request, const char* name) {
  const auto* value = find(request, name);
  if (!value) refuse_invalid(fmt::format("{}: missing; send an object", name));
  if (!value->is_object()) refuse_invalid(fmt::format("{}: must be an object", name));
  return *value;
}

std::string_view required_file(const Message& request) {
  const auto parts = request.header.find(field::parts);
  if (parts != request.header.end() && parts->is_array())
    for (std::size_t i = 0; i < parts->size(); ++i) {
      const auto& description = (*parts)[i];
      if (!description.is_object() || description.value("role", "") != "file") continue;
      if (i >= request.parts.size())
        refuse_invalid(fmt::format("parts: part {} (the file) is described but did not arrive; send it as binary part {}",
                                   i + 1, i + 1));
      return request.parts[i].as_string();
    }
  const auto* value = find(request, "content");
  if (!value)
    refuse_invalid("content: missing; send the file as a binary part described as {\"role\": \"file\"}, or as text in 'content'");
  if (!value->is_string()) refuse_invalid("content: must be text");
  return value->get_ref<const std::string&>();
}

}  // namespace platebus::hotlist
