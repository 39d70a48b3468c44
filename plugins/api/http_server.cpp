#include "http_server.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <httplib.h>

#include "api_errors.hpp"
#include "guarded_server.hpp"
#include "hostile_text.hpp"

namespace platebus::api {

namespace {

std::string client_of(const httplib::Request& request) {
  return request.remote_addr.find(':') != std::string::npos
             ? fmt::format("[{}]:{}", request.remote_addr, request.remote_port)
             : fmt::format("{}:{}", request.remote_addr, request.remote_port);
}

std::string bearer_token(const httplib::Request& request) {
  const auto value = request.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  return value.rfind(kScheme, 0) == 0 ? value.substr(kScheme.size()) : std::string();
}

// Everything but the body, which the caller reads (an upload's) or copies (a JSON one).
ApiRequest api_request_head(const httplib::Request& request) {
  ApiRequest result;
  result.method = request.method;
  result.path = request.path;
  for (const auto& [name, value] : request.params) result.url_parameters[name] = value;
  result.token = bearer_token(request);
  result.client = client_of(request);
  return result;
}

ApiRequest api_request(const httplib::Request& request) {
  auto result = api_request_head(request);
  result.body = request.body;
  return result;
}

// An uploaded file, read straight into one string of the announced size: the server would grow its
// own copy as it reads, and that copy would be copied twice more on the way to the service.
// Nothing when the body could not be read whole (too large, cut off). The announced size is a
// stranger's number: at most `max_bytes` is reserved, whatever it says.
std::optional<std::string> read_upload(const httplib::Request& request, const httplib::ContentReader& reader,
                                       std::size_t max_bytes) {
  std::string body;
  if (const auto length = request.get_header_value("Content-Length"); !length.empty()) {
    try {
      body.reserve(std::min<unsigned long long>(std::stoull(length), max_bytes));
    } catch (const std::exception&) {
    }  // not a number: read without reserving; the server answers a malformed length itself
  }
  const bool whole = reader([&](const char* data, std::size_t size) {
    body.append(data, size);
    return true;
  });
  if (!whole) return std::nullopt;
  return body;
}

void write(httplib::Response& response, const ApiResponse& answer) {
  response.status = answer.status;
  response.set_content(dump_safely(answer.body), "application/json");
}

// Runs `answer`, and turns whatever it throws into a 500: outside a route's own handler cpp-httplib
// catches nothing, and an exception there ends the whole host.
template <class Answer>
void guarded(httplib::Response& response, Answer&& answer) {
  try {
    answer();
  } catch (const std::exception& e) {
    write(response, {500, error_body(500, std::string("internal error: ") + e.what())});
  } catch (...) {
    write(response, {500, error_body(500, "internal error")});
  }
}

// Whether a Content-Type names JSON ("application/json", with or without parameters).
bool names_json(const std::string& content_type) {
  auto type = content_type.substr(0, content_type.find(';'));
  type.erase(type.find_last_not_of(" \t") + 1);
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type == "application/json";
}

}  // namespace

HttpServer::HttpServer(const ApiSettings& settings, std::vector<Route> routes, RequestPipeline& pipeline)
    : settings_(settings), routes_(std::move(routes)), pipeline_(pipeline) {
  if (settings.tls()) tls_ = tls_context(settings.certificate, settings.private_key);
  server_ = std::make_unique<GuardedServer>(settings.connections, tls_.get());
  // Enough workers that the clients within their connections_per_client cannot take them all.
  server_->new_task_queue = [workers = settings.worker_threads] { return new httplib::ThreadPool(workers); };
  // The server reads bodies up to the larger limit; JSON routes hold theirs to max_body_bytes in handle().
  server_->set_payload_max_length(std::max(settings.max_body_bytes, settings.max_upload_bytes));
  // Small JSON answers go out at once (no Nagle delay against the client's delayed ACK).
  server_->set_tcp_nodelay(true);
  // The server would read a body of up to max_upload_bytes before any handler runs; it reads one
  // over max_body_bytes only for a session allowed to take the route, so nobody can make it hold
  // large bodies without logging in. This runs after the headers, before the body is read; the
  // refusal is recorded, though a client still sending may see the connection close instead.
  server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
    GuardedServer::headers_read();
    bool handled = true;  // what throws is answered with a 500, and the body is not read
    guarded(response, [&] { handled = refused_before_body(request, response); });
    return handled ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
  });
  for (const auto& route : routes_) add_route(route);
  // Whatever no route answered (no such route, a body over the limit) still gets a JSON error and
  // an audit record. Handlers' own errors already carry a body and are left alone.
  server_->set_error_handler([this](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    guarded(response, [&] { answer_unrouted(request, response); });
  });
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
    guarded(response, [&] { std::rethrow_exception(error); });
  });
}

bool HttpServer::refused_before_body(const httplib::Request& request, httplib::Response& response) {
  if (!announces_large_body(request)) return false;
  const auto* route = find_route(routes_, request.method, request.path);
  auto [status, message] = std::pair<int, std::string>{413, too_large(route)};
  if (route && !route->action.empty()) {
    const auto [refused, why] = pipeline_.upload_refusal(*route, bearer_token(request), client_of(request));
    if (refused == 0) return false;  // read it; JSON routes then say 413
    if (!takes_json(*route)) std::tie(status, message) = std::pair{refused, why};
  }
  write(response, pipeline_.refuse_unrouted(route ? route->category : "", api_request(request), status, message));
  response.set_header("Connection", "close");  // the unread body must not be taken for the next request
  return true;
}

void HttpServer::answer_unrouted(const httplib::Request& request, httplib::Response& response) {
  const auto* route = find_route(routes_, request.method, request.path);
  // A path that exists under other methods is 405 with the methods it takes, not 404.
  if (response.status == 404) {
    if (const auto methods = methods_for(routes_, request.path); !methods.empty()) {
      const auto allowed = fmt::format("{}", fmt::join(methods, ", "));
      response.set_header("Allow", allowed);
      write(response, pipeline_.refuse_unrouted("", api_request(request), 405,
                                                fmt::format("{} {} is not a route; this path takes {}", request.method,
                                                            request.path, allowed)));
      return;
    }
  }
  const auto message =
      response.status == 413 ? too_large(route)
      : response.status == 404
          ? fmt::format("no route {} {}; see docs/api.md for the routes", request.method, request.path)
          : fmt::format("the request could not be read (HTTP {})", response.status);
  write(response, pipeline_.refuse_unrouted(route ? route->category : "", api_request(request), response.status,
                                            message));
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::add_route(const Route& route) {
  const auto pattern = route.pattern();
  // The {name}s of the path are worked out once here, not on every request.
  auto handler = [this, &route, names = route.path_parameters()](const httplib::Request& request,
                                                                 httplib::Response& response) {
    handle(route, names, request, response, api_request(request));
  };
  if (route.kind == RouteKind::upload) {
    if (route.method != "POST") throw std::logic_error("route table has an upload that is not a POST");
    server_->Post(pattern, [this, &route, names = route.path_parameters()](const httplib::Request& request,
                                                                          httplib::Response& response,
                                                                          const httplib::ContentReader& reader) {
      auto body = read_upload(request, reader, settings_.max_upload_bytes);
      if (!body) {
        // The server set 413 (over max_upload_bytes) or 400; the error handler answers and records it.
        if (response.status < 400) response.status = 400;
        return;
      }
      auto api = api_request_head(request);
      api.body = std::move(*body);
      handle(route, names, request, response, std::move(api));
    });
    return;
  }
  if (route.method == "GET") server_->Get(pattern, handler);
  else if (route.method == "POST") server_->Post(pattern, handler);
  else if (route.method == "PUT") server_->Put(pattern, handler);
  else if (route.method == "PATCH") server_->Patch(pattern, handler);
  else if (route.method == "DELETE") server_->Delete(pattern, handler);
  else throw std::logic_error("route table has method " + route.method);
}

std::string HttpServer::too_large(const Route* route) const {
  return route && !takes_json(*route)
             ? fmt::format("the file is larger than {} bytes (max_upload_bytes)", settings_.max_upload_bytes)
             : fmt::format("the request body is larger than {} bytes (max_body_bytes)", settings_.max_body_bytes);
}

bool HttpServer::announces_large_body(const httplib::Request& request) const {
  if (request.has_header("Transfer-Encoding")) return true;  // chunked: its size is unknown until read
  try {
    const auto length = request.get_header_value("Content-Length");
    return !length.empty() && std::stoull(length) > settings_.max_body_bytes;
  } catch (const std::exception&) {
    return true;  // not a number: let nothing through unchecked
  }
}

void HttpServer::handle(const Route& route, const std::vector<std::string>& names, const httplib::Request& request,
                        httplib::Response& response, ApiRequest api) {
  if (takes_json(route) && api.body.size() > settings_.max_body_bytes)
    return write(response, pipeline_.refuse_unrouted(route.category, api, 413, too_large(&route)));
  // A form or text/plain body could come from any web page the person visits (no CORS preflight).
  if (takes_json(route) && (!api.body.empty() || request.has_header("Content-Type")) &&
      !names_json(request.get_header_value("Content-Type")))
    return write(response, pipeline_.refuse_unrouted(route.category, api, 415,
                                                     fmt::format("the body is '{}'; send it as Content-Type: "
                                                                 "application/json",
                                                                 request.get_header_value("Content-Type"))));
  for (std::size_t i = 0; i < names.size() && i + 1 < request.matches.size(); ++i)
    api.path_parameters[names[i]] = request.matches[i + 1].str();
  write(response, pipeline_.handle(route, std::move(api)));
}

int HttpServer::bind() {
  const auto& listen = settings_.listen;
  port_ = listen.port == 0 ? server_->bind_to_any_port(listen.host) : (server_->bind_to_port(listen.host, listen.port)
                                                                          ? listen.port
                                                                          : -1);
  if (port_ <= 0)
    throw std::runtime_error(fmt::format("cannot listen on {}: the address is not local or the port is in use; change "
                                         "listen (port 0 picks a free one)",
                                         listen.with_port(listen.port)));
  return port_;
}

void HttpServer::start_serving() {
  listening_done_ = false;
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listening_done_ = true;
  });
  // stop() is a no-op until the server runs: wait for it, so a stop right after cannot be lost.
  while (!server_->is_running() && !listening_done_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
  if (!server_) return;
  server_->stopping();
  server_->stop();
  // listen_after_bind() returns only after its worker threads have finished their requests.
  if (thread_.joinable()) thread_.join();
}

std::string HttpServer::base_url() const {
  return fmt::format("{}://{}", settings_.tls() ? "https" : "http", settings_.listen.with_port(port_));
}

}  // namespace platebus::api
