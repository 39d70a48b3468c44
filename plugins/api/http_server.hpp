#pragma once
// The HTTP side of the API on cpp-httplib: TLS when a certificate is configured, the routes of the
// route table, the body limit, and JSON errors for whatever no route handles. Bind first (so port
// 0 resolves and is logged), then serve on a thread of our own until stop().
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api_settings.hpp"
#include "request_pipeline.hpp"
#include "route_table.hpp"
#include "tls_context.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace platebus::api {

class GuardedServer;

class HttpServer {
 public:
  HttpServer(const ApiSettings& settings, std::vector<Route> routes, RequestPipeline& pipeline);
  ~HttpServer();

  // Binds the listen address; returns the bound port. Throws std::runtime_error saying why not.
  int bind();
  // Serves on a thread until stop().
  void start_serving();
  // Stops accepting, waits for requests in flight and joins every server thread: after this no
  // HTTP thread runs our handlers any more.
  void stop();

  std::string base_url() const;  // "http://127.0.0.1:8080"

 private:
  void add_route(const Route& route);
  // `names`: the route's path parameters, in order (Route::path_parameters()).
  void handle(const Route& route, const std::vector<std::string>& names, const httplib::Request& request,
              httplib::Response& response, ApiRequest api);
  // After the headers, before the body: whether it refused (answered) a large body nobody allowed
  // may send.
  bool refused_before_body(const httplib::Request& request, httplib::Response& response);
  // The JSON error and audit record of whatever no route answered (404, 405, 413, unreadable).
  void answer_unrouted(const httplib::Request& request, httplib::Response& response);
  // The 413 message: the limit of the route's kind of body (no route: JSON's).
  std::string too_large(const Route* route) const;
  // Whether the headers announce a body over max_body_bytes (or one of unknown size).
  bool announces_large_body(const httplib::Request& request) const;

  const ApiSettings& settings_;
  std::vector<Route> routes_;
  RequestPipeline& pipeline_;
  SslContext tls_;  // before server_, which uses it
  std::unique_ptr<GuardedServer> server_;
  std::thread thread_;
  std::atomic<bool> listening_done_{false};
  int port_ = 0;
};

}  // namespace platebus::api
