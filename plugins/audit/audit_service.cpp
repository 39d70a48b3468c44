#include "audit_service.hpp"

#include <functional>

#include <fmt/format.h>

#include "chain_verifier.hpp"
#include "record_export.hpp"
#include "report_formats.hpp"
#include "retention.hpp"

namespace platebus::audit {

namespace {

// Every checkpoint is checked, but only the newest are named in the reply: two years of hourly
// checkpoints would make it megabytes.
constexpr std::size_t kCheckpointsListed = 24;

Reply answer(const std::string& type, nlohmann::json body) {
  Message message;
  message.header = std::move(body);
  message.header[field::type] = type + "Reply";
  return Reply::success(std::move(message));
}

StoreOptions store_options(const AuditSettings& settings) {
  StoreOptions options;
  options.map_size = settings.map_size;
  return options;
}

}  // namespace

AuditService::AuditService(AuditSettings settings, SigningKey key)
    : settings_(std::move(settings)),
      key_(std::move(key)),
      store_(settings_.database, store_options(settings_)),
      table_(make_table()) {}

// No entry names an action: the operator API authorized the person for `audit` before the call,
// and each access to the trail is recorded under that person's name (record_access).
ServiceTable AuditService::make_table() {
  ServiceTable table("audit");
  table.add("AuditRecord", "", std::bind_front(&AuditService::record_request, this))
      .add("AuditVerify", "", std::bind_front(&AuditService::verify_request, this))
      .add("AuditReport", "", std::bind_front(&AuditService::report, this))
      .add("AuditExport", "", std::bind_front(&AuditService::export_between, this))
      .add("AuditCheckpoint", "", std::bind_front(&AuditService::checkpoint_request, this));
  return table;
}

Reply AuditService::record_request(const Message& request) {
  const auto event_field = request.header.find("event");
  if (event_field == request.header.end() || !event_field->is_object())
    return Reply::failure(ServiceStatus::invalid, "AuditRecord needs 'event': an AuditEvent as JSON (AuditEvent::to_json())");
  AuditEvent event;
  try {
    event = AuditEvent::from_json(*event_field);
  } catch (const std::exception& e) {
    return Reply::failure(ServiceStatus::invalid, fmt::format("AuditRecord's 'event' is malformed: {}", e.what()));
  }
  event.emitted_by = "instance:" + request.source();  // the host set source: the calling instance
  try {
    const auto appended = store_.append(event);
    return answer("AuditRecord", {{"sequence", appended.sequence}, {"hash", appended.hash}});
  } catch (const AuditWriteError& e) {
    return Reply::failure(ServiceStatus::failed, e.what());
  }
}

std::optional<Reply> AuditService::record_access(const Message& request, const std::string& target,
                                                 nlohmann::json query) {
  AuditEvent event;
  event.at = now_utc();
  event.actor = Actor::of(request);
  event.category = audit_category::audit_access;
  event.target = target;
  event.query = std::move(query);
  event.case_number = request.text(field::case_number);
  event.reason = request.text(field::reason);
  event.outcome = audit_outcome::allowed;
  event.emitted_by = "instance:" + request.source();
  try {
    store_.append(event);
    return std::nullopt;
  } catch (const AuditWriteError& e) {
    return Reply::failure(ServiceStatus::failed, fmt::format("{} (the audit access was not recorded, so {} was not "
                                                             "served)",
                                                             e.what(), target));
  }
}

Reply AuditService::verify_request(const Message& request) {
  if (auto refused = record_access(request, "audit.verify", nlohmann::json::object())) return *refused;
  auto result = verify_store(store_);
  // Every checkpoint in the folder, against this plugin's own key: they catch a tail cut off or a
  // chain rewritten by someone who could reach the database. Only the newest ones would miss an
  // intruder who re-signed those with the host's key: the older ones still hold the true hashes.
  auto checked = nlohmann::json::array();
  const auto files = checkpoint_files(settings_.checkpoint_folder);
  const auto state = store_.state();
  for (std::size_t i = 0; i < files.size(); ++i) {
    try {
      const auto checkpoint = read_checkpoint(files[i]);
      check_against_checkpoint(checkpoint, key_.public_key_hex, state, stored_hash_at(store_, checkpoint.sequence),
                               result);
      if (files.size() - i <= kCheckpointsListed)
        checked.push_back({{"file", files[i].string()}, {"sequence", checkpoint.sequence}});
    } catch (const CheckpointError& e) {
      result.add(0, e.what());
    }
  }
  auto body = result.to_json();
  body["checkpoints"] = checked;
  body["checkpoints_checked"] = files.size();
  return answer("AuditVerify", body);
}

Reply AuditService::report(const Message& request) {
  const auto year_field = request.header.find("year");
  int year = 0;
  if (year_field != request.header.end() && year_field->is_number_integer()) year = year_field->get<int>();
  else if (year_field != request.header.end() && year_field->is_string()) {
    try {
      year = std::stoi(year_field->get<std::string>());
    } catch (const std::exception&) {
    }
  }
  if (year < 1970 || year > 9999)
    return Reply::failure(ServiceStatus::invalid, "AuditReport needs 'year': a four-digit year such as 2026");
  if (auto refused = record_access(request, "audit.report", {{"year", year}})) return *refused;
  const auto built = build_yearly_report(store_, year, settings_.thresholds);
  return answer("AuditReport", {{"year", year},
                                {"summary", built.summary()},
                                {"csv", report_csv(built)},
                                {"text", report_text(built)},
                                {"html", report_html(built)}});
}

Reply AuditService::export_between(const Message& request) {
  std::chrono::sys_days from, to;
  try {
    from = parse_date(request.text("from"), "from");
    to = parse_date(request.text("to"), "to");
  } catch (const std::invalid_argument& e) {
    return Reply::failure(ServiceStatus::invalid, fmt::format("AuditExport: {}", e.what()));
  }
  if (to < from)
    return Reply::failure(ServiceStatus::invalid, "AuditExport: 'to' is before 'from'; both dates are included");
  if (auto refused = record_access(request, "audit.export", {{"from", request.text("from")}, {"to", request.text("to")}}))
    return *refused;
  return answer("AuditExport", {{"records", export_records(store_, from, to)}});
}

Reply AuditService::checkpoint_request(const Message& request) {
  if (auto refused = record_access(request, "audit.checkpoint", nlohmann::json::object())) return *refused;
  try {
    return answer("AuditCheckpoint", checkpoint().to_json());
  } catch (const std::exception& e) {
    return Reply::failure(ServiceStatus::failed, e.what());
  }
}

Checkpoint AuditService::checkpoint() {
  auto made = write_checkpoint(store_.state(), key_, settings_.checkpoint_folder);
  last_checkpoint_sequence_ = made.sequence;
  checkpointed_ = true;
  return made;
}

std::optional<Checkpoint> AuditService::checkpoint_if_moved() {
  const auto state = store_.state();
  if (state.last_sequence == 0 || (checkpointed_ && state.last_sequence == last_checkpoint_sequence_))
    return std::nullopt;
  return checkpoint();
}

std::optional<PurgeSummary> AuditService::purge(Timestamp now) {
  return purge_expired(store_, now, settings_.retention);
}

}  // namespace platebus::audit
