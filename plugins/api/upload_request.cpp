#include "upload_request.hpp"

#include <fmt/format.h>

#include "json_body.hpp"

namespace platebus::api {

namespace {

std::string parameter(const std::map<std::string, std::string>& parameters, const char* name,
                      std::initializer_list<const char*> allowed) {
  const auto it = parameters.find(name);
  if (it == parameters.end() || it->second.empty()) return *allowed.begin();
  for (const auto* value : allowed)
    if (it->second == value) return value;
  std::string choices;
  for (const auto* value : allowed) choices += (choices.empty() ? "" : " or ") + std::string(value);
  throw BodyError(fmt::format("URL parameter '{}' is '{}'; give {}", name, it->second, choices));
}

// The length of the UTF-8 sequence `lead` starts, or 0 when it cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool valid_sequence(const unsigned char* s, std::size_t length) {
  for (std::size_t i = 1; i < length; ++i)
    if ((s[i] & 0xC0) != 0x80) return false;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  if (length == 3 && s[0] == 0xE0 && s[1] < 0xA0) return false;
  if (length == 3 && s[0] == 0xED && s[1] >= 0xA0) return false;
  if (length == 4 && s[0] == 0xF0 && s[1] < 0x90) return false;
  if (length == 4 && s[0] == 0xF4 && s[1] >= 0x90) return false;
  return true;
}

}  // namespace

std::size_t invalid_utf8_at(const std::string& text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const auto length = sequence_length(bytes[i]);
    if (length == 0 || i + length > text.size() || !valid_sequence(bytes + i, length)) return i;
    i += length;
  }
  return std::string::npos;
}

UploadRequest upload_request(const std::map<std::string, std::string>& url_parameters, const std::string& body) {
  for (const auto& [name, value] : url_parameters)
    if (name != "list" && name != "format" && name != "mode")
      throw BodyError(fmt::format("unknown URL parameter '{}'; an upload takes list, format and mode", name));
  const auto format = parameter(url_parameters, "format", {"csv", "state_extract"});
  const auto mode = parameter(url_parameters, "mode", {"merge", "replace"});
  const auto list = url_parameters.count("list") ? url_parameters.at("list") : std::string();
  // The bus carries requests as JSON, which holds text only; a file in another encoding would be
  // refused there, less clearly.
  if (const auto at = invalid_utf8_at(body); at != std::string::npos)
    throw BodyError(
        fmt::format("the file is not UTF-8 text (byte {} is not valid UTF-8); upload the CSV or state "
                    "extract as UTF-8 text",
                    at));
  UploadRequest request;
  request.fields = {{"format", format}, {"content", body}, {"mode", mode}};
  if (!list.empty()) request.fields["list"] = list;
  request.record = {{"list", list}, {"format", format}, {"mode", mode}, {"bytes", body.size()}};
  return request;
}

}  // namespace platebus::api
