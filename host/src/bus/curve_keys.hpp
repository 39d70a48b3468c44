#pragma once
// ZeroMQ CURVE keys as files: `NAME.key` (mode 0600) holds a key pair, `NAME.pub` only its public
// half, each as Z85 text (40 characters) in "name: value" lines a person can read and YAML can too.
#include <filesystem>
#include <string>

namespace platebus::host {

struct CurveKeyPair {
  std::string public_key;  // Z85
  std::string secret_key;  // Z85
};

// Writes STEM.key (0600) and STEM.pub (0644) with a new key pair; refuses to overwrite either.
// Throws std::runtime_error saying which file and what to do.
CurveKeyPair generate_key_files(const std::filesystem::path& stem);

// Reads a key pair file. Refuses one that group or others may read (the secret would not be), with
// the chmod that fixes it. Throws std::runtime_error naming the file.
CurveKeyPair read_key_pair_file(const std::filesystem::path& file);

// A public key given as 40 characters of Z85, or as the path of a .pub (or .key) file holding one.
// Throws std::runtime_error saying what is wrong with it.
std::string read_public_key(const std::string& text_or_file);

bool is_z85_key(const std::string& text);
// The 32 raw bytes of a Z85 key (what a ZAP request carries).
std::string raw_key(const std::string& z85);

}  // namespace platebus::host
