#pragma once
// What every API request goes through, in this order: authenticate and authorize (accounts),
// check the body and, for inquiries, the case number and reason, record it in the audit trail
// and wait for the acknowledgement, and only then perform it. A refusal at any step is recorded
// too. Independent of the HTTP library: the server hands over an ApiRequest.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_settings.hpp"
#include "audit_trail.hpp"
#include "authorization.hpp"
#include "inquiry_rules.hpp"
#include "route_table.hpp"

namespace platebus::api {

struct ApiRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> path_parameters;
  std::map<std::string, std::string> url_parameters;
  std::string body;
  std::string token;   // from "Authorization: Bearer TOKEN"; "" when absent
  std::string client;  // "203.0.113.7:51320"
};

struct ApiResponse {
  int status = 200;
  nlohmann::json body = nlohmann::json::object();
};

class RequestPipeline {
 public:
  RequestPipeline(Context& ctx, const ApiSettings& settings);

  ApiResponse handle(const Route& route, ApiRequest request);
  // A request the server refused before any route handled it (no such route: 404, body too
  // large: 413); recorded like any refusal, under `category` ("api.request" when no route).
  ApiResponse refuse_unrouted(const std::string& category, const ApiRequest& request, int status,
                              const std::string& message);
  // Before a large body is read: 0 when the token's session may take `route` now, else the HTTP
  // status of the refusal (401 no or dead session, 403 not allowed) and its message.
  std::pair<int, std::string> upload_refusal(const Route& route, const std::string& token, const std::string& client);

 private:
  ApiResponse login(const Route& route, const ApiRequest& request);
  // A request's own fields once checked, for the service request.
  struct Checked {
    nlohmann::json fields = nlohmann::json::object();
    std::vector<Blob> parts;  // binary parts the fields' `parts` describe (an uploaded file)
  };

  ApiResponse authorized(const Route& route, ApiRequest& request);
  // Step 2: body, URL parameters, upload options; fills the record's query (and, for inquiries, its
  // case number and reason). Throws BodyError.
  Checked check(const Route& route, ApiRequest& request, AuditEvent& event);
  Reply perform(const Route& route, const ApiRequest& request, Checked checked, const Authorization& auth);
  ApiResponse refuse(AuditEvent event, int status, const std::string& message);
  AuditEvent draft(const Route& route, const ApiRequest& request) const;

  Context& ctx_;
  std::chrono::milliseconds deadline_;
  InquiryRules rules_;
  AccountsGate accounts_;
  AuditTrail audit_;
};

}  // namespace platebus::api
