// A recognizer stopping in the real host: reads still open in the merge window get their final
// publication (final: true) before the subscribers downstream stop, and every frame's result arrives.
#define BOOST_TEST_MODULE recognizer_shutdown
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <map>
#include <random>

#include <opencv2/imgcodecs.hpp>

#include "../capture/capture_test_helpers.hpp"
#include "plate_renderer.hpp"
#include "probe_lines.hpp"

using namespace platebus::host;
using namespace platebus::test;
using namespace platebus::test::capture;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Day scenes with one plate each, as `color:FILE` entries for test.frame_maker.
std::string scene_entries(const TempDir& dir, const std::vector<std::string>& texts) {
  platebus::synthetic::PlateRenderer renderer;
  std::string list;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::mt19937 rng(static_cast<std::uint32_t>(900 + i));
    platebus::synthetic::SceneOptions options;
    options.size = {960, 540};
    options.max_tilt_deg = 4;
    const auto scene = renderer.render_scene({texts[i]}, options, rng);
    const auto file = dir / ("car" + std::to_string(i) + ".png");
    BOOST_REQUIRE(cv::imwrite(file.string(), scene.color));
    list += (list.empty() ? "\"color:" : ", \"color:") + file.string() + "\"";
  }
  return list;
}

}  // namespace

// A merge window far longer than the test: without the stop's final publication no read would
// ever be final. The probe is listed first, the recognizer's frames come losslessly.
BOOST_AUTO_TEST_CASE(reads_open_at_stop_get_their_final_revision) {
  TempDir dir;
  const std::vector<std::string> texts{"7ABC123", "4XYZ982", "8KLM551"};
  const auto entries = scene_entries(dir, texts);
  const auto file = deployment(
      dir, "  - id: probe_reads\n    use: test.read_probe\n    config: {file: " + (dir / "reads.jsonl").string() +
               "}\n    subscribe: {reads: reads., results: results.}\n"
               "  - id: ocr\n    use: recognize.neural\n    config: {workers: 2, merge_window: 10m}\n"
               "    subscribe: {frames: {topic: frames., delivery: lossless}}\n"
               "    publish: {reads: reads.ocr, results: results.ocr}\n"
               "  - id: maker\n    use: test.frame_maker\n    config: {frames: [" + entries + "]}\n"
               "    publish: {frames: {topic: frames.maker, delivery: lossless}}\n");
  Host host;
  start(host, file);
  BOOST_REQUIRE(wait_until([&] { return state_of(host, "maker") == "finished"; }, 30s));
  host.stop();

  BOOST_TEST(probed(dir / "reads.jsonl", "FrameResult").size() == texts.size());
  std::map<std::string, std::vector<json>> by_read;
  for (auto& read : probed(dir / "reads.jsonl", "PlateRead")) by_read[read["read_id"]].push_back(read);
  BOOST_REQUIRE_MESSAGE(!by_read.empty(), "the recognizer read at least one plate");
  for (const auto& [id, publications] : by_read) {
    BOOST_TEST_CONTEXT("read " << id) {
      const auto finals = std::count_if(publications.begin(), publications.end(),
                                        [](const json& p) { return p["final"] == true; });
      BOOST_TEST(finals == 1);
      BOOST_TEST(publications.back()["final"] == true);
      BOOST_TEST(publications.back()["revision"].get<int>() == publications.size() - 1);
    }
  }
}
