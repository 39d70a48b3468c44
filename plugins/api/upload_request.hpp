#pragma once
// An upload route's request: the raw body is the file (a CSV or a state extract), its options come
// as URL parameters. Checked here so that a wrong option is refused, and recorded, before anything
// reaches the service.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "platebus/blob.hpp"

namespace platebus::api {

struct UploadRequest {
  nlohmann::json fields;  // {format, list?, mode, parts}: the service request's own fields
  Blob file;              // the file itself, sent as the request's binary part (role "file"): a
                          // hundred-megabyte list would cost more as JSON text than to import
  nlohmann::json record;  // {format, list, mode, bytes}: what the audit record keeps (never the content)
};

// From ?list=NAME&format=csv|state_extract&mode=merge|replace and the body. Throws BodyError naming
// the parameter. The file's content is the service's to check (it names lines and columns).
UploadRequest upload_request(const std::map<std::string, std::string>& url_parameters, std::string body);

}  // namespace platebus::api
