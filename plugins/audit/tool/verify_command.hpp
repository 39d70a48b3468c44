#pragma once
// `platebus-audit verify`: checks an audit database offline, read-only, and against signed
// checkpoints. Exit 0 intact, 1 problems found, 2 bad input (unreadable database, checkpoint,
// key or deployment).
#include <filesystem>
#include <string>
#include <vector>

namespace platebus::audit {

struct VerifyOptions {
  std::filesystem::path database;  // the LMDB folder; or found through `config`
  std::filesystem::path config;    // a deployment file
  std::string instance;            // the audit instance in it, when there are several
  std::vector<std::filesystem::path> checkpoints;
  std::filesystem::path public_key;
  bool json = false;
};

int run_verify(const VerifyOptions& options);

}  // namespace platebus::audit
