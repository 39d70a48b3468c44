#pragma once
// A new password for the offline tool, only ever from standard input: typed twice at a terminal
// with echo off, or one line from a pipe. Never from the command line, where `ps` and shell
// history would show it.
#include <string>

namespace platebus::accounts {

// Throws std::runtime_error when nothing was given or the two entries differ.
std::string read_new_password(const std::string& user);

}  // namespace platebus::accounts
