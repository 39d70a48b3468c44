// Retention: never under two years, purges only old records, keeps the chain verifiable from the
// anchor, and records the purge itself.
#define BOOST_TEST_MODULE audit_retention
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "audit_settings.hpp"
#include "audit_test_helpers.hpp"
#include "chain_verifier.hpp"
#include "platebus/plugin.hpp"
#include "retention.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using platebus::test::TempDir;
using namespace std::chrono_literals;

namespace {

const Timestamp kNow = parse_iso8601("2028-06-01T12:00:00Z");

Timestamp days_ago(int days) { return kNow - std::chrono::hours(24 * days); }

nlohmann::json audit_config(const std::string& retention_ms) {
  return {{"database", "/tmp/x"},       {"checkpoint_folder", "/tmp/y"}, {"signing_key", "/tmp/z"}, {"signing_key_env", nullptr},
          {"retention", std::stoll(retention_ms)}, {"checkpoint_interval", 3'600'000},
          {"purge_interval", 86'400'000}, {"map_size_mib", 1},          {"night_hours", "22-06"},
          {"volume_factor", 3.0},        {"volume_minimum", 20},         {"empty_results_minimum", 10},
          {"reason_reuse_cases", 3},     {"case_plates_minimum", 3}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(retention_below_two_years_is_refused) {
  BOOST_CHECK_EXCEPTION(check_retention(std::chrono::hours(24 * 729)), ConfigError, [](const ConfigError& e) {
    return std::string(e.what()).find("at least 730 days") != std::string::npos;
  });
  BOOST_CHECK_NO_THROW(check_retention(std::chrono::hours(24 * 730)));
  // A config below it is refused by the host before the plugin runs (the key's declared minimum:
  // tests/cli/test_config_refusals.cpp); 730d reads.
  BOOST_TEST(AuditSettings::from_config(audit_config(std::to_string(730LL * 86'400'000))).retention ==
             std::chrono::hours(24 * 730));
  TempDir dir;
  AuditStore store(dir / "db");
  BOOST_CHECK_THROW(purge_expired(store, kNow, std::chrono::hours(24 * 365)), ConfigError);
}

BOOST_AUTO_TEST_CASE(a_purge_removes_only_old_records_keeps_the_chain_and_is_recorded) {
  TempDir dir;
  AuditStore store(dir / "db");
  for (const int age : {900, 800, 731, 729, 10}) store.append(full_event(audit_category::read_search, "jdoe", days_ago(age)));

  const auto purged = purge_expired(store, kNow, std::chrono::hours(24 * 730));
  BOOST_REQUIRE(purged);
  BOOST_TEST(purged->purged == 3u);
  BOOST_TEST(purged->first_sequence == 1u);
  BOOST_TEST(purged->last_sequence == 3u);

  const auto state = store.state();
  BOOST_TEST(state.anchor_sequence == 3u);
  BOOST_TEST(state.last_sequence == 6u);
  BOOST_TEST(!store.stored_at(3));
  BOOST_TEST(store.stored_at(4).has_value());  // 729 days old: kept

  const auto record = nlohmann::json::parse(store.stored_at(6).value());
  BOOST_TEST(record["category"] == audit_category::retention_purge);
  BOOST_TEST(record["actor"]["user"] == "system");
  BOOST_TEST(record["query"]["purged"] == 3);
  BOOST_TEST(record["query"]["last_sequence"] == 3);
  BOOST_TEST(record["outcome"] == audit_outcome::allowed);

  const auto result = verify_store(store);
  BOOST_TEST(result.intact);
  BOOST_TEST(result.first_sequence == 4u);
  BOOST_TEST(result.records == 3u);

  // Nothing old enough left: no purge, no record.
  BOOST_TEST(!purge_expired(store, kNow, std::chrono::hours(24 * 730)));
  BOOST_TEST(store.state().last_sequence == 6u);
}

BOOST_AUTO_TEST_CASE(after_a_purge_a_missing_first_record_is_still_named) {
  TempDir dir;
  {
    AuditStore store(dir / "db");
    for (const int age : {900, 800, 10, 9, 8}) store.append(full_event(audit_category::login, "jdoe", days_ago(age)));
    purge_expired(store, kNow, std::chrono::hours(24 * 730));
  }
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) { delete_key(txn, records, record_key(3)); });
  AuditStore store(dir / "db");
  const auto result = verify_store(store);
  BOOST_REQUIRE_EQUAL(result.problems.size(), 1u);
  BOOST_TEST(result.problems[0].problem == "record 3 missing");
}
