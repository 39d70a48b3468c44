#pragma once
// Where platectl keeps the session token between commands: $XDG_CONFIG_HOME/platebus/session (or
// ~/.config/platebus/session), readable by its owner only. A token in PLATEBUS_TOKEN wins.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace platectl {

class SessionFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::filesystem::path session_file_path();

// The token to send: PLATEBUS_TOKEN, else the session file's, else "". Throws SessionFileError
// when the file can be read by group or others (the token is as good as the password).
std::string current_token();

// Writes the file with mode 0600 (its folder 0700). Throws SessionFileError.
void save_token(const std::string& token);
void forget_token();

}  // namespace platectl
