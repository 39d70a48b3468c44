#include "password_input.hpp"

#include <iostream>

#include <termios.h>
#include <unistd.h>

namespace platebus::cli {

namespace {

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace

std::string read_password(const std::string& prompt) {
  std::string password;
  if (!stdin_is_terminal()) {
    if (!std::getline(std::cin, password))
      throw PasswordInputError("no password on standard input; pipe it in (one line) or run at a terminal");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool restore = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  const bool read = static_cast<bool>(std::getline(std::cin, password));
  if (restore) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << '\n';
  if (!read) throw PasswordInputError("no password entered");
  return password;
}

std::string read_new_password(const std::string& prompt) {
  const auto password = read_password(prompt);
  if (stdin_is_terminal() && read_password("Type it again: ") != password)
    throw PasswordInputError("the two passwords differ; nothing was changed, run the command again");
  return password;
}

}  // namespace platebus::cli
