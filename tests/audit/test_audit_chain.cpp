// The hash chain in a real LMDB store: every field is kept, and verify names each changed,
// removed and reordered record by sequence after the file itself was edited.
#define BOOST_TEST_MODULE audit_chain
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "audit_test_helpers.hpp"
#include "chain_verifier.hpp"
#include "record_chain.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using platebus::test::TempDir;

namespace {

std::vector<std::string> problems_of(const VerifyResult& result) {
  std::vector<std::string> texts;
  for (const auto& p : result.problems) texts.push_back(p.problem);
  return texts;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_category_is_stored_with_every_field) {
  TempDir dir;
  AuditStore store(dir / "db");
  std::uint64_t expected_sequence = 0;
  std::string previous = genesis_hash();
  for (const auto& category : kAllCategories) {
    auto event = full_event(category);
    event.outcome = expected_sequence % 3 == 0 ? audit_outcome::allowed
                    : expected_sequence % 3 == 1 ? audit_outcome::refused
                                                 : audit_outcome::failed;
    const auto appended = store.append(event);
    BOOST_TEST(appended.sequence == ++expected_sequence);
    const auto record = nlohmann::json::parse(store.stored_at(appended.sequence).value());
    BOOST_TEST(record["sequence"] == appended.sequence);
    BOOST_TEST(record["at"] == "2026-03-02T10:20:30.123456Z");  // finer than milliseconds
    BOOST_TEST(record["actor"]["user"] == "jdoe");
    BOOST_TEST(record["actor"]["roles"] == nlohmann::json({"investigator", "sergeant"}));
    BOOST_TEST(record["actor"]["session"] == "a1b2c3d4e5f6");
    BOOST_TEST(record["actor"]["client"] == "203.0.113.7:51320");
    BOOST_TEST(record["category"] == category);
    BOOST_TEST(record["target"] == "GET /api/v1/reads");
    BOOST_TEST(record["query"]["plate"] == "7ABC123");
    BOOST_TEST(record["case_number"] == "CASE-2026-0042");
    BOOST_TEST(record["reason"] == "stolen vehicle follow-up");
    BOOST_TEST(record["outcome"] == event.outcome);
    BOOST_TEST(record["detail"] == "served 3 results");
    BOOST_TEST(record["previous_hash"] == previous);
    BOOST_TEST(record["hash"] == appended.hash);
    BOOST_TEST(record_hash(record) == appended.hash);
    previous = appended.hash;
  }
  const auto result = verify_store(store);
  BOOST_TEST(result.intact);
  BOOST_TEST(result.records == kAllCategories.size());
  BOOST_TEST(result.chain_hash == previous);
}

BOOST_AUTO_TEST_CASE(the_chain_survives_reopening) {
  TempDir dir;
  fill_store(dir / "db", 3);
  fill_store(dir / "db", 2);  // a second run continues the chain
  const auto result = verify_folder(dir / "db");
  BOOST_TEST(result.intact, problems_of(result).size());
  BOOST_TEST(result.first_sequence == 1u);
  BOOST_TEST(result.last_sequence == 5u);
}

BOOST_AUTO_TEST_CASE(an_edited_record_is_named) {
  TempDir dir;
  fill_store(dir / "db", 25);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    auto value = get_value(txn, records, record_key(17));
    const auto at = value.find("stolen vehicle");
    BOOST_REQUIRE(at != std::string::npos);
    value.replace(at, 6, "STOLEN");  // same length: a byte-level edit
    put_value(txn, records, record_key(17), value);
  });
  const auto result = verify_folder(dir / "db");
  BOOST_TEST(!result.intact);
  BOOST_TEST(problems_of(result) == std::vector<std::string>{"record 17: content changed (hash mismatch)"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_edited_record_with_a_recomputed_hash_breaks_the_next_link) {
  TempDir dir;
  fill_store(dir / "db", 10);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    auto record = nlohmann::json::parse(get_value(txn, records, record_key(4)));
    record["reason"] = "covered up";
    record["hash"] = record_hash(record);
    put_value(txn, records, record_key(4), canonical_json(record));
  });
  const auto problems = problems_of(verify_folder(dir / "db"));
  BOOST_REQUIRE_EQUAL(problems.size(), 1u);
  BOOST_TEST(problems[0].find("record 5: does not follow record 4") == 0, problems[0]);
}

BOOST_AUTO_TEST_CASE(deleted_records_are_named) {
  TempDir dir;
  fill_store(dir / "db", 25);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    delete_key(txn, records, record_key(18));
    delete_key(txn, records, record_key(19));
    delete_key(txn, records, record_key(5));
  });
  const auto result = verify_folder(dir / "db");
  BOOST_TEST(problems_of(result) == (std::vector<std::string>{"record 5 missing", "records 18-19 missing"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_cut_off_tail_is_named_from_the_stores_own_end) {
  TempDir dir;
  fill_store(dir / "db", 25);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    delete_key(txn, records, record_key(24));
    delete_key(txn, records, record_key(25));
  });
  const auto problems = problems_of(verify_folder(dir / "db"));
  BOOST_REQUIRE_EQUAL(problems.size(), 1u);
  BOOST_TEST(problems[0].find("records 24-25 missing") == 0, problems[0]);
}

BOOST_AUTO_TEST_CASE(reordered_records_are_named) {
  TempDir dir;
  fill_store(dir / "db", 25);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    const auto twenty = get_value(txn, records, record_key(20));
    const auto twenty_one = get_value(txn, records, record_key(21));
    put_value(txn, records, record_key(20), twenty_one);
    put_value(txn, records, record_key(21), twenty);
  });
  const auto result = verify_folder(dir / "db");
  BOOST_TEST(problems_of(result) == (std::vector<std::string>{"record 21 stored under sequence 20",
                                                              "record 20 stored under sequence 21"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unreadable_bytes_are_named_not_thrown) {
  TempDir dir;
  fill_store(dir / "db", 5);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    put_value(txn, records, record_key(3), std::string("\xff\x00garbage", 9));
  });
  const auto problems = problems_of(verify_folder(dir / "db"));
  BOOST_REQUIRE_EQUAL(problems.size(), 1u);
  BOOST_TEST(problems[0] == "record 3: content changed (no longer a readable record)");
}

BOOST_AUTO_TEST_CASE(a_full_map_refuses_the_write_with_a_clear_text) {
  TempDir dir;
  StoreOptions options;
  options.map_size = 64 * 1024;  // 16 pages
  AuditStore store(dir / "db", options);
  auto event = full_event(audit_category::read_search);
  event.detail = std::string(20'000, 'x');
  std::string error;
  int stored = 0;
  for (int i = 0; i < 20 && error.empty(); ++i) {
    try {
      store.append(event);
      ++stored;
    } catch (const AuditWriteError& e) {
      error = e.what();
    }
  }
  BOOST_TEST(stored >= 1);
  BOOST_TEST(error.find("audit store refused the write: ") == 0, error);
  BOOST_TEST(error.find("MDB_MAP_FULL") != std::string::npos, error);
  BOOST_TEST(error.find("map_size_mib") != std::string::npos, error);
  // The refused write left nothing behind: the chain is whole and ends at the last acknowledged record.
  const auto result = verify_store(store);
  BOOST_TEST(result.intact);
  BOOST_TEST(result.last_sequence == static_cast<std::uint64_t>(stored));
}
