#include "route_table.hpp"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "platebus/audit_event.hpp"
#include "platebus/plugin.hpp"

namespace platebus::api {

namespace {

constexpr const char* kAccountsManage = "accounts.manage";
constexpr const char* kAudit = "audit";
constexpr const char* kSession = "session";
// Reading one's own session has no policy category; it is recorded under its own.
constexpr const char* kSessionRead = "session.read";

Route own_session_route(const char* method, std::string path, RouteKind kind, std::string category, const char* type,
                        std::vector<FieldSpec> body = {}) {
  auto route = make_route(method, std::move(path), kind, kSession, std::move(category), std::move(body));
  route.port = "accounts";
  route.request_type = type;
  return route;
}

// A request to the accounts service that manages accounts, at `path`.
Route accounts_manage_route(const char* method, std::string path, const char* type, std::vector<FieldSpec> body = {}) {
  auto route = make_route(method, std::move(path), RouteKind::service, kAccountsManage, audit_category::account_change,
                          std::move(body));
  route.port = "accounts";
  route.request_type = type;
  return route;
}

Route account_route(const char* method, std::string path, const char* type, std::vector<FieldSpec> body = {}) {
  return accounts_manage_route(method, "/api/v1/accounts" + path, type, std::move(body));
}

// Changes that wait for a second program manager (docs/security.md, separation of duties); their
// own prefix, so that no user name can be mistaken for one.
Route account_change_route(const char* method, std::string path, const char* type) {
  return accounts_manage_route(method, "/api/v1/account-changes" + path, type);
}

Route change_list_route() {
  auto route = account_change_route("GET", "", "ChangeList");
  route.category = audit_category::account_browse;
  return route;
}

Route account_list_route() {
  auto route = account_route("GET", "", "AccountList");
  route.category = audit_category::account_browse;
  return route;
}

Route audit_route(const char* method, std::string path, const char* type, std::vector<std::string> parameters = {}) {
  auto route = make_route(method, "/api/v1/audit" + path, RouteKind::service, kAudit, audit_category::audit_access);
  route.url_parameters = std::move(parameters);
  route.port = "audit";
  route.request_type = type;
  return route;
}

std::vector<Route> fixed_routes() {
  using K = FieldKind;
  return {
      make_route("GET", "/api/v1/health", RouteKind::health),
      make_route("POST", "/api/v1/session", RouteKind::login, "", audit_category::login,
                 {{"user", K::text}, {"password", K::text}}),
      own_session_route("DELETE", "/api/v1/session", RouteKind::logout, audit_category::logout, "Logout"),
      make_route("GET", "/api/v1/session", RouteKind::whoami, kSession, kSessionRead),
      own_session_route("POST", "/api/v1/password", RouteKind::password, audit_category::password_change,
                        "PasswordChange", {{"old_password", K::text}, {"new_password", K::text}}),
      account_list_route(),
      account_route("POST", "", "AccountAdd",
                    {{"user", K::text},
                     {"roles", K::text_list},
                     {"password", K::text},
                     {"display_name", K::text, false},
                     {"clearance_expires", K::text, false}}),
      account_route("PATCH", "/{user}", "AccountUpdate",
                    {{"display_name", K::text, false}, {"roles", K::text_list, false},
                     {"clearance_expires", K::text, false}}),
      account_route("POST", "/{user}/disable", "AccountDisable", {{"reason", K::text, false}}),
      account_route("POST", "/{user}/enable", "AccountEnable"),
      account_route("POST", "/{user}/close", "AccountClose"),
      account_route("POST", "/{user}/unlock", "AccountUnlock"),
      account_route("POST", "/{user}/reset-password", "AccountResetPassword", {{"password", K::text}}),
      account_route("PUT", "/{user}/designee", "DesigneeGrant", {{"from", K::text}, {"to", K::text}}),
      account_route("DELETE", "/{user}/designee", "DesigneeRevoke"),
      change_list_route(),
      account_change_route("POST", "/{id}/approve", "ChangeApprove"),
      account_change_route("POST", "/{id}/decline", "ChangeDecline"),
      audit_route("GET", "/verify", "AuditVerify"),
      audit_route("GET", "/report", "AuditReport", {"year"}),
      audit_route("GET", "/export", "AuditExport", {"from", "to"}),
      audit_route("POST", "/checkpoint", "AuditCheckpoint"),
  };
}

}  // namespace

Route make_route(const char* method, std::string path, RouteKind kind, std::string action, std::string category,
                 std::vector<FieldSpec> body) {
  Route route;
  route.method = method;
  route.path = std::move(path);
  route.kind = kind;
  route.action = std::move(action);
  route.category = std::move(category);
  route.body = std::move(body);
  return route;
}

std::string Route::pattern() const { return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)"); }

std::vector<std::string> Route::path_parameters() const {
  std::vector<std::string> names;
  const std::regex parameter(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(path.begin(), path.end(), parameter); it != std::sregex_iterator(); ++it)
    names.push_back((*it)[1]);
  return names;
}

std::vector<Route> route_table(const std::vector<InquiryRoute>& inquiry_routes) {
  auto routes = fixed_routes();
  for (auto& route : hotlist_routes()) routes.push_back(std::move(route));
  for (const auto& inquiry : inquiry_routes) {
    if (const auto* taken = find_route(routes, "POST", inquiry.path))
      throw ConfigError(fmt::format("inquiry route '{}' collides with the route POST {}; choose another path",
                                    inquiry.path, taken->path));
    // case_number and reason are optional as JSON fields so that a missing one is refused by the
    // inquiry rules, in their words.
    auto route = make_route("POST", inquiry.path, RouteKind::inquiry, inquiry.action, inquiry.category,
                            {{"case_number", FieldKind::text, false},
                             {"reason", FieldKind::text, false},
                             {"query", FieldKind::object, false}});
    route.port = "inquiry";
    route.request_type = "Inquiry";
    routes.push_back(std::move(route));
  }
  return routes;
}

const Route* find_route(const std::vector<Route>& routes, const std::string& method, const std::string& path) {
  for (const auto& route : routes)
    if (route.method == method && std::regex_match(path, std::regex(route.pattern()))) return &route;
  return nullptr;
}

std::vector<std::string> methods_for(const std::vector<Route>& routes, const std::string& path) {
  std::vector<std::string> methods;
  for (const auto& route : routes)
    if (std::regex_match(path, std::regex(route.pattern())) &&
        std::find(methods.begin(), methods.end(), route.method) == methods.end())
      methods.push_back(route.method);
  return methods;
}

}  // namespace platebus::api
