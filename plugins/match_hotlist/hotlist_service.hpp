#pragma once
// The `hotlist` service (docs/hotlists.md lists each request): uploads, single plates, browsing and
// deleting hot lists, and browsing and acknowledging hits, one handler per request in a ServiceTable.
// The operator API authorizes the person and sets `actor`; the service trusts it (so its table names
// no action) but applies ownership (own_only deletes) and the disposition rules. Every change to the lists asks the matcher for a rebuild, so it matches within a second.
#include <string>

#include "hit_store.hpp"
#include "hotlist_store.hpp"
#include "matcher_holder.hpp"
#include "platebus/message.hpp"
#include "platebus/service_table.hpp"

namespace platebus::hotlist {

class HotlistService {
 public:
  HotlistService(HotlistStore& lists, HitStore& hits, MatcherHolder& matcher);
  HotlistService(const HotlistService&) = delete;  // the table's handlers hold `this`
  HotlistService& operator=(const HotlistService&) = delete;

  // Never throws: a malformed request is `invalid` naming the field, a storage error `failed`.
  Reply handle(const Message& request) const { return table_.answer(request); }
  // The table, for the plugin to serve requests from the bus with (ServiceTable::serve).
  const ServiceTable& table() const { return table_; }

 private:
  ServiceTable make_table();

  // hotlist_requests.cpp
  Reply import(const Message& request);
  Reply add_plate(const Message& request);
  Reply list_lists(const Message& request);
  Reply show_list(const Message& request);
  Reply delete_plate(const Message& request);
  Reply delete_list(const Message& request);
  // hit_requests.cpp
  Reply list_hits(const Message& request);
  Reply show_hit(const Message& request);
  Reply acknowledge_hit(const Message& request);

  HotlistStore& lists_;
  HitStore& hits_;
  MatcherHolder& matcher_;
  ServiceTable table_;
};

// An ok reply whose header type is the request's type plus "Reply".
Reply answer(const std::string& type, nlohmann::json fields);

}  // namespace platebus::hotlist
