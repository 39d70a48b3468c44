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

  // The path as a regular expression for the HTTP server; {name} matches one path segment.
  std::string pattern() const;
  // The {name}s of the path, in order.
  std::vector<std::string> path_parameters() const;
};

// The fixed routes plus the configured inquiry routes. Throws platebus::ConfigError when an
// inquiry route collides with a fixed one or with another.
std::vector<Route> route_table(const std::vector<InquiryRoute>& inquiry_routes);

// The route a method and a concrete path would take, or nullptr.
const Route* find_route(const std::vector<Route>& routes, const std::string& method, const std::string& path);

}  // namespace platebus::api
