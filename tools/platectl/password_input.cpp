#include "password_input.hpp"

#include <iostream>

#include <termios.h>
#include <unistd.h>

namespace platectl {

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

std::string read_password(const std::string& prompt) {
  std::string password;
  if (!stdin_is_terminal()) {
    if (!std::getline(std::cin, password))
      throw PasswordInputError("expected a password as a line on standard input, found none");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  std::cerr << prompt << std::flush;
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  const bool read = static_cast<bool>(std::getline(std::cin, password));
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << '\n';
  if (!read) throw PasswordInputError("no password entered");
  return password;
}

std::string read_new_password(const std::string& prompt) {
  const auto password = read_password(prompt);
  if (stdin_is_terminal() && read_password("Repeat it: ") != password)
    throw PasswordInputError("the two passwords differ; nothing was changed");
  return password;
}

}  // namespace platectl
