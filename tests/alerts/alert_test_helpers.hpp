#pragma once
// What the alert tests share: a deployment with test.hit_publisher feeding one sink, the line the
// publisher writes when done, and the host's log captured (StderrCapture from the capture tests).
// Include after <boost/test/unit_test.hpp>.
#include <nlohmann/json.hpp>
#include <string>

#include "capture_test_helpers.hpp"
#include "test_hits.hpp"

namespace platebus::test::alerts {

using capture::StderrCapture;
using capture::start;
using capture::state_of;

// test.hit_publisher (with `publisher_config`) publishing on topic "hits", and instance "sink" of
// `sink_plugin` (with `sink_config`) subscribed to it.
inline fs::path alert_deployment(const TempDir& dir, const std::string& publisher_config,
                                 const std::string& sink_plugin, const std::string& sink_config) {
  return write_file(dir / "deployment.yaml",
                    "plugin_path: [" PLATEBUS_ALERT_TEST_PLUGIN_DIR "]\n"
                    "supervisor: {restart_backoff: 5s}\n"
                    "instances:\n"
                    "  - id: sink\n    use: " + sink_plugin + "\n    config: {" + sink_config +
                        "}\n    subscribe: {hits: hits}\n"
                        "  - id: publisher\n    use: test.hit_publisher\n    config: {file: " +
                        (dir / "published.jsonl").string() + (publisher_config.empty() ? "" : ", ") +
                        publisher_config + "}\n    publish: {hits: hits}\n");
}

// The line test.hit_publisher wrote when it was done publishing, or null before.
inline nlohmann::json publisher_done(const TempDir& dir) {
  const auto lines = read_lines(dir / "published.jsonl");
  return lines.empty() || lines.back().empty() ? nlohmann::json() : nlohmann::json::parse(lines.back());
}

// Counts the non-overlapping occurrences of `part`.
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

}  // namespace platebus::test::alerts
