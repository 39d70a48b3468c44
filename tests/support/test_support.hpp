#pragma once
// Shared helpers for the tests: temporary folders, files, waiting for a condition, and running the
// real `platebus` binary as a child process.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace platebus::test {

namespace fs = std::filesystem;

// Paths baked in by CMake.
fs::path platebus_binary();
fs::path test_plugin_dir(const std::string& folder);  // build/tests/plugins/<folder>
fs::path source_dir();

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

fs::path write_file(const fs::path& path, const std::string& text);
std::string read_file(const fs::path& path);
std::vector<std::string> read_lines(const fs::path& path);

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// Says on stdout that part of a test could not run, and why: "SKIPPED: <why>". Every test's CTest
// SKIP_REGULAR_EXPRESSION (tests/CMakeLists.txt) then reports the test as skipped, never as passed.
void report_skip(const std::string& why);

struct ProcessResult {
  int exit_status = -1;  // the exit code, or 128+signal
  std::string out;
  std::string err;
};

// Runs a command to completion (killing it after `timeout`).
ProcessResult run_process(const std::vector<std::string>& args,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A child process running in the background, its output captured to files.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& args);
  ~ChildProcess();
  void signal(int signal_number);
  // Waits for exit; returns the exit status (128+signal when killed), or -1 after the timeout.
  int wait(std::chrono::milliseconds timeout);
  std::string err() const;
  std::string out() const;

 private:
  pid_t pid_ = -1;
  TempDir dir_;
  int status_ = -1;
};

}  // namespace platebus::test
