#pragma once
// Passwords for the command-line tools (platectl, platebus-accounts): from a terminal prompt with
// echo off, or as one line of standard input when it is not a terminal (scripts:
// `printf '%s\n' "$PW" | platectl login`); never from the command line, where other users could
// read them in the process list and shell history keeps them.
#include <stdexcept>
#include <string>

namespace platebus::cli {

class PasswordInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Prompts on the terminal (echo off) or reads the next line of standard input.
std::string read_password(const std::string& prompt);

// A new password: on a terminal asked twice and compared; from standard input, one line.
std::string read_new_password(const std::string& prompt);

}  // namespace platebus::cli
