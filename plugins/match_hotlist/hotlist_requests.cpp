// The hot-list requests of the `hotlist` service: uploads, single plates, browsing, deletes.
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "calendar_date.hpp"
#include "csv_import.hpp"
#include "hotlist_service.hpp"
#include "permissions.hpp"
#include "pii_detector.hpp"
#include "plate_normalizer.hpp"
#include "platebus/actor.hpp"
#include "request_fields.hpp"
#include "state_extract_import.hpp"

namespace platebus::hotlist {

namespace {

constexpr std::size_t kMaxListedFindings = 100;

long long milliseconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

// list_name_problem's text already starts with "list: ".
std::string checked_list_name(const std::string& list) {
  if (const auto problem = list_name_problem(list); !problem.empty()) refuse_invalid(problem);
  return list;
}

// The policy's refusal, with the rows and why; Reply::failure carries only text, so one finding a line.
std::string personal_data_refusal(const ImportResult& result) {
  std::string text = fmt::format(
      "personal or CLETS data: the upload is refused whole and nothing was imported. Hot lists must not carry names, "
      "addresses, dates of birth, driver's licence numbers or CLETS/NCIC data; remove them and upload again. "
      "{} finding(s):\n",
      result.pii_count);
  for (std::size_t i = 0; i < result.pii.size() && i < kMaxListedFindings; ++i) {
    const auto& finding = result.pii[i];
    text += fmt::format("line {}, {}: {} [{}]\n", finding.line, finding.field, finding.why, finding.detector);
  }
  if (result.pii_count > std::min(result.pii.size(), kMaxListedFindings))
    text += fmt::format("... and {} more\n", result.pii_count - std::min(result.pii.size(), kMaxListedFindings));
  if (result.error_count) text += fmt::format("The upload also has {} row(s) with other errors.\n", result.error_count);
  return text;
}

void refuse_personal_data(const HotPlateEntry& entry) {
  const auto found = scan_entry({entry.reason, entry.case_number, entry.list, entry.vehicle.make, entry.vehicle.model,
                                 entry.vehicle.colour});
  if (found.empty()) return;
  refuse_invalid(fmt::format(
      "personal or CLETS data: entry.{}: {} [{}]; hot plates must not carry names, addresses, dates of birth, licence "
      "or phone numbers, e-mail addresses or CLETS/NCIC data",
      found.front().field, found.front().hit.why, found.front().hit.detector));
}

// Replacing a plate someone else added (same list, plate and state) needs hotlist.manage, which the
// actor's roles show: the API authorized this request for hotplate.add, whose CLETS clearance is the
// one hotlist.manage needs too. The entry stays its owner's, so they can still delete it.
void keep_owner(HotPlateEntry& entry, const std::vector<HotPlateEntry>& stored, const Actor& actor) {
  for (const auto& existing : stored) {
    if (existing.list != entry.list || existing.state != entry.state || existing.added_by == actor.user) continue;
    if (!accounts::roles_allow(actor.roles, "hotlist.manage"))
      throw RequestError(ServiceStatus::denied,
                         fmt::format("plate {} in list '{}' was added by '{}', not by '{}'; replacing another person's "
                                     "plate needs hotlist.manage: ask them, or someone who holds it",
                                     entry.plate, entry.list, existing.added_by, actor.user));
    entry.added_by = existing.added_by;
    entry.added_at = existing.added_at;
  }
}

// The API's entry: {plate, state?, category, reason, list, case_number?, expires? (YYYY-MM-DD), priority?, vehicle?}.
HotPlateEntry entry_from_request(const nlohmann::json& given, const std::string& added_by) {
  static const std::set<std::string> kFields = {"plate", "state", "category", "reason", "list",
                                                "case_number", "expires", "priority", "vehicle"};
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [key, value] : given.items()) {
    if (!kFields.contains(key))
      refuse_invalid(fmt::format("entry.{}: not a hot-plate field; send plate, state, category, reason, list, "
                                 "case_number, expires, priority, vehicle",
                                 key));
    json[key] = value;
  }
  if (json.contains("plate") && json["plate"].is_string()) {
    const auto plate = normalize_plate_pattern(json["plate"].get<std::string>());
    if (!plate.ok()) refuse_invalid("entry.plate: " + plate.problem);
    json["plate"] = plate.plate;
  }
  if (json.contains("state") && json["state"].is_string()) {
    auto state = json["state"].get<std::string>();
    for (auto& c : state) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    json["state"] = state;
  }
  if (json.contains("vehicle") && !json["vehicle"].is_null()) {
    if (!json["vehicle"].is_object()) refuse_invalid("entry.vehicle: must be an object {make, model, colour}");
    for (const auto& [key, value] : json["vehicle"].items())
      if ((key != "make" && key != "model" && key != "colour") || !value.is_string())
        refuse_invalid("entry.vehicle: holds only make, model and colour, each as text");
  }
  json.erase("expires");
  std::optional<Timestamp> expires_at;
  if (const auto it = given.find("expires"); it != given.end() && !it->is_null()) {
    const auto date = it->is_string() ? parse_iso_date(it->get<std::string>()) : std::nullopt;
    if (!date) refuse_invalid("entry.expires: must be a date, YYYY-MM-DD (the last day the plate is wanted)");
    expires_at = end_of_day_utc(*date);
    if (*expires_at <= now_utc()) refuse_invalid("entry.expires: the date is past; the plate would never match");
  }
  json["source"] = "api";
  json["added_by"] = added_by;
  HotPlateEntry entry;
  try {
    entry = hot_plate_from_json(json);
  } catch (const std::invalid_argument& e) {
    refuse_invalid(std::string("entry: ") + e.what());
  }
  entry.added_at = now_utc();
  entry.expires_at = expires_at;
  refuse_personal_data(entry);
  return entry;
}

}  // namespace

Reply HotlistService::import(const Message& request) {
  const auto format = required_text(request, "format");
  if (format != "csv" && format != "state_extract")
    refuse_invalid(fmt::format("format: '{}' is not an upload format; send csv or state_extract", format));
  const auto content = required_file(request);
  const auto list = optional_text(request, "list");
  if (list) checked_list_name(*list);
  const auto mode = optional_text(request, "mode").value_or("merge");
  if (mode != "merge" && mode != "replace")
    refuse_invalid(fmt::format("mode: '{}' is not an import mode; send merge or replace", mode));
  if (format == "state_extract" && !list)
    refuse_invalid("list: required for a state extract; name the list its plates go into");

  ImportOptions options;
  options.default_list = list.value_or("");
  options.source = format == "csv" ? "upload" : "state-extract";
  options.added_by = Actor::of(request).user;
  options.now = now_utc();
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto result = format == "csv" ? import_csv(content, options) : import_state_extract(content, options);
  const auto checked = Clock::now();
  if (result.refused_for_pii()) refuse_invalid(personal_data_refusal(result));
  if (!result.accepted()) refuse_invalid(result.report());

  const auto change = lists_.import(result.plates, mode == "replace" ? ImportMode::replace_lists : ImportMode::merge,
                                    options.added_by);
  const auto stored = Clock::now();
  matcher_.added(result.plates, mode == "replace" ? change.lists : std::vector<std::string>());
  return answer(request.type(), {{"lists", change.lists},
                                 {"rows", result.rows},
                                 {"imported", result.plates.size()},
                                 {"merged_duplicates", result.duplicates_merged},
                                 {"added", change.added},
                                 {"replaced", change.replaced},
                                 {"removed", change.removed},
                                 // What a large upload spent where: an operator's first question.
                                 {"milliseconds", {{"parse_and_check", milliseconds(checked - started)},
                                                   {"store", milliseconds(stored - checked)}}}});
}

Reply HotlistService::add_plate(const Message& request) {
  const auto actor = Actor::of(request);
  auto entry = entry_from_request(required_object(request, "entry"), actor.user);
  keep_owner(entry, lists_.find_plate(entry.plate), actor);
  const auto change = lists_.import({entry}, ImportMode::merge, actor.user);
  matcher_.added({entry});
  return answer(request.type(), {{"entry", to_json(entry)}, {"replaced", change.replaced > 0}});
}

Reply HotlistService::list_lists(const Message& request) {
  nlohmann::json lists = nlohmann::json::array();
  for (const auto& info : lists_.lists())
    lists.push_back({{"list", info.name},
                     {"plates", info.plates},
                     {"updated_at", to_iso8601(info.updated_at)},
                     {"updated_by", info.updated_by}});
  const auto count = lists.size();
  return answer(request.type(), {{"lists", std::move(lists)}, {"results", count}});
}

Reply HotlistService::show_list(const Message& request) {
  const auto list = checked_list_name(required_text(request, "list"));
  const auto offset = optional_count(request, "offset", 0, 100'000'000, 0);
  const auto limit = optional_count(request, "limit", 1, 1000, 100);
  const auto info = lists_.list(list);
  if (!info) refuse_invalid(fmt::format("list: there is no hot list '{}'; HotlistList names them", list));
  nlohmann::json plates = nlohmann::json::array();
  for (const auto& entry : lists_.plates_in_list(list, offset, limit)) plates.push_back(to_json(entry));
  const auto count = plates.size();
  return answer(request.type(),
                {{"list", list}, {"plates", std::move(plates)}, {"total", info->plates}, {"results", count}});
}

Reply HotlistService::delete_plate(const Message& request) {
  const auto list = checked_list_name(required_text(request, "list"));
  const auto plate = normalize_plate_pattern(required_text(request, "plate"));
  if (!plate.ok()) refuse_invalid("plate: " + plate.problem);
  auto state = optional_text(request, "state");
  if (state) {
    for (auto& c : *state) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const auto problem = state_problem(*state); !problem.empty()) refuse_invalid(problem);
  }
  const bool own_only = optional_bool(request, "own_only", false);
  const auto user = Actor::of(request).user;
  if (own_only) {
    if (user.empty()) throw RequestError(ServiceStatus::denied, "own_only: the request names no user, so no plate is its own");
    for (const auto& entry : lists_.find_plate(plate.plate)) {
      if (entry.list != list || (state && entry.state != *state)) continue;
      if (entry.added_by != user)
        throw RequestError(ServiceStatus::denied,
                           fmt::format("plate {} in list '{}' was added by '{}', not by '{}'; deleting another "
                                       "person's plate needs hotlist.manage",
                                       plate.plate, list, entry.added_by, user));
    }
  }
  const auto change = state ? lists_.delete_plate(list, plate.plate, std::string_view(*state), user)
                            : lists_.delete_plate(list, plate.plate, std::nullopt, user);
  if (change.removed) matcher_.removed_plate(list, plate.plate, state ? std::optional<std::string_view>(*state) : std::nullopt);
  return answer(request.type(), {{"deleted", change.removed}});
}

Reply HotlistService::delete_list(const Message& request) {
  const auto list = checked_list_name(required_text(request, "list"));
  const auto change = lists_.delete_list(list);
  if (change.removed) matcher_.removed_list(list);
  return answer(request.type(), {{"deleted", change.removed}});
}

}  // namespace platebus::hotlist
