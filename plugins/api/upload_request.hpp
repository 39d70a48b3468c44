#pragma once
// An upload route's request: the raw body is the file (a CSV or a state extract), its options come
// as URL parameters. Checked here so that a wrong option or a file that is not text is refused,
// and recorded, before anything reaches the service.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace platebus::api {

struct UploadRequest {
  nlohmann::json fields;  // {format, content, list?, mode}: the service request's own fields
  nlohmann::json record;  // {format, list, mode, bytes}: what the audit record keeps (never the content)
};

// From ?list=NAME&format=csv|state_extract&mode=merge|replace and the body. Throws BodyError naming
// the parameter, or the byte where the file stops being UTF-8.
UploadRequest upload_request(const std::map<std::string, std::string>& url_parameters, const std::string& body);

// The offset of the first byte that is not part of valid UTF-8, or std::string::npos.
std::size_t invalid_utf8_at(const std::string& text);

}  // namespace platebus::api
