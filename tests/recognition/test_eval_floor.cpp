// CI's floor for recognition: platebus-eval on the committed synthetic set, and on the real
// benchmark photos when ../shared is beside the checkout, must not fall below what the default
// recognizer reached when the floor was last raised (a regression fails the build).
#define BOOST_TEST_MODULE eval_floor
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace platebus::test;

namespace {
// Measured 2026-11-29 11:56 with recognize.neural 0.1.0 (platebus-eval's default) and the committed
// plate network: detection 1.000, top-1 0.957, 44 of 46 (the network before read 45; recognize.tesseract
// reads 0.674 of the same set). The floor allows one more miss (43 of 46); the network is
// deterministic, so a second is a regression.
constexpr double kMinDetection = 0.97;
constexpr double kMinTop1 = 0.93;
}  // namespace

BOOST_AUTO_TEST_CASE(the_recognizer_holds_its_floor_on_the_synthetic_set) {
  const auto eval = (platebus_binary().parent_path() / "platebus-eval").string();
  const auto set = (source_dir() / "tests/data/synthetic-eval").string();
  const auto result = run_process({eval, set, "--json"}, std::chrono::minutes(5));
  BOOST_REQUIRE_MESSAGE(result.exit_status == 0, result.err);
  const auto figures = nlohmann::json::parse(result.out);
  BOOST_TEST_MESSAGE("synthetic set: " << figures.dump());
  BOOST_TEST(figures["images"] == 40);
  BOOST_TEST(figures["plates"] == 46);
  BOOST_TEST(figures["detection_rate"].get<double>() >= kMinDetection);
  BOOST_TEST(figures["top1_rate"].get<double>() >= kMinTop1);
  BOOST_TEST(figures["topn_rate"].get<double>() >= figures["top1_rate"].get<double>());
  // Generous: a 10x slowdown is a bug, not a slow machine.
  BOOST_TEST(figures["p90_ms"].get<double>() < 1000.0);
}

namespace {
// The real benchmark photos (../shared beside the checkout; evaluation only, never in the repo).
// Measured 2026-11-29 14:15 with the committed network: us-dev top-1 0.767 (89 of 116), detection
// 0.991; plate-crops top-1 0.909 (683 of 751). The floors allow two plates fewer on each. (The
// network before read 96 and 667: this one trades scene plates for the crops' 90 % bar, see
// docs/benchmarks.md.)
const std::filesystem::path kBenchmarks = "../shared/data/openalpr-benchmarks";
constexpr double kMinUsDevTop1 = 0.75;        // 87 of 116
constexpr double kMinUsDevDetection = 0.97;   // 113 of 116
constexpr double kMinCropsTop1 = 0.906;       // 681 of 751

boost::test_tools::assertion_result benchmarks_present(boost::unit_test::test_unit_id) {
  boost::test_tools::assertion_result present(std::filesystem::is_directory(source_dir() / kBenchmarks / "us-dev"));
  present.message() << "skipped: " << (source_dir() / kBenchmarks).string() << " is not there";
  if (!present) report_skip((source_dir() / kBenchmarks).string() + " is not there: no accuracy check on real photos");
  return present;
}

nlohmann::json evaluate(const std::string& set) {
  const auto eval = (platebus_binary().parent_path() / "platebus-eval").string();
  const auto result = run_process({eval, (source_dir() / kBenchmarks / set).string(), "--json"}, std::chrono::minutes(5));
  BOOST_REQUIRE_MESSAGE(result.exit_status == 0, result.err);
  auto figures = nlohmann::json::parse(result.out);
  BOOST_TEST_MESSAGE(set << ": " << figures.dump());
  return figures;
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_recognizer_holds_its_floor_on_the_real_benchmarks,
                     *boost::unit_test::precondition(benchmarks_present)) {
  const auto us_dev = evaluate("us-dev");
  BOOST_TEST(us_dev["plates"] == 116);
  BOOST_TEST(us_dev["detection_rate"].get<double>() >= kMinUsDevDetection);
  BOOST_TEST(us_dev["top1_rate"].get<double>() >= kMinUsDevTop1);
  const auto crops = evaluate("plate-crops");
  BOOST_TEST(crops["plates"] == 751);
  BOOST_TEST(crops["top1_rate"].get<double>() >= kMinCropsTop1);
}
