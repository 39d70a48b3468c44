#include "test_support.hpp"

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace platebus::test {

fs::path platebus_binary() { return PLATEBUS_TEST_BINARY; }
fs::path test_plugin_dir(const std::string& folder) { return fs::path(PLATEBUS_TEST_PLUGIN_ROOT) / folder; }
fs::path source_dir() { return PLATEBUS_TEST_SOURCE_DIR; }

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("platebus-test-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void report_skip(const std::string& why) { std::cout << "SKIPPED: " << why << std::endl; }

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

ChildProcess::ChildProcess(const std::vector<std::string>& args) {
  const auto out = dir_ / "out";
  const auto err = dir_ / "err";
  pid_ = fork();
  if (pid_ == 0) {
    const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, 0);
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && status_ == -1) {
    kill(pid_, SIGKILL);
    wait(std::chrono::seconds(5));
  }
}

void ChildProcess::signal(int signal_number) { kill(pid_, signal_number); }

int ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (status_ != -1) return status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return status_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

std::string ChildProcess::err() const { return read_file(dir_ / "err"); }
std::string ChildProcess::out() const { return read_file(dir_ / "out"); }

ProcessResult run_process(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  ChildProcess child(args);
  ProcessResult result;
  result.exit_status = child.wait(timeout);
  if (result.exit_status == -1) {
    child.signal(SIGKILL);
    child.wait(std::chrono::seconds(5));
  }
  result.out = child.out();
  result.err = child.err();
  return result;
}

}  // namespace platebus::test
