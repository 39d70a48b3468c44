#include "request_pipeline.hpp"

#include <fmt/format.h>

#include "api_errors.hpp"
#include "hostile_text.hpp"
#include "upload_request.hpp"
#include "platebus/time.hpp"

namespace platebus::api {

namespace {

constexpr const char* kUnroutedCategory = "api.request";

// Secrets never go into the audit trail, even as "query terms".
bool is_secret(const std::string& name) { return name.find("password") != std::string::npos; }

nlohmann::json without_secrets(const nlohmann::json& body) {
  auto result = nlohmann::json::object();
  for (const auto& [name, value] : body.items())
    if (!is_secret(name)) result[name] = value;
  return result;
}

// The host's own header fields, which say nothing to an API client.
nlohmann::json answer_of(const Reply& reply) {
  auto answer = reply.message.header;
  for (const char* name : {field::service, field::deadline, field::source, field::time, field::seq,
                           field::delivery, "host", field::type})
    answer.erase(name);
  return answer;
}

// The accounts plugin's rule for user names (plugins/accounts user_name_problem): anything else
// cannot be an account, so it is refused before it reaches a record.
bool is_user_name(const std::string& text) {
  const auto allowed = [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-'; };
  return text.size() >= 2 && text.size() <= 32 && std::islower(static_cast<unsigned char>(text[0])) &&
         std::all_of(text.begin(), text.end(), allowed);
}

// A session token as accounts issues them: 64 hex characters. Anything else is not sent on.
bool is_token(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// Path and URL parameters become fields of service requests, which must be JSON text.
void require_utf8(const std::map<std::string, std::string>& parameters, const char* where) {
  for (const auto& [name, value] : parameters)
    if (!is_utf8(name) || !is_utf8(value))
      throw BodyError(fmt::format("the {} '{}' is not valid UTF-8; percent-encode UTF-8 text", where, printable(name, 64)));
}

bool is_year(const std::string& text) {
  return text.size() == 4 && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

RequestPipeline::RequestPipeline(Context& ctx, const ApiSettings& settings)
    : ctx_(ctx),
      deadline_(settings.service_timeout),
      rules_(settings.case_number_pattern, settings.placeholder_reasons),
      accounts_(ctx, settings.service_timeout),
      audit_(ctx, settings.service_timeout) {}

ApiResponse RequestPipeline::handle(const Route& route, ApiRequest request) {
  switch (route.kind) {
    case RouteKind::health: return {200, {{"status", "ok"}}};
    case RouteKind::login: return login(route, request);
    default: return authorized(route, request);
  }
}

AuditEvent RequestPipeline::draft(const Route& route, const ApiRequest& request) const {
  AuditEvent event;
  event.at = now_utc();
  event.actor.client = request.client;
  event.category = route.category;
  const auto user = request.path_parameters.find("user");
  event.target = user != request.path_parameters.end() ? "account:" + user->second
                                                       : fmt::format("{} {}", request.method, request.path);
  return event;
}

ApiResponse RequestPipeline::refuse(AuditEvent event, int status, const std::string& message) {
  event.outcome = status >= 500 ? audit_outcome::failed : audit_outcome::refused;
  event.detail = message;
  // The refusal stands whether or not it could be recorded; the audit trail logs the failure.
  audit_.record(event);
  return {status, error_body(status, message)};
}

ApiResponse RequestPipeline::refuse_unrouted(const std::string& category, const ApiRequest& request, int status,
                                             const std::string& message) {
  AuditEvent event;
  event.at = now_utc();
  event.actor.client = request.client;
  // Whoever holds a live session is named, though the request never reached a route.
  if (is_token(request.token)) event.actor = accounts_.authorize(request.token, "session", request.client).actor;
  event.category = category.empty() ? kUnroutedCategory : category;
  event.target = fmt::format("{} {}", request.method, request.path);
  return refuse(std::move(event), status, message);
}

std::pair<int, std::string> RequestPipeline::upload_refusal(const Route& route, const std::string& token,
                                                            const std::string& client) {
  if (!is_token(token)) return {401, "not logged in: log in before sending a file (platectl login)"};
  const auto auth = accounts_.authorize(token, route.action, client);
  if (auth.reply.ok()) return {0, ""};
  return {http_status(auth.reply.status), auth.reply.error};
}

ApiResponse RequestPipeline::login(const Route& route, const ApiRequest& request) {
  auto event = draft(route, request);
  nlohmann::json body;
  try {
    body = parse_body(request.body, route.body);
  } catch (const BodyError& e) {
    return refuse(std::move(event), 400, e.what());
  }
  // The name typed is not verified: it is the target, never the actor, and only when it could be an account.
  const auto user = body.at("user").get<std::string>();
  if (!is_user_name(user))
    return refuse(std::move(event), 400,
                  "user is not a user name: 2 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter");
  event.target = "account:" + user;
  event.query = {{"user", user}};

  Message attempt;
  attempt.header = {{field::type, "Login"},
                    {"user", user},
                    {"password", body.at("password")},
                    {field::actor, event.actor.to_json()}};
  const auto reply = ctx_.call("accounts", std::move(attempt), deadline_);
  // A login's outcome is known only after the attempt, so it is recorded after it; a session
  // that cannot be recorded is ended at once.
  if (reply.ok()) {
    event.actor.user = user;
    event.actor.roles = reply.message.header.value("roles", std::vector<std::string>());
    event.actor.session = reply.message.text("session");
    event.outcome = audit_outcome::allowed;
  } else {
    event.outcome = http_status(reply.status) >= 500 ? audit_outcome::failed : audit_outcome::refused;
    event.detail = reply.error;
  }
  if (const auto why = audit_.record(event)) {
    if (reply.ok()) {
      Message logout;
      logout.header = {{field::type, "Logout"}, {"token", reply.message.text("token")},
                       {field::actor, event.actor.to_json()}};
      ctx_.call("accounts", std::move(logout), deadline_);
    }
    return {503, error_body(503, "the audit trail could not record this login, so it was not performed: " + *why)};
  }
  if (!reply.ok()) return {http_status(reply.status), error_body(http_status(reply.status), reply.error)};
  return {200, answer_of(reply)};
}

ApiResponse RequestPipeline::authorized(const Route& route, ApiRequest& request) {
  auto event = draft(route, request);
  if (!is_token(request.token))
    return refuse(std::move(event), 401,
                  "not logged in: send \"Authorization: Bearer TOKEN\" with the 64 hex characters of a token from "
                  "POST /api/v1/session (platectl login)");
  auto auth = accounts_.authorize(request.token, route.action, request.client);
  bool own_only = false;
  if (auth.reply.status == ServiceStatus::denied && !route.own_only_action.empty()) {
    // The permission table lives in accounts: ask it whether the person may act on their own.
    auto own = accounts_.authorize(request.token, route.own_only_action, request.client);
    if (own.reply.ok()) {
      auth = std::move(own);
      own_only = true;
    }
  }
  if (!auth.reply.ok()) {
    event.actor = accounts_.identify(request.token, request.client, auth.reply);
    return refuse(std::move(event), http_status(auth.reply.status), auth.reply.error);
  }
  event.actor = auth.actor;

  Checked checked;
  try {
    checked = check(route, request, event);
  } catch (const BodyError& e) {
    return refuse(std::move(event), 400, e.what());
  }
  if (route.kind == RouteKind::inquiry || route.kind == RouteKind::service_inquiry)
    if (const auto why = rules_.refusal(event.case_number, event.reason)) return refuse(std::move(event), 400, *why);
  if (own_only) {
    checked.fields["own_only"] = true;
    event.query["own_only"] = true;
  }

  event.outcome = audit_outcome::allowed;
  std::uint64_t allowed_record = 0;
  if (const auto why = audit_.record(event, &allowed_record))
    return {503, error_body(503, "the audit trail could not record this request, so it was not performed: " + *why)};

  const auto reply = perform(route, request, std::move(checked), auth);
  if (!reply.ok()) {
    // The record above says it was allowed; this one says what became of it: refused when the
    // service would not (invalid, denied), failed when it could not (5xx).
    const auto status = http_status(reply.status);
    event.at = now_utc();
    event.outcome = status >= 500 ? audit_outcome::failed : audit_outcome::refused;
    event.detail = reply.error;
    event.outcome_of = allowed_record;  // one request, counted once by this final outcome
    audit_.record(event);
    return {status, error_body(status, reply.error)};
  }
  return {200, answer_of(reply)};
}

RequestPipeline::Checked RequestPipeline::check(const Route& route, ApiRequest& request, AuditEvent& event) {
  Checked checked;
  require_utf8(request.path_parameters, "path segment");
  require_utf8(request.url_parameters, "URL parameter");
  if (route.kind == RouteKind::upload) {
    auto upload = upload_request(request.url_parameters, std::move(request.body));  // the file moves on, uncopied
    event.query = std::move(upload.record);
    checked.fields = std::move(upload.fields);
    checked.parts.push_back(std::move(upload.file));
    return checked;
  }
  const auto body = parse_body(request.body, route.body);
  for (const auto& name : route.url_parameters) {
    const auto it = request.url_parameters.find(name);
    if (it == request.url_parameters.end() || it->second.empty())
      throw BodyError(fmt::format("URL parameter '{}' is required (?{}=...)", name, name));
    if (name == "year" && !is_year(it->second))
      throw BodyError(fmt::format("URL parameter 'year' is '{}'; write four digits, e.g. 2026", it->second));
  }
  switch (route.kind) {
    case RouteKind::inquiry:
      event.case_number = body.value("case_number", "");
      event.reason = body.value("reason", "");
      event.query = body.value("query", nlohmann::json::object());
      checked.fields = body;
      break;
    case RouteKind::service_inquiry: {
      event.case_number = body.value("case_number", "");
      event.reason = body.value("reason", "");
      auto query = body.value("query", nlohmann::json::object());
      check_fields(query, route.query, "query.");
      // The record names what was browsed: the query and the path's list or hit.
      for (const auto& [name, value] : request.path_parameters) query[name] = value;
      event.query = query;
      checked.fields = std::move(query);
      checked.fields[field::case_number] = event.case_number;
      checked.fields[field::reason] = event.reason;
      break;
    }
    default:
      // A new account is named in the body, not the path.
      if (const auto user = body.find("user"); user != body.end() && user->is_string())
        event.target = "account:" + user->get<std::string>();
      event.query = without_secrets(body);
      for (const auto& [name, value] : request.url_parameters) event.query[name] = value;
      checked.fields = route.defaults;
      checked.fields.update(body);
      for (const auto& [name, value] : request.path_parameters) checked.fields[name] = value;
      for (const auto& name : route.url_parameters) {
        const auto& value = request.url_parameters.at(name);
        checked.fields[name] = name == "year" ? nlohmann::json(std::stoi(value)) : nlohmann::json(value);
      }
      break;
  }
  return checked;
}

Reply RequestPipeline::perform(const Route& route, const ApiRequest& request, Checked checked,
                               const Authorization& auth) {
  const auto& fields = checked.fields;
  Message call;
  call.header = fields;
  call.parts = std::move(checked.parts);
  call.header[field::actor] = auth.actor.to_json();
  switch (route.kind) {
    case RouteKind::whoami: {
      Message answer;
      answer.header = auth.actor.to_json();
      answer.header["clearance_expires"] = auth.clearance_expires;
      for (const char* name : {"expires_at", "idle_expires_at"})
        answer.header[name] = auth.reply.message.text(name);
      return Reply::success(std::move(answer));
    }
    case RouteKind::logout:
    case RouteKind::password:  // requests about the caller's own session name it by its token
      call.header[field::type] = route.request_type;
      call.header["token"] = request.token;
      break;
    case RouteKind::inquiry:
      call.header = {{field::type, route.request_type},
                     {"path", request.path},
                     {"query", fields.value("query", nlohmann::json::object())},
                     {field::case_number, fields.value("case_number", "")},
                     {field::reason, fields.value("reason", "")},
                     {field::actor, auth.actor.to_json()}};
      break;
    default:
      call.header[field::type] = route.request_type;
      break;
  }
  return ctx_.call(route.port, std::move(call), deadline_);
}

}  // namespace platebus::api
