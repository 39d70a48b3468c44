#include "api_client.hpp"

#include <fstream>

#include <fmt/format.h>
#include <httplib.h>

namespace platectl {

std::string Response::error_message() const {
  if (body.is_object() && body.contains("error") && body["error"].is_object())
    return body["error"].value("message", std::string());
  return fmt::format("the server answered HTTP {}", status);
}

ApiClient::ApiClient(std::string server, std::string ca_file, std::string token)
    : server_(std::move(server)), ca_file_(std::move(ca_file)), token_(std::move(token)) {
  while (!server_.empty() && server_.back() == '/') server_.pop_back();
  if (server_.rfind("http://", 0) != 0 && server_.rfind("https://", 0) != 0)
    throw std::invalid_argument(
        fmt::format("server '{}' must start with http:// or https://, e.g. https://alpr.example.org:8443", server_));
}

Response ApiClient::send(const std::string& method, const std::string& path,
                         const std::optional<nlohmann::json>& body) const {
  return exchange(method, path, body ? body->dump() : std::string(), "application/json");
}

Response ApiClient::upload(const std::string& path, const std::filesystem::path& file,
                           const std::string& content_type) const {
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  if (!*in || error) throw std::runtime_error(fmt::format("cannot read {}", file.string()));
  return perform([&](httplib::Client& client, const httplib::Headers& headers) {
    return client.Post(
        path, headers, size,
        [in](std::size_t, std::size_t length, httplib::DataSink& sink) {
          char chunk[1 << 16];
          const auto wanted = static_cast<std::streamsize>(std::min(length, sizeof chunk));
          in->read(chunk, wanted);
          // A file that shrinks while it is sent ends the request; the server then refuses the cut body.
          return in->gcount() == wanted && sink.write(chunk, static_cast<std::size_t>(wanted));
        },
        content_type);
  });
}

Response ApiClient::exchange(const std::string& method, const std::string& path, const std::string& text,
                             const std::string& content_type) const {
  return perform([&](httplib::Client& client, const httplib::Headers& headers) {
    const auto* type = content_type.c_str();
    if (method == "GET") return client.Get(path, headers);
    if (method == "POST") return client.Post(path, headers, text, type);
    if (method == "PUT") return client.Put(path, headers, text, type);
    if (method == "PATCH") return client.Patch(path, headers, text, type);
    if (method == "DELETE") return client.Delete(path, headers, text, type);
    throw std::logic_error("unsupported method " + method);
  });
}

template <typename Call>
Response ApiClient::perform(Call&& call) const {
  httplib::Client client(server_);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(60));
  client.enable_server_certificate_verification(true);
  if (!ca_file_.empty()) client.set_ca_cert_path(ca_file_.c_str());
  httplib::Headers headers;
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  const auto result = call(client, headers);
  if (!result) {
    const auto error = result.error();
    const bool tls = error == httplib::Error::SSLServerVerification || error == httplib::Error::SSLConnection ||
                     error == httplib::Error::SSLLoadingCerts;
    throw Unreachable(fmt::format(
        "cannot reach the server at {}: {}; {}", server_, httplib::to_string(error),
        tls ? "check its certificate, or give the CA that signed it with --ca-file or PLATEBUS_CA_FILE"
            : "is the API running? Give its address with --server or PLATEBUS_SERVER"));
  }
  Response response;
  response.status = result->status;
  if (!result->body.empty()) {
    response.body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
    if (response.body.is_discarded()) response.body = {{"error", {{"message", result->body}}}};
  }
  return response;
}

}  // namespace platectl
