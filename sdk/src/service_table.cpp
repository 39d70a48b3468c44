#include "platebus/service_table.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "platebus/printable_text.hpp"

namespace platebus {

namespace {

// A type quoted back in an error: whatever a caller sent, a bounded, printable line.
constexpr std::size_t kShownTypeBytes = 64;

std::string shown_type(std::string_view type) {
  if (type.size() <= kShownTypeBytes) return printable_text(type);
  return printable_text(type.substr(0, kShownTypeBytes)) + "...";
}

}  // namespace

ServiceError::ServiceError(ServiceStatus status, const std::string& text) : std::runtime_error(text), status_(status) {}
ServiceError::~ServiceError() = default;

ServiceTable::ServiceTable(std::string name, ServiceAuthorizer authorizer)
    : name_(std::move(name)), authorizer_(std::move(authorizer)) {}

ServiceTable& ServiceTable::add(std::string type, std::string action, ServiceHandler handler) {
  if (find(type)) throw std::logic_error(fmt::format("the {} service registers '{}' twice", name_, type));
  if (!handler) throw std::logic_error(fmt::format("the {} service registers '{}' without a handler", name_, type));
  if (!action.empty() && !authorizer_)
    throw std::logic_error(fmt::format("the {} service's '{}' needs '{}' but the table has no authorizer to check it",
                                       name_, type, action));
  entries_.push_back({std::move(type), std::move(action), std::move(handler)});
  return *this;
}

std::string ServiceTable::known_types() const {
  std::string text;
  for (const auto& entry : entries_) text += (text.empty() ? "" : ", ") + entry.type;
  return text;
}

const ServiceTable::Entry* ServiceTable::find(std::string_view type) const {
  const auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.type == type; });
  return it == entries_.end() ? nullptr : &*it;
}

Reply ServiceTable::answer(const Message& request) const { return answer(request, nullptr); }

bool ServiceTable::serve(Context& ctx, const Message& message) const {
  if (!message.is_request()) return false;
  ctx.reply(message, answer(message, &ctx));
  return true;
}

Reply ServiceTable::answer(const Message& request, Context* log) const {
  const auto type = request.header.find(field::type);
  if (type == request.header.end() || !type->is_string())
    return Reply::failure(ServiceStatus::invalid, fmt::format("type: missing; name the request, one of {}", known_types()));
  const auto* entry = find(type->get_ref<const std::string&>());
  if (!entry)
    return Reply::failure(ServiceStatus::invalid,
                          fmt::format("type: '{}' is not a request of the {} service; send one of {}",
                                      shown_type(type->get_ref<const std::string&>()), name_, known_types()));
  std::string failure;
  try {
    return run(*entry, request);
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "an exception that is not a std::exception";
  }
  if (log) log->error("{} from '{}' failed: {}", entry->type, printable_text(request.source()), failure);
  return Reply::failure(ServiceStatus::failed,
                        fmt::format("the {} service could not complete {}: {}", name_, entry->type, failure));
}

// The refusals a handler or the authorizer means (ServiceError) are replies, not failures.
Reply ServiceTable::run(const Entry& entry, const Message& request) const {
  try {
    if (!entry.action.empty()) authorizer_(request, entry.action);
    return entry.handler(request);
  } catch (const ServiceError& e) {
    return Reply::failure(e.status(), e.what());
  }
}

}  // namespace platebus
