#pragma once
// Where the banner goes: stdout, stderr, or a file or device such as /dev/tty1 (appended to).
#include <string>
#include <string_view>

namespace platebus::alerts {

class TerminalOutput {
 public:
  // "stdout", "stderr" or a path. Throws std::runtime_error saying why a path cannot be opened.
  explicit TerminalOutput(const std::string& where);
  ~TerminalOutput();
  TerminalOutput(const TerminalOutput&) = delete;
  TerminalOutput& operator=(const TerminalOutput&) = delete;

  bool is_terminal() const;
  // Writes all of `text` at once; throws std::runtime_error when the output refuses it.
  void write(std::string_view text);

 private:
  std::string where_;
  int fd_ = -1;
  bool owned_ = false;
};

}  // namespace platebus::alerts
