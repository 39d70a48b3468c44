// Signed checkpoints: a key pair made once with mode 0600, checkpoints that catch a cut-off tail
// and a rewritten chain the chain alone cannot see, and forged signatures.
#define BOOST_TEST_MODULE audit_checkpoints
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "audit_settings.hpp"
#include "audit_test_helpers.hpp"
#include "chain_verifier.hpp"
#include "checkpoints.hpp"
#include "platebus/plugin.hpp"
#include "record_chain.hpp"
#include "test_support.hpp"

using namespace platebus;
using namespace platebus::audit;
using namespace platebus::audit::test;
using platebus::test::TempDir;

namespace {

// Signs the store's current end, as the plugin does.
Checkpoint checkpoint_of(const std::filesystem::path& db, const TempDir& dir) {
  const auto key = load_or_create_signing_key(dir / "keys" / "signing.key");
  AuditStore store(db);
  return write_checkpoint(store.state(), key, dir / "checkpoints");
}

VerifyResult verify_with(const std::filesystem::path& db, const Checkpoint& checkpoint, const std::string& key = "") {
  AuditStore store(db);
  auto result = verify_store(store);
  check_against_checkpoint(read_checkpoint(checkpoint.file), key, store.state(),
                           stored_hash_at(store, checkpoint.sequence), result);
  return result;
}

std::string only_problem(const VerifyResult& result) {
  BOOST_REQUIRE_EQUAL(result.problems.size(), 1u);
  return result.problems[0].problem;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_key_pair_is_made_once_and_private) {
  TempDir dir;
  const auto first = load_or_create_signing_key(dir / "keys" / "signing.key");
  struct stat info {};
  BOOST_REQUIRE(::stat((dir / "keys" / "signing.key").c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600u);
  BOOST_TEST(read_public_key(dir / "keys" / "signing.key.pub") == first.public_key_hex);
  const auto again = load_or_create_signing_key(dir / "keys" / "signing.key");
  BOOST_TEST(again.public_key_hex == first.public_key_hex);
  ::chmod((dir / "keys" / "signing.key").c_str(), 0644);
  BOOST_CHECK_EXCEPTION(load_or_create_signing_key(dir / "keys" / "signing.key"), CheckpointError,
                        [](const CheckpointError& e) { return std::string(e.what()).find("chmod 600") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(an_untouched_store_matches_its_checkpoint) {
  TempDir dir;
  fill_store(dir / "db", 12);
  const auto checkpoint = checkpoint_of(dir / "db", dir);
  BOOST_TEST(checkpoint.sequence == 12u);
  BOOST_TEST(std::filesystem::exists(checkpoint.file));
  fill_store(dir / "db", 3);  // the chain grows past the checkpoint: still fine
  const auto result = verify_with(dir / "db", checkpoint, read_public_key(dir / "keys" / "signing.key.pub"));
  BOOST_TEST(result.intact);
  BOOST_TEST(result.last_sequence == 15u);
}

BOOST_AUTO_TEST_CASE(a_cut_off_tail_is_caught_by_the_checkpoint) {
  TempDir dir;
  fill_store(dir / "db", 20);
  const auto checkpoint = checkpoint_of(dir / "db", dir);
  cut_tail(dir / "db", 16, 20);  // the intruder also resets the end marker
  BOOST_TEST(verify_folder(dir / "db").intact);
  const auto problem = only_problem(verify_with(dir / "db", checkpoint));
  BOOST_TEST(problem.find("records 17-20 missing: checkpoint checkpoint-000000000020-") == 0, problem);
  BOOST_TEST(problem.find("the tail was cut off") != std::string::npos, problem);
}

BOOST_AUTO_TEST_CASE(a_rewritten_chain_is_caught_by_the_checkpoint) {
  TempDir dir;
  fill_store(dir / "db", 20);
  const auto checkpoint = checkpoint_of(dir / "db", dir);
  // Record 8 is changed and every hash from there on recomputed: the chain alone looks whole.
  rewrite_chain_from(dir / "db", 8, 20);
  BOOST_TEST(verify_folder(dir / "db").intact);
  const auto problem = only_problem(verify_with(dir / "db", checkpoint));
  BOOST_TEST(problem.find("record 20: hash differs from checkpoint") == 0, problem);
  BOOST_TEST(problem.find("rewritten") != std::string::npos, problem);
}

BOOST_AUTO_TEST_CASE(a_forged_checkpoint_signature_is_refused) {
  TempDir dir;
  fill_store(dir / "db", 5);
  const auto checkpoint = checkpoint_of(dir / "db", dir);
  auto json = nlohmann::json::parse(platebus::test::read_file(checkpoint.file));
  // Claims a longer chain than was signed.
  json["sequence"] = 9;
  std::ofstream(checkpoint.file) << json.dump(2);
  auto problem = only_problem(verify_with(dir / "db", checkpoint));
  BOOST_TEST(problem.find("signature does not verify") != std::string::npos, problem);

  // Signed with another key but presented with the genuine public key.
  TempDir other;
  fill_store(other / "db", 5);
  const auto foreign = checkpoint_of(other / "db", other);
  problem = only_problem(verify_with(dir / "db", foreign, read_public_key(dir / "keys" / "signing.key.pub")));
  BOOST_TEST(problem.find("signature does not verify against the given public key") != std::string::npos, problem);
}

BOOST_AUTO_TEST_CASE(a_key_from_the_environment_is_taken_once_and_wiped) {
  TempDir dir;
  const auto on_disk = load_or_create_signing_key(dir / "keys" / "signing.key");
  std::string hex = platebus::test::read_file(dir / "keys" / "signing.key");
  hex.erase(hex.find_last_not_of("\n") + 1);
  BOOST_CHECK_THROW(take_signing_key_from_environment("PLATEBUS_TEST_NO_SUCH_KEY"), CheckpointError);
  ::setenv("PLATEBUS_TEST_BAD_KEY", "not hex", 1);
  BOOST_CHECK_THROW(take_signing_key_from_environment("PLATEBUS_TEST_BAD_KEY"), CheckpointError);
  ::setenv("PLATEBUS_TEST_AUDIT_KEY", hex.c_str(), 1);
  const auto key = take_signing_key_from_environment("PLATEBUS_TEST_AUDIT_KEY");
  BOOST_TEST(key.public_key_hex == on_disk.public_key_hex);
  BOOST_TEST(std::getenv("PLATEBUS_TEST_AUDIT_KEY") == nullptr);  // no child process inherits it
  // A restarted instance in the same process still has it; nothing was written anywhere.
  BOOST_TEST(take_signing_key_from_environment("PLATEBUS_TEST_AUDIT_KEY").public_key_hex == on_disk.public_key_hex);
  fill_store(dir / "db", 3);
  AuditStore store(dir / "db");
  const auto checkpoint = write_checkpoint(store.state(), key, dir / "checkpoints");
  BOOST_TEST(checkpoint.public_key == on_disk.public_key_hex);
}

BOOST_AUTO_TEST_CASE(the_config_takes_exactly_one_signing_key_source) {
  const nlohmann::json base = {{"database", "/tmp/x"}, {"checkpoint_folder", "/tmp/y"}, {"retention", 730LL * 86'400'000},
                               {"checkpoint_interval", 3'600'000}, {"purge_interval", 86'400'000}, {"map_size_mib", 1},
                               {"night_hours", "22-06"}, {"volume_factor", 3.0}, {"volume_minimum", 20},
                               {"empty_results_minimum", 10}, {"reason_reuse_cases", 3}, {"case_plates_minimum", 3}};
  const auto with = [&](nlohmann::json file, nlohmann::json variable) {
    auto config = base;
    config["signing_key"] = std::move(file);
    config["signing_key_env"] = std::move(variable);
    return config;
  };
  BOOST_TEST(AuditSettings::validate(with(nullptr, nullptr)).size() == 1u);
  BOOST_TEST(AuditSettings::validate(with("/tmp/z", "AUDIT_KEY")).at(0).key == "signing_key");
  BOOST_TEST(AuditSettings::validate(with(nullptr, "AUDIT_KEY")).empty());
  BOOST_TEST(AuditSettings::from_config(with(nullptr, "AUDIT_KEY")).signing_key_env == "AUDIT_KEY");
  BOOST_TEST(AuditSettings::from_config(with("/tmp/z", nullptr)).signing_key == "/tmp/z");
}

BOOST_AUTO_TEST_CASE(a_malformed_checkpoint_file_is_bad_input) {
  TempDir dir;
  platebus::test::write_file(dir / "bad.json", "{\"sequence\": \"x\"}");
  BOOST_CHECK_THROW(read_checkpoint(dir / "bad.json"), CheckpointError);
  BOOST_CHECK_THROW(read_checkpoint(dir / "missing.json"), CheckpointError);
}
