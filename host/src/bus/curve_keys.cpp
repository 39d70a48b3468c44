#include "bus/curve_keys.hpp"

#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <zmq.h>

namespace platebus::host {

namespace {

constexpr std::size_t kZ85KeyLength = 40;
constexpr std::size_t kMaxKeyFileBytes = 4096;

void write_new_file(const std::filesystem::path& file, const std::string& text, mode_t mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    throw std::runtime_error(fmt::format("cannot create '{}': {}; choose a new name (existing keys are never "
                                         "overwritten) in a folder you may write",
                                         file.string(), std::strerror(errno)));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) throw std::runtime_error(fmt::format("could not write '{}' whole", file.string()));
}

std::string read_small_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read key file '{}'; check the path", file.string()));
  std::string text(kMaxKeyFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxKeyFileBytes)
    throw std::runtime_error(fmt::format("'{}' is larger than a key file can be; give the file `platebus keys "
                                         "generate` made",
                                         file.string()));
  return text;
}

// The value of the "name: value" line, or "" when there is none.
std::string line_value(const std::string& text, const std::string& name) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    const auto prefix = name + ": ";
    if (line.starts_with(prefix)) {
      auto value = line.substr(prefix.size());
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
      return value;
    }
    start = end + 1;
  }
  return "";
}

}  // namespace

bool is_z85_key(const std::string& text) {
  if (text.size() != kZ85KeyLength) return false;
  std::uint8_t bytes[32];
  return zmq_z85_decode(bytes, text.c_str()) != nullptr;
}

std::string raw_key(const std::string& z85) {
  std::string bytes(32, '\0');
  if (!is_z85_key(z85) || !zmq_z85_decode(reinterpret_cast<std::uint8_t*>(bytes.data()), z85.c_str()))
    throw std::invalid_argument("not a Z85 CURVE key");
  return bytes;
}

CurveKeyPair generate_key_files(const std::filesystem::path& stem) {
  char public_key[kZ85KeyLength + 1];
  char secret_key[kZ85KeyLength + 1];
  if (zmq_curve_keypair(public_key, secret_key) != 0)
    throw std::runtime_error("this libzmq cannot make CURVE keys (built without libsodium or tweetnacl)");
  const CurveKeyPair pair{public_key, secret_key};
  auto key_file = stem;
  key_file += ".key";
  auto pub_file = stem;
  pub_file += ".pub";
  if (std::filesystem::exists(pub_file))
    throw std::runtime_error(fmt::format("'{}' exists already; choose a new name (existing keys are never "
                                         "overwritten)",
                                         pub_file.string()));
  write_new_file(key_file,
                 fmt::format("# platebus CURVE key pair: keep secret (mode 0600)\npublic-key: {}\nsecret-key: {}\n",
                             pair.public_key, pair.secret_key),
                 0600);
  write_new_file(pub_file, fmt::format("# platebus CURVE public key\npublic-key: {}\n", pair.public_key), 0644);
  return pair;
}

CurveKeyPair read_key_pair_file(const std::filesystem::path& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0)
    throw std::runtime_error(fmt::format("key file '{}' does not exist; make one with `platebus keys generate`",
                                         file.string()));
  if (status.st_mode & (S_IRWXG | S_IRWXO))
    throw std::runtime_error(fmt::format("key file '{}' may be read by other users (mode {:o}); run chmod 600 '{}'",
                                         file.string(), status.st_mode & 0777, file.string()));
  const auto text = read_small_file(file);
  CurveKeyPair pair{line_value(text, "public-key"), line_value(text, "secret-key")};
  if (!is_z85_key(pair.public_key) || !is_z85_key(pair.secret_key))
    throw std::runtime_error(fmt::format("'{}' holds no key pair (public-key: and secret-key: lines of 40 Z85 "
                                         "characters); give the .key file `platebus keys generate` made",
                                         file.string()));
  return pair;
}

std::string read_public_key(const std::string& text_or_file) {
  std::error_code error;
  // A file first: a 40-character path can be valid Z85 too.
  const bool is_file = std::filesystem::is_regular_file(text_or_file, error);
  if (!is_file && is_z85_key(text_or_file)) return text_or_file;
  if (!is_file)
    throw std::runtime_error(fmt::format("'{}' is neither a public key (40 Z85 characters) nor a key file; give "
                                         "the .pub file `platebus keys generate` made",
                                         text_or_file));
  const auto key = line_value(read_small_file(text_or_file), "public-key");
  if (!is_z85_key(key))
    throw std::runtime_error(fmt::format("'{}' holds no public-key: line of 40 Z85 characters; give the .pub file "
                                         "`platebus keys generate` made",
                                         text_or_file));
  return key;
}

}  // namespace platebus::host
