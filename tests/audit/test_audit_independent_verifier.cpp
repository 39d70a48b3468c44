// The audit chain's format is pinned by an outside verifier written from docs/audit.md alone
// (tests/python/verify_audit_chain.py: Python's json, hashlib, lmdb and cryptography, no PlateBus
// code). A chain made by the real store, with awkward content, a purge anchor and signed
// checkpoints, must verify there; an edited record must not. An auditor's own verifier can then
// follow the docs and agree with ours.
#define BOOST_TEST_MODULE audit_independent_verifier
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "audit_test_helpers.hpp"
#include "checkpoints.hpp"
#include "retention.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using platebus::test::TempDir;

namespace {

const Timestamp kNow = parse_iso8601("2026-12-01T08:00:00Z");

Timestamp days_before_now(int days) { return kNow - std::chrono::hours(24 * days); }

// Content where two JSON writers most easily differ: non-ASCII text, control characters, escapes,
// floats, big and negative integers, nesting, empty containers, nulls.
AuditEvent awkward_event(int n, Timestamp at) {
  auto event = full_event(audit_category::read_search, "ofc.ñúñez", at);
  event.target = "GET /api/v1/reads?plate=7ABC%2F123 \"quoted\" \\ back";
  event.query = {{"plate", "7ÄBC123"},
                 {"confidence", 0.1 + 0.2},
                 {"tiny", 1e-7},
                 {"whole", 1.0},
                 {"big", 9007199254740993LL},
                 {"negative", -42},
                 {"control", std::string("tab\there\x01\x1f")},
                 {"emoji", "🚓"},
                 {"nested", {{"z", nullptr}, {"a", nlohmann::json::array({1, "two", false})}, {"empty", nlohmann::json::object()}}},
                 {"n", n}};
  event.reason = "follow-up on case “42” — Ünïcode";
  return event;
}

struct VerifierRun {
  int exit_status;
  std::string out;
};

VerifierRun run_verifier(const TempDir& dir) {
  const auto result = platebus::test::run_process(
      {"/usr/bin/python3", (platebus::test::source_dir() / "tests/python/verify_audit_chain.py").string(),
       (dir / "db").string(), "--checkpoints", (dir / "checkpoints").string(), "--public-key",
       (dir / "keys" / "signing.key.pub").string()});
  BOOST_TEST_MESSAGE("verifier: " << result.out << result.err);
  return {result.exit_status, result.out + result.err};
}

// A store of 12 awkward records, the 4 oldest purged (so the chain starts at an anchor), the
// purge's own record, and a checkpoint after the purge and another at the end.
void make_chain(const TempDir& dir) {
  const auto key = load_or_create_signing_key(dir / "keys" / "signing.key");
  AuditStore store(dir / "db");
  for (int i = 1; i <= 12; ++i) store.append(awkward_event(i, days_before_now(i <= 4 ? 800 : 10)));
  BOOST_REQUIRE(purge_expired(store, kNow, std::chrono::hours(24 * 730)));
  write_checkpoint(store.state(), key, dir / "checkpoints");
  store.append(awkward_event(13, days_before_now(1)));
  write_checkpoint(store.state(), key, dir / "checkpoints");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_chain_the_store_wrote_verifies_with_the_outside_verifier) {
  TempDir dir;
  make_chain(dir);
  BOOST_TEST(verify_folder(dir / "db").problems.empty());  // ours agrees
  const auto run = run_verifier(dir);
  BOOST_TEST(run.exit_status == 0);
  // Records 1-4 purged; 5-12, the purge record 13, and 14.
  BOOST_TEST(run.out.find("ok: 10 records (sequences 5-14), 2 checkpoints") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_edited_record_fails_the_outside_verifier_too) {
  TempDir dir;
  make_chain(dir);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    const auto key = lmdb_store::big_endian_key(7);
    auto record = get_value(txn, records, key);
    record.replace(record.find("ofc.ñúñez"), std::string("ofc.ñúñez").size(), "someone.else");
    put_value(txn, records, key, record);
  });
  const auto run = run_verifier(dir);
  BOOST_TEST(run.exit_status == 1);
  BOOST_TEST(run.out.find("record 7: content changed (hash mismatch)") != std::string::npos);
}
