#pragma once
// Helpers shared by the capture driver tests: the host's log captured from stderr, deployments that
// put the test plugins on the plugin path, and the JSON lines test.frame_probe writes.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/host.hpp"
#include "test_support.hpp"

namespace platebus::test::capture {

// Sends everything written to stderr (the host's log) to a file while it lives.
class StderrCapture {
 public:
  explicit StderrCapture(fs::path file) : file_(std::move(file)) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~StderrCapture() {
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    // Show the captured log in the test output too, for failures.
    std::fprintf(stderr, "%s", read_file(file_).c_str());
  }
  std::string text() const {
    std::fflush(stderr);
    return read_file(file_);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

 private:
  fs::path file_;
  int saved_ = -1;
};

inline std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// A deployment with the test plugins (good/) on the plugin path; the built-in plugins are found
// next to the test binary as the host finds them next to itself.
inline fs::path deployment(const TempDir& dir, const std::string& instances,
                           const std::string& name = "deployment.yaml") {
  return write_file(dir / name, "plugin_path: " + test_plugin_dir("good").string() + "\n" + "instances:\n" + instances);
}

inline std::string frame_probe(const TempDir& dir, const std::string& topic = "frames.") {
  return "  - id: probe\n    use: test.frame_probe\n    config: {file: " + (dir / "frames.jsonl").string() +
         "}\n    subscribe: {frames: " + topic + "}\n";
}

inline std::vector<nlohmann::json> probed_frames(const TempDir& dir) {
  std::vector<nlohmann::json> frames;
  for (const auto& line : read_lines(dir / "frames.jsonl"))
    if (!line.empty()) frames.push_back(nlohmann::json::parse(line));
  return frames;
}

inline void start(platebus::host::Host& host, const fs::path& file) {
  platebus::host::Diagnostics diagnostics;
  BOOST_REQUIRE_MESSAGE(host.start(file, diagnostics), diagnostics.to_string());
}

inline std::string state_of(platebus::host::Host& host, const std::string& id) {
  auto* instance = host.instance(id);
  return instance ? platebus::host::to_string(instance->state()) : "absent";
}

}  // namespace platebus::test::capture
