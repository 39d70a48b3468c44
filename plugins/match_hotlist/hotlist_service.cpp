#include "hotlist_service.hpp"

#include <functional>

namespace platebus::hotlist {

Reply answer(const std::string& type, nlohmann::json fields) {
  Message message;
  message.header = std::move(fields);
  message.header[field::type] = type + "Reply";
  return Reply::success(std::move(message));
}

HotlistService::HotlistService(HotlistStore& lists, HitStore& hits, MatcherHolder& matcher)
    : lists_(lists), hits_(hits), matcher_(matcher), table_(make_table()) {}

// No entry names an action: the operator API authorized the person before the call (docs/api.md).
ServiceTable HotlistService::make_table() {
  ServiceTable table("hotlist");
  table.add("HotlistImport", "", std::bind_front(&HotlistService::import, this))
      .add("HotplateAdd", "", std::bind_front(&HotlistService::add_plate, this))
      .add("HotlistList", "", std::bind_front(&HotlistService::list_lists, this))
      .add("HotlistShow", "", std::bind_front(&HotlistService::show_list, this))
      .add("HotplateDelete", "", std::bind_front(&HotlistService::delete_plate, this))
      .add("HotlistDelete", "", std::bind_front(&HotlistService::delete_list, this))
      .add("HitList", "", std::bind_front(&HotlistService::list_hits, this))
      .add("HitShow", "", std::bind_front(&HotlistService::show_hit, this))
      .add("HitAcknowledge", "", std::bind_front(&HotlistService::acknowledge_hit, this));
  return table;
}

}  // namespace platebus::hotlist
