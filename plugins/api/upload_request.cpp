#include "upload_request.hpp"

#include <fmt/format.h>

#include "json_body.hpp"
#include "platebus/message.hpp"

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

}  // namespace

UploadRequest upload_request(const std::map<std::string, std::string>& url_parameters, std::string body) {
  for (const auto& [name, value] : url_parameters)
    if (name != "list" && name != "format" && name != "mode")
      throw BodyError(fmt::format("unknown URL parameter '{}'; an upload takes list, format and mode", name));
  const auto format = parameter(url_parameters, "format", {"csv", "state_extract"});
  const auto mode = parameter(url_parameters, "mode", {"merge", "replace"});
  const auto list = url_parameters.count("list") ? url_parameters.at("list") : std::string();
  UploadRequest request;
  request.record = {{"list", list}, {"format", format}, {"mode", mode}, {"bytes", body.size()}};
  request.fields = {{"format", format},
                    {"mode", mode},
                    {field::parts, nlohmann::json::array({{{"role", "file"}, {"size", body.size()}}})}};
  if (!list.empty()) request.fields["list"] = list;
  request.file = Blob::from_string(std::move(body));
  return request;
}

}  // namespace platebus::api
