// The routes of issue 5: hot-list uploads, single plates, browsing and deletes, and browsing and
// acknowledging hits, all answered by the `hotlist` service (the match.hotlist plugin).
#include "platebus/audit_event.hpp"
#include "route_table.hpp"

namespace platebus::api {

namespace {

constexpr const char* kPort = "hotlist";
constexpr const char* kManage = "hotlist.manage";
constexpr const char* kAddPlate = "hotplate.add";
constexpr const char* kInquiry = "inquiry";
constexpr const char* kAlerts = "alerts";

Route hotlist_route(const char* method, std::string path, RouteKind kind, const char* action, const char* category,
                    const char* type, std::vector<FieldSpec> body = {}) {
  auto route = make_route(method, "/api/v1" + std::move(path), kind, action, category, std::move(body));
  route.port = kPort;
  route.request_type = type;
  return route;
}

// An inquiry answered by the service: {case_number, reason, query: {...}}; case_number and reason
// are optional as JSON fields so that a missing one is refused by the inquiry rules, in their words.
Route browse_route(std::string path, const char* category, const char* type, std::vector<FieldSpec> query) {
  auto route = hotlist_route("POST", std::move(path), RouteKind::service_inquiry, kInquiry, category, type,
                             {{"case_number", FieldKind::text, false},
                              {"reason", FieldKind::text, false},
                              {"query", FieldKind::object, false}});
  route.query = std::move(query);
  return route;
}

}  // namespace

std::vector<Route> hotlist_routes() {
  using K = FieldKind;
  namespace category = audit_category;
  auto delete_plate = hotlist_route("DELETE", "/hotlists/{list}/plates/{plate}", RouteKind::service, kManage,
                                    category::hot_plate_delete, "HotplateDelete", {{"state", K::text, false}});
  delete_plate.own_only_action = kAddPlate;  // anyone may delete a plate of their own
  auto acknowledge = hotlist_route("POST", "/hits/{hit_id}/ack", RouteKind::service, kAlerts,
                                   category::alert_disposition, "HitAcknowledge",
                                   {{"disposition", K::text},
                                    {"visually_verified", K::boolean, false},
                                    {"clets_confirmed", K::boolean, false},
                                    {"note", K::text, false}});
  acknowledge.defaults = {{"visually_verified", false}, {"clets_confirmed", false}};
  return {
      hotlist_route("POST", "/hotlists/import", RouteKind::upload, kManage, category::hot_list_upload, "HotlistImport"),
      hotlist_route("POST", "/hotplates", RouteKind::service, kAddPlate, category::hot_plate_upload, "HotplateAdd",
                    {{"entry", K::object}}),
      browse_route("/hotlists/browse", category::hot_list_browse, "HotlistList", {}),
      browse_route("/hotlists/{list}/browse", category::hot_list_browse, "HotlistShow",
                   {{"offset", K::count, false}, {"limit", K::count, false}}),
      std::move(delete_plate),
      hotlist_route("DELETE", "/hotlists/{list}", RouteKind::service, kManage, category::hot_list_delete,
                    "HotlistDelete"),
      browse_route("/hits/browse", category::hit_list_browse, "HitList",
                   {{"open_only", K::boolean, false}, {"limit", K::count, false}}),
      browse_route("/hits/{hit_id}/browse", category::hit_list_browse, "HitShow", {}),
      std::move(acknowledge),
  };
}

}  // namespace platebus::api
