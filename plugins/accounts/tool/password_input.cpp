#include "password_input.hpp"

#include <iostream>
#include <stdexcept>

#include <termios.h>
#include <unistd.h>

namespace platebus::accounts {

namespace {

std::string prompt_without_echo(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool restore = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (restore) {
    auto quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (restore) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << '\n';
  if (!got) throw std::runtime_error("no password was typed");
  return line;
}

}  // namespace

std::string read_new_password(const std::string& user) {
  if (isatty(STDIN_FILENO)) {
    const auto first = prompt_without_echo("New password for " + user + ": ");
    const auto second = prompt_without_echo("Type it again: ");
    if (first != second) throw std::runtime_error("the two passwords differ; run the command again");
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line))
    throw std::runtime_error("no password on standard input; pipe it in (one line) or run at a terminal");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace platebus::accounts
