#include "hotlist_service.hpp"

#include <fmt/format.h>

#include "request_fields.hpp"

namespace platebus::hotlist {

namespace {
constexpr const char* kRequestTypes =
    "HotlistImport, HotplateAdd, HotlistList, HotlistShow, HotplateDelete, HotlistDelete, HitList, HitShow, "
    "HitAcknowledge";
}  // namespace

Reply answer(const std::string& type, nlohmann::json fields) {
  Message message;
  message.header = std::move(fields);
  message.header[field::type] = type + "Reply";
  return Reply::success(std::move(message));
}

Reply HotlistService::handle(const Message& request) {
  try {
    const auto type = request.header.find(field::type);
    if (type == request.header.end() || !type->is_string())
      return Reply::failure(ServiceStatus::invalid, fmt::format("type: missing; name the request, one of {}", kRequestTypes));
    return dispatch(type->get<std::string>(), request);
  } catch (const RequestError& e) {
    return Reply::failure(e.status(), e.what());
  } catch (const std::exception& e) {
    return Reply::failure(ServiceStatus::failed,
                          fmt::format("the hotlist service could not complete {}: {}", request.type(), e.what()));
  }
}

Reply HotlistService::dispatch(const std::string& type, const Message& request) {
  if (type == "HotlistImport") return import(request);
  if (type == "HotplateAdd") return add_plate(request);
  if (type == "HotlistList") return list_lists(request);
  if (type == "HotlistShow") return show_list(request);
  if (type == "HotplateDelete") return delete_plate(request);
  if (type == "HotlistDelete") return delete_list(request);
  if (type == "HitList") return list_hits(request);
  if (type == "HitShow") return show_hit(request);
  if (type == "HitAcknowledge") return acknowledge_hit(request);
  return Reply::failure(ServiceStatus::invalid,
                        fmt::format("type: '{}' is not a hotlist request; send one of {}", type, kRequestTypes));
}

}  // namespace platebus::hotlist
