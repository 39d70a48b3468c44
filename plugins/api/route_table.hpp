#pragma once
// Every route of the operator API (v1): method, path, the permission it needs, the audit category
// it is recorded under, the JSON body it takes, and the service request it becomes. docs/api.md
// documents this table; the tests walk it.
#include <string>
#include <vector>

#include "api_settings.hpp"
#include "json_body.hpp"

namespace platebus::api {

enum class RouteKind {
  health,    // no authentication, no service
  login,     // Login, audited after the attempt (its outcome is known only then)
  logout,    // Logout of the caller's own session
  whoami,    // the caller's own session, from Authorize
  password,  // PasswordChange of the caller's own password
  service,   // a request of `request_type` to the `port` service, fields from body, path and URL
  inquiry,   // an "Inquiry" to the `inquiry` port, with case number and reason checked first
  service_inquiry,  // an inquiry answered by a service's own request: case number and reason checked,
                    // then `query`'s fields and the path parameters flattened into a `request_type`
  upload,           // a raw file as the body (not JSON), up to max_upload_bytes: the `content` of the request
};

struct Route {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;    // as documented: "/api/v1/accounts/{user}/disable"
  RouteKind kind = RouteKind::service;
  std::string action;    // the Authorize action; "" for none
  std::string category;  // the audit category
  std::vector<FieldSpec> body;
  std::vector<std::string> url_parameters;  // required ?name=value parameters
  std::string port;                         // the call port the route's request goes to
  std::string request_type;                 // the request's "type"
  std::vector<FieldSpec> query;             // service_inquiry: the fields `query` may hold
  nlohmann::json defaults = nlohmann::json::object();  // request fields the body may leave out, and their values
  // When `action` is denied: an action that still allows the request, limited to the person's own
  // (the request then carries own_only: true and the service applies it). "" for none.
  std::string own_only_action;

  // The path as a regular expression for the HTTP server; {name} matches one path segment.
  std::string pattern() const;
  // The {name}s of the path, in order.
  std::vector<std::string> path_parameters() const;
};

// A route with its fields set; the route files add port and request type.
Route make_route(const char* method, std::string path, RouteKind kind, std::string action = "",
                 std::string category = "", std::vector<FieldSpec> body = {});

// The hot-list and alert routes of the `hotlist` service (hotlist_routes.cpp).
std::vector<Route> hotlist_routes();

// The fixed routes plus the configured inquiry routes. Throws platebus::ConfigError when an
// inquiry route collides with a fixed one or with another.
std::vector<Route> route_table(const std::vector<InquiryRoute>& inquiry_routes);

// The route a method and a concrete path would take, or nullptr.
const Route* find_route(const std::vector<Route>& routes, const std::string& method, const std::string& path);
// The methods the routes take on `path` (for 405's Allow header); empty when no route has the path.
std::vector<std::string> methods_for(const std::vector<Route>& routes, const std::string& path);

// Whether a route's body is JSON (everything but uploads).
inline bool takes_json(const Route& route) { return route.kind != RouteKind::upload; }

}  // namespace platebus::api
