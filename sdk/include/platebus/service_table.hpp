#pragma once
// Serving a service, in the spirit of ROS 2's create_service: a plugin registers one handler per
// request type, with the permission (action) the request needs, and the table does the rest that
// every service needs: it finds the handler by the request's "type", asks the table's authorizer
// about the action first, replies `invalid` naming the known types for any other type, and replies
// even when a handler throws (ServiceError: its status; anything else: `failed` with its message),
// so no request goes unanswered and no handler's exception ends the instance. docs/plugin-guide.md.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platebus/context.hpp"
#include "platebus/service.hpp"

namespace platebus {

// A refusal with its status, thrown by a handler or an authorizer: the table replies with both.
class PLATEBUS_SDK_API ServiceError : public std::runtime_error {
 public:
  ServiceError(ServiceStatus status, const std::string& text);
  ~ServiceError() override;
  ServiceStatus status() const { return status_; }

 private:
  ServiceStatus status_;
};

using ServiceHandler = std::function<Reply(const Message& request)>;
// Returns when the request's actor may do `action`; throws ServiceError (denied) when not.
using ServiceAuthorizer = std::function<void(const Message& request, std::string_view action)>;

class PLATEBUS_SDK_API ServiceTable {
 public:
  // `name` appears in error texts ("the accounts service ..."). Without an authorizer no entry may
  // name an action: a permission the table could not check would only look enforced.
  explicit ServiceTable(std::string name, ServiceAuthorizer authorizer = {});

  // Registers the handler of `type`. `action` is the permission the authorizer checks before the
  // handler runs; empty when the request needs none (it proves itself, as a login does, or the
  // caller checked it). Throws std::logic_error for a type registered twice, an empty handler, or
  // an action without an authorizer.
  ServiceTable& add(std::string type, std::string action, ServiceHandler handler);

  // The reply to `request`. Never throws; safe from several threads once the table is filled.
  Reply answer(const Message& request) const;
  // For a message from receive(): when it is a request, replies with answer() (logging what a
  // handler threw) and returns true; anything else (a topic message) is left alone: false.
  bool serve(Context& ctx, const Message& message) const;

  // The registered types, in the order they were added, comma-separated (for error texts).
  std::string known_types() const;

 private:
  struct Entry {
    std::string type;
    std::string action;
    ServiceHandler handler;
  };
  const Entry* find(std::string_view type) const;
  Reply answer(const Message& request, Context* log) const;
  Reply run(const Entry& entry, const Message& request) const;

  std::string name_;
  ServiceAuthorizer authorizer_;
  std::vector<Entry> entries_;
};

}  // namespace platebus
