// The audit service's requests without the bus: access to the trail is recorded first under the
// caller's name (and refused when it cannot be), bad requests are refused and not recorded, and
// AuditVerify checks the chain against the plugin's own checkpoints.
#define BOOST_TEST_MODULE audit_service
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include "audit_service.hpp"
#include "audit_test_helpers.hpp"
#include "checkpoints.hpp"
#include "event_limits.hpp"
#include "retention.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using platebus::test::TempDir;

namespace {

AuditSettings settings_in(const TempDir& dir, std::size_t map_size = std::size_t{64} << 20) {
  AuditSettings settings;
  settings.database = dir / "db";
  settings.checkpoint_folder = dir / "checkpoints";
  settings.signing_key = dir / "keys" / "signing.key";
  settings.retention = kMinimumRetention;
  settings.map_size = map_size;
  return settings;
}

std::unique_ptr<AuditService> service_in(const TempDir& dir, std::size_t map_size = std::size_t{64} << 20) {
  auto settings = settings_in(dir, map_size);
  return std::make_unique<AuditService>(settings, load_or_create_signing_key(settings.signing_key));
}

Message request(nlohmann::json header) {
  Message message;
  message.header = std::move(header);
  message.header[field::actor] = Actor{"pm", {"program_manager"}, "feedfacecafe", "198.51.100.2:4000"}.to_json();
  message.header[field::case_number] = "AUDIT-2026";
  message.header[field::reason] = "yearly audit";
  return message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(access_is_recorded_first_under_the_callers_name) {
  TempDir dir;
  auto service = service_in(dir);
  service->record(full_event(audit_category::login));
  const auto reply = service->handle(request({{field::type, "AuditVerify"}}));
  BOOST_REQUIRE(reply.ok());
  BOOST_TEST(reply.message.header["intact"] == true);
  BOOST_TEST(reply.message.header["records"] == 2);  // the access record is already in
  const auto access = nlohmann::json::parse(service->store().stored_at(2).value());
  BOOST_TEST(access["category"] == audit_category::audit_access);
  BOOST_TEST(access["target"] == "audit.verify");
  BOOST_TEST(access["actor"]["user"] == "pm");
  BOOST_TEST(access["actor"]["client"] == "198.51.100.2:4000");
  BOOST_TEST(access["case_number"] == "AUDIT-2026");
  BOOST_TEST(access["reason"] == "yearly audit");

  const auto report = service->handle(request({{field::type, "AuditReport"}, {"year", "2026"}}));
  BOOST_REQUIRE(report.ok());
  const auto last = nlohmann::json::parse(service->store().stored_at(3).value());
  BOOST_TEST(last["target"] == "audit.report");
  BOOST_TEST(last["query"]["year"] == 2026);
}

BOOST_AUTO_TEST_CASE(bad_requests_are_invalid_and_not_recorded) {
  TempDir dir;
  auto service = service_in(dir);
  for (const auto& header : {nlohmann::json{{field::type, "AuditReport"}},
                             nlohmann::json{{field::type, "AuditReport"}, {"year", "last"}},
                             nlohmann::json{{field::type, "AuditExport"}, {"from", "2026-13-01"}, {"to", "2026-12-31"}},
                             nlohmann::json{{field::type, "AuditExport"}, {"from", "2026-02-01"}, {"to", "2026-01-01"}},
                             nlohmann::json{{field::type, "AuditRecord"}, {"event", "login"}},
                             nlohmann::json{{field::type, "AuditRecord"},
                                            {"event", {{"at", "2026-01-01T00:00:00Z"}, {"actor", nlohmann::json::object()},
                                                       {"category", "login"}, {"outcome", "maybe"}}}}}) {
    const auto reply = service->handle(request(header));
    BOOST_TEST((reply.status == ServiceStatus::invalid), header.dump() + " -> " + reply.error);
  }
  BOOST_TEST(service->store().state().last_sequence == 0u);
}

BOOST_AUTO_TEST_CASE(access_that_cannot_be_recorded_is_not_served) {
  TempDir dir;
  auto service = service_in(dir, 64 * 1024);
  auto big = full_event(audit_category::read_search);
  big.detail = std::string(20'000, 'x');
  bool full = false;
  for (int i = 0; i < 100 && !full; ++i) {
    try {
      service->record(big);
    } catch (const AuditWriteError&) {
      full = true;
    }
  }
  BOOST_REQUIRE(full);
  for (const char* type : {"AuditVerify", "AuditCheckpoint"}) {
    const auto reply = service->handle(request({{field::type, type}}));
    BOOST_TEST((reply.status == ServiceStatus::failed), type);
    BOOST_TEST(reply.error.find("audit store refused the write") == 0, reply.error);
    BOOST_TEST(reply.error.find("was not served") != std::string::npos, reply.error);
  }
  BOOST_TEST(!std::filesystem::exists(dir / "checkpoints"));
}

BOOST_AUTO_TEST_CASE(every_string_recorded_is_capped) {
  TempDir dir;
  auto service = service_in(dir);
  const std::string huge(1 << 20, 'x');
  auto event = full_event(audit_category::read_search);
  event.actor = Actor{huge, std::vector<std::string>(Actor::kMaxRoles, huge.substr(0, 4096)), huge, huge};
  event.category = event.target = event.case_number = event.reason = event.detail = huge;  // outcome is checked
  nlohmann::json deep = "bottom";
  for (int i = 0; i < 50; ++i) deep = nlohmann::json::array({deep});
  nlohmann::json many = nlohmann::json::object();
  for (int i = 0; i < 5000; ++i) many["key" + std::to_string(i)] = huge.substr(0, 2000);
  std::string accented;
  for (int i = 0; i < 2000; ++i) accented += "\xc3\xa9";  // two bytes a character: a cut must not split one
  event.query = {{"plate", huge}, {huge, "value under a huge key"}, {"deep", deep}, {"many", many}, {"name", accented}};

  const auto reply = service->handle(request({{field::type, "AuditRecord"}, {"event", event.to_json()}}));
  BOOST_REQUIRE_MESSAGE(reply.ok(), reply.error);
  const auto stored = service->store().stored_at(1).value();
  BOOST_TEST(stored.size() < 40'000u, "stored " << stored.size() << " bytes");
  const auto record = nlohmann::json::parse(stored);  // throws on a split UTF-8 character
  const auto detail = record["detail"].get<std::string>();
  BOOST_TEST(detail.size() <= EventLimits::detail);
  BOOST_TEST(detail.find("xxxx") == 0);
  const auto cut = huge.size() - detail.find("...");
  BOOST_TEST(detail.find(fmt::format("...[cut {} bytes]", cut)) != std::string::npos, detail);
  for (const auto* key : {"category", "target", "case_number", "reason"})
    BOOST_TEST(record[key].get<std::string>().size() <= EventLimits::text, key);
  for (const auto* key : {"user", "session", "client"})
    BOOST_TEST(record["actor"][key].get<std::string>().size() <= EventLimits::text, key);
  BOOST_TEST(record["actor"]["roles"].size() <= EventLimits::roles);
  BOOST_TEST(record["query"]["plate"].get<std::string>().size() <= EventLimits::query_text);
  BOOST_TEST(record["query"]["name"].get<std::string>().find("\xc3\xa9...[cut ") != std::string::npos);
  BOOST_TEST(record["query"].dump().size() < 20'000u);
  BOOST_TEST(verify_store(service->store()).intact);
}

// More roles than any account holds is refused where the event is decoded, with the reason, and
// nothing is stored (the caller fails closed, as for a full store).
BOOST_AUTO_TEST_CASE(an_actor_with_more_roles_than_the_cap_is_refused_with_the_reason) {
  TempDir dir;
  auto service = service_in(dir);
  auto event = full_event(audit_category::read_search);
  event.actor.roles = std::vector<std::string>(200, "officer");
  const auto reply = service->handle(request({{field::type, "AuditRecord"}, {"event", event.to_json()}}));
  BOOST_TEST(!reply.ok());
  BOOST_TEST(reply.error.find("'roles' holds 200 items; at most 16 are accepted") != std::string::npos, reply.error);
  BOOST_TEST(!service->store().stored_at(1).has_value());
}

BOOST_AUTO_TEST_CASE(verify_checks_the_plugins_own_checkpoints) {
  TempDir dir;
  {
    auto service = service_in(dir);
    for (int i = 0; i < 10; ++i) service->record(full_event(audit_category::read_search));
    const auto made = service->handle(request({{field::type, "AuditCheckpoint"}}));
    BOOST_REQUIRE(made.ok());
    BOOST_TEST(made.message.header["sequence"] == 11);  // covers its own access record
  }
  cut_tail(dir / "db", 8, 11);
  auto service = service_in(dir);
  const auto reply = service->handle(request({{field::type, "AuditVerify"}}));
  BOOST_REQUIRE(reply.ok());
  const auto& body = reply.message.header;
  BOOST_TEST(body["intact"] == false);
  BOOST_REQUIRE_EQUAL(body["problems"].size(), 1u);
  const auto problem = body["problems"][0]["problem"].get<std::string>();
  BOOST_TEST(problem.find("records 10-11 missing: checkpoint checkpoint-000000000011-") == 0, problem);
  BOOST_TEST(body["checkpoints"].size() == 1u);
}

BOOST_AUTO_TEST_CASE(verify_checks_every_checkpoint_not_only_the_newest) {
  TempDir dir;
  constexpr std::uint64_t kCheckpoints = 30;
  {
    auto service = service_in(dir);
    for (std::uint64_t i = 0; i < kCheckpoints; ++i) {
      service->record(full_event(audit_category::read_search));
      BOOST_REQUIRE(service->handle(request({{field::type, "AuditCheckpoint"}})).ok());
    }
  }
  // An intruder on the host rewrites the chain from record 3 and, with the host's own signing key,
  // re-signs the newest 24 checkpoints to match; the older ones still hold the true hashes.
  const auto last = 2 * kCheckpoints;
  rewrite_chain_from(dir / "db", 3, last);
  const auto key = load_or_create_signing_key(dir / "keys" / "signing.key");
  const auto files = checkpoint_files(dir / "checkpoints");
  BOOST_REQUIRE_EQUAL(files.size(), kCheckpoints);
  {
    AuditStore store(dir / "db");
    for (std::size_t i = files.size() - 24; i < files.size(); ++i) {
      const auto sequence = read_checkpoint(files[i]).sequence;
      std::filesystem::remove(files[i]);
      write_checkpoint(ChainState{sequence, stored_hash_at(store, sequence), 0, genesis_hash()}, key,
                       dir / "checkpoints");
    }
  }
  auto service = service_in(dir);
  const auto reply = service->handle(request({{field::type, "AuditVerify"}}));
  BOOST_REQUIRE(reply.ok());
  const auto& body = reply.message.header;
  BOOST_TEST(body["intact"] == false, body.dump());
  BOOST_TEST(body["problems"].dump().find("hash differs from checkpoint") != std::string::npos, body.dump());
}
