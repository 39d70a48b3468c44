// The hit requests of the `hotlist` service: browsing hits and recording the officer's disposition.
#include <array>
#include <algorithm>

#include <fmt/format.h>

#include "hotlist_service.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"

namespace platebus::hotlist {

namespace {

constexpr std::array<const char*, 5> kDispositions = {"confirmed", "misread", "no-longer-wanted", "not-located",
                                                     "other"};
constexpr std::size_t kMaxNoteBytes = 2000;

// The stored record as one object: the Hit's fields, when it was raised, and its disposition.
nlohmann::json full_hit(const nlohmann::json& record) {
  auto hit = record.at("hit");
  hit.erase(field::parts);
  hit["at"] = record.at("at");
  hit["disposition"] = record.at("disposition");
  return hit;
}

nlohmann::json hit_summary(const nlohmann::json& record) {
  const auto& hit = record.at("hit");
  const auto& read = hit.at("read");
  const auto& plate = hit.at("hot_plate");
  return {{"hit_id", hit.at("hit_id")},
          {"at", record.at("at")},
          {"camera", read.value("camera", "")},
          {"plate", plate.value("plate", "")},
          {"read_text", read.value("text", "")},
          {"match_kind", hit.at("match_kind")},
          {"category", plate.value("category", "")},
          {"reason", plate.value("reason", "")},
          {"list", plate.value("list", "")},
          {"priority", plate.value("priority", 0)},
          {"disposition", record.at("disposition")}};
}

}  // namespace

Reply HotlistService::list_hits(const Message& request) {
  const bool open_only = optional_bool(request, "open_only", false);
  const auto limit = optional_count(request, "limit", 1, 1000, 100);
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& record : hits_.newest(open_only, limit)) hits.push_back(hit_summary(record));
  const auto count = hits.size();
  return answer(request.type(), {{"hits", std::move(hits)}, {"results", count}});
}

Reply HotlistService::show_hit(const Message& request) {
  const auto hit_id = required_text(request, "hit_id");
  const auto record = hits_.find(hit_id);
  if (!record) refuse_invalid(fmt::format("hit_id: there is no hit '{}'; HitList shows the recent ones", hit_id));
  return answer(request.type(), {{"hit", full_hit(*record)}, {"results", 1}});
}

Reply HotlistService::acknowledge_hit(const Message& request) {
  const auto hit_id = required_text(request, "hit_id");
  Disposition disposition;
  disposition.disposition = required_text(request, "disposition");
  if (std::none_of(kDispositions.begin(), kDispositions.end(), [&](const char* d) { return disposition.disposition == d; }))
    refuse_invalid(fmt::format("disposition: '{}' is not one of confirmed, misread, no-longer-wanted, not-located, other",
                               disposition.disposition));
  disposition.visually_verified = required_bool(request, "visually_verified");
  disposition.clets_confirmed = required_bool(request, "clets_confirmed");
  disposition.note = optional_text(request, "note").value_or("");
  if (disposition.note.size() > kMaxNoteBytes)
    refuse_invalid(fmt::format("note: longer than {} bytes; keep it short", kMaxNoteBytes));
  // Policy: nobody acts on a hit before checking the plate by eye and the wanted status through CLETS.
  if (disposition.disposition == "confirmed" && !(disposition.visually_verified && disposition.clets_confirmed))
    refuse_invalid("confirmed needs both visually_verified and clets_confirmed: verify the plate visually and confirm "
                   "the wanted status through CLETS first");
  disposition.by = Actor::of(request).user;
  disposition.at = now_utc();
  switch (hits_.acknowledge(hit_id, disposition)) {
    case AcknowledgeOutcome::unknown_hit:
      refuse_invalid(fmt::format("hit_id: there is no hit '{}'; HitList shows the recent ones", hit_id));
    case AcknowledgeOutcome::already_acknowledged: {
      const auto record = hits_.find(hit_id);
      const auto& earlier = record->at("disposition");
      throw RequestError(ServiceStatus::denied,
                         fmt::format("hit {} was already acknowledged as '{}' by '{}' at {}; a disposition is recorded "
                                     "once",
                                     hit_id, earlier.value("disposition", ""), earlier.value("by", ""),
                                     earlier.value("at", "")));
    }
    case AcknowledgeOutcome::stored:
      break;
  }
  return answer(request.type(), {{"hit", full_hit(*hits_.find(hit_id))}});
}

}  // namespace platebus::hotlist
