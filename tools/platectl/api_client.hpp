#pragma once
// platectl's connection to the operator API: one JSON request, one JSON answer. HTTPS servers are
// verified against the system's CAs or --ca-file; a server that cannot be reached is an
// Unreachable error (exit code 3), anything the server answers is a Response.
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace platectl {

struct Response {
  int status = 0;
  nlohmann::json body;
  bool ok() const { return status >= 200 && status < 300; }
  // The server's error message, or a description of the status when it sent none.
  std::string error_message() const;
};

class Unreachable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ApiClient {
 public:
  // `server`: "http://127.0.0.1:8080" or "https://alpr.example.org"; throws std::invalid_argument.
  ApiClient(std::string server, std::string ca_file, std::string token);

  Response send(const std::string& method, const std::string& path,
                const std::optional<nlohmann::json>& body = std::nullopt) const;
  // POSTs a file as the raw body (an upload route), e.g. content_type "text/csv". The file is
  // streamed from disk, never held whole: hot lists run to tens of megabytes. Throws
  // std::runtime_error when it cannot be read.
  Response upload(const std::string& path, const std::filesystem::path& file, const std::string& content_type) const;

  const std::string& server() const { return server_; }

 private:
  Response exchange(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& content_type) const;
  // Connects, lets `call` make the request with the session's headers, and reads the answer.
  template <typename Call>
  Response perform(Call&& call) const;

  std::string server_;
  std::string ca_file_;
  std::string token_;
};

}  // namespace platectl
