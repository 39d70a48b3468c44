// `platebus-audit verify` as a separate process: exit 0 intact, 1 problems found (each named), 2
// bad input; against checkpoints and through a deployment file.
#define BOOST_TEST_MODULE audit_tool
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "audit_test_helpers.hpp"
#include "checkpoints.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using namespace platebus::test;

namespace {

ProcessResult verify(std::vector<std::string> args) {
  args.insert(args.begin(), {PLATEBUS_AUDIT_TOOL, "verify"});
  return run_process(args, std::chrono::seconds(30));
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_intact_store_exits_0) {
  TempDir dir;
  fill_store(dir / "db", 10);
  auto result = verify({(dir / "db").string()});
  BOOST_TEST(result.exit_status == 0, result.out + result.err);
  BOOST_TEST(result.out.find("intact: 10 records (1-10)") != std::string::npos, result.out);
  result = verify({(dir / "db").string(), "--json"});
  BOOST_TEST(result.exit_status == 0);
  const auto json = nlohmann::json::parse(result.out);
  BOOST_TEST(json["intact"] == true);
  BOOST_TEST(json["last_sequence"] == 10);
}

BOOST_AUTO_TEST_CASE(problems_exit_1_and_are_named) {
  TempDir dir;
  fill_store(dir / "db", 10);
  tamper(dir / "db", [](lmdb::txn& txn, lmdb::dbi& records, lmdb::dbi&) {
    auto value = get_value(txn, records, record_key(4));
    value[value.find("jdoe")] = 'J';
    put_value(txn, records, record_key(4), value);
    delete_key(txn, records, record_key(7));
  });
  const auto result = verify({(dir / "db").string()});
  BOOST_TEST(result.exit_status == 1, result.out + result.err);
  BOOST_TEST(result.out.find("record 4: content changed (hash mismatch)\nrecord 7 missing\n") == 0, result.out);
  BOOST_TEST(result.out.find("NOT intact: 2 problem(s)") != std::string::npos, result.out);
}

BOOST_AUTO_TEST_CASE(a_checkpoint_catches_a_cut_off_tail_in_the_tool) {
  TempDir dir;
  fill_store(dir / "db", 10);
  Checkpoint checkpoint;
  {
    AuditStore store(dir / "db");
    checkpoint = write_checkpoint(store.state(), load_or_create_signing_key(dir / "signing.key"), dir / "checkpoints");
  }
  const auto key = (dir / "signing.key.pub").string();
  auto result = verify({(dir / "db").string(), "--checkpoint", checkpoint.file.string(), "--public-key", key});
  BOOST_TEST(result.exit_status == 0, result.out + result.err);
  cut_tail(dir / "db", 9, 10);
  BOOST_TEST(verify({(dir / "db").string()}).exit_status == 0);  // the chain alone cannot tell
  result = verify({(dir / "db").string(), "--checkpoint", checkpoint.file.string(), "--public-key", key});
  BOOST_TEST(result.exit_status == 1, result.out + result.err);
  BOOST_TEST(result.out.find("record 10 missing: checkpoint") == 0, result.out);
}

BOOST_AUTO_TEST_CASE(bad_input_exits_2) {
  TempDir dir;
  auto result = verify({(dir / "nothing-here").string()});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("holds no LMDB database") != std::string::npos, result.err);
  fill_store(dir / "db", 2);
  write_file(dir / "bad.json", "not json");
  result = verify({(dir / "db").string(), "--checkpoint", (dir / "bad.json").string()});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("is not a checkpoint file") != std::string::npos, result.err);
  BOOST_TEST(verify({}).exit_status == 2);
  BOOST_TEST(verify({"--no-such-option"}).exit_status == 2);
}

BOOST_AUTO_TEST_CASE(the_database_is_found_through_a_deployment) {
  TempDir dir;
  fill_store(dir / "state" / "audit", 4);
  const auto deployment = write_file(dir / "deploy.yaml",
                                     "instances:\n  - id: trail\n    use: audit\n    config:\n"
                                     "      database: state/audit\n      checkpoint_folder: checkpoints\n"
                                     "      signing_key: keys/signing.key\n");
  auto result = verify({"--config", deployment.string()});
  BOOST_TEST(result.exit_status == 0, result.out + result.err);
  BOOST_TEST(result.out.find("intact: 4 records") != std::string::npos, result.out);
  // The instance's checkpoint folder and public key are used without being named.
  {
    AuditStore store(dir / "state" / "audit");
    write_checkpoint(store.state(), load_or_create_signing_key(dir / "keys" / "signing.key"), dir / "checkpoints");
  }
  cut_tail(dir / "state" / "audit", 3, 4);
  result = verify({"--config", deployment.string(), "--json"});
  BOOST_TEST(result.exit_status == 1, result.out + result.err);
  const auto json = nlohmann::json::parse(result.out);
  BOOST_TEST(json["checkpoints"].size() == 1u);
  BOOST_TEST(json["problems"][0]["problem"].get<std::string>().find("record 4 missing: checkpoint") == 0,
             json.dump());
  result = verify({"--config", deployment.string(), "--instance", "other"});
  BOOST_TEST(result.exit_status == 2);
  BOOST_TEST(result.err.find("no audit instance with id 'other'") != std::string::npos, result.err);
}
