// The audit plugin through the real host: events on the topic are stored with every field,
// malformed ones dropped, each service request answered (records only after the commit), audit
// access recorded with the caller, and a full database refuses the write with `failed`.
#define BOOST_TEST_MODULE audit_plugin
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "audit_test_helpers.hpp"
#include "chain_verifier.hpp"
#include "runtime/host.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::host;
using namespace platebus::test;
using namespace std::chrono_literals;

namespace {

std::map<std::string, nlohmann::json> run_client(const TempDir& dir, const std::string& audit_config,
                                                 const std::string& mode, std::vector<nlohmann::json>* all = nullptr) {
  std::string categories;
  for (const auto& c : audit::test::kAllCategories) categories += (categories.empty() ? "" : ", ") + c;
  const auto d = dir.path().string();
  const auto file = write_file(dir / "d.yaml",
                               "plugin_path: [" PLATEBUS_AUDIT_TEST_PLUGIN_DIR "]\ninstances:\n"
                               "  - id: audit\n    use: audit\n    config: {database: " + d + "/db, checkpoint_folder: " +
                                   d + "/checkpoints, signing_key: " + d + "/keys/signing.key" + audit_config +
                                   "}\n    subscribe: {events: audit}\n    serve: {audit: audit}\n"
                                   "  - id: client\n    use: test.audit_client\n    config: {file: " + d +
                                   "/replies.jsonl, mode: " + mode + ", categories: [" + categories +
                                   "]}\n    publish: {events: audit}\n    call: {audit: audit}\n");
  Host host;
  Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
  const auto done = wait_until([&] { return read_file(dir / "replies.jsonl").find("\"done\"") != std::string::npos; }, 20s);
  host.stop();
  BOOST_REQUIRE(done);
  std::map<std::string, nlohmann::json> steps;
  for (const auto& line : read_lines(dir / "replies.jsonl")) {
    const auto json = nlohmann::json::parse(line);
    steps[json["step"].get<std::string>()] = json;  // the last of each step
    if (all) all->push_back(json);
  }
  return steps;
}

}  // namespace

BOOST_AUTO_TEST_CASE(events_and_requests_through_the_host) {
  TempDir dir;
  const auto steps = run_client(dir, "", "all");

  const auto& record = steps.at("record");
  BOOST_TEST(record["status"] == "ok", record.dump());
  BOOST_TEST(record["reply"]["sequence"].get<std::uint64_t>() > audit::test::kAllCategories.size());
  BOOST_TEST(record["reply"]["hash"].get<std::string>().size() == 64u);
  BOOST_TEST(steps.at("record_malformed")["status"] == "invalid");
  BOOST_TEST(steps.at("unknown")["status"] == "invalid");
  BOOST_TEST(steps.at("unknown")["error"].get<std::string>().find("AuditDelete") != std::string::npos);

  // Every category published on the topic was stored once, with every field; the malformed ones were not.
  const auto& records = steps.at("export")["reply"]["records"];
  std::map<std::string, int> seen;
  for (const auto& r : records) {
    // Who emitted each record is the host's word (the publishing or calling instance), never the event's.
    BOOST_TEST(r.value("emitted_by", "") == "instance:client", r.dump());
    if (r["actor"]["user"] != "jdoe" || r["sequence"] == record["reply"]["sequence"]) continue;  // AuditRecord's own
    ++seen[r["category"].get<std::string>()];
    BOOST_TEST(r["sequence"].get<std::uint64_t>() >= 1u);
    BOOST_TEST(r["at"].get<std::string>().size() == std::string("2026-11-28T16:49:40.123456Z").size());
    BOOST_TEST(r["actor"]["roles"] == nlohmann::json({"investigator"}));
    BOOST_TEST(r["actor"]["session"] == "a1b2c3d4e5f6");
    BOOST_TEST(r["actor"]["client"] == "203.0.113.7:51320");
    BOOST_TEST(r["target"] == "target of " + r["category"].get<std::string>());
    BOOST_TEST(r["query"]["plate"] == "7ABC123");
    BOOST_TEST(r["case_number"] == "CASE-1");
    BOOST_TEST(r["reason"] == "reason for " + r["category"].get<std::string>());
    BOOST_TEST(r["outcome"] == "refused");
    BOOST_TEST(r["detail"] == "detail of " + r["category"].get<std::string>());
    BOOST_TEST(r["hash"].get<std::string>().size() == 64u);
  }
  for (const auto& category : audit::test::kAllCategories) BOOST_TEST(seen[category] == 1, category);
  BOOST_TEST(seen.size() == audit::test::kAllCategories.size());

  // Audit access is itself on record, under the caller's name.
  int access = 0;
  for (const auto& r : records)
    if (r["category"] == "audit.access" && r["actor"]["user"] == "pm" && r["target"] == "audit.export") ++access;
  BOOST_TEST(access == 1);

  const auto& verify = steps.at("verify")["reply"];
  BOOST_TEST(verify["intact"] == true, verify.dump());
  BOOST_TEST(verify["problems"].empty());
  const auto& report = steps.at("report")["reply"];
  BOOST_TEST(report["csv"].get<std::string>().find("count,\"jdoe\",\"login\",0,1,0,1,") != std::string::npos);
  BOOST_TEST(report["html"].get<std::string>().find("<html") != std::string::npos);
  BOOST_TEST(report["text"].get<std::string>().find("jdoe") != std::string::npos);
  const auto& checkpoint = steps.at("checkpoint")["reply"];
  BOOST_TEST(std::filesystem::exists(checkpoint["file"].get<std::string>()));
  BOOST_TEST(checkpoint["signature"].get<std::string>().size() == 128u);

  // After the host stopped, the store holds one unbroken chain, and its key pair is private.
  audit::AuditStore store(dir / "db");
  const auto result = audit::verify_store(store);
  BOOST_TEST(result.intact);
  // The checkpoint's own access record is written first, so the checkpoint vouches for it too.
  BOOST_TEST(result.last_sequence == checkpoint["sequence"].get<std::uint64_t>());
  BOOST_TEST(result.chain_hash == checkpoint["chain_hash"].get<std::string>());
  const auto key_mode = std::filesystem::status(dir / "keys" / "signing.key").permissions();
  BOOST_TEST(((key_mode & std::filesystem::perms::others_read) == std::filesystem::perms::none));
}

BOOST_AUTO_TEST_CASE(a_full_database_answers_failed) {
  TempDir dir;
  std::vector<nlohmann::json> lines;
  run_client(dir, ", map_size_mib: 1", "fill", &lines);
  BOOST_REQUIRE_GE(lines.size(), 3u);  // at least one ok, one failed, done
  BOOST_TEST(lines.front()["status"] == "ok");
  const auto& refused = lines[lines.size() - 2];
  BOOST_TEST(refused["status"] == "failed", refused.dump());
  const auto error = refused["error"].get<std::string>();
  BOOST_TEST(error.find("audit store refused the write: ") == 0, error);
  BOOST_TEST(error.find("MDB_MAP_FULL") != std::string::npos, error);
  // What was acknowledged is stored: the chain ends at the last `ok`.
  audit::AuditStore store(dir / "db");
  BOOST_TEST(audit::verify_store(store).last_sequence == lines[lines.size() - 3]["reply"]["sequence"].get<std::uint64_t>());
}
