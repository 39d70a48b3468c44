#include "verify_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "audit_store.hpp"
#include "chain_verifier.hpp"
#include "checkpoints.hpp"
#include "platebus/host/instance_lookup.hpp"

namespace platebus::audit {

namespace fs = std::filesystem;

namespace {

// Bad input: says what and exits 2.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AuditInstance {
  fs::path database;
  fs::path checkpoint_folder;
  fs::path signing_key;
};

// A path setting as the plugin gets it (the host has resolved it already); when the audit plugin
// itself was not found (so nothing checked the settings), as written, resolved against the
// deployment's folder the same way.
fs::path setting_path(const host::FoundInstance& instance, const fs::path& deployment_file, const char* key) {
  const auto text = [key](const nlohmann::json& settings) -> const nlohmann::json* {
    if (!settings.is_object() || !settings.contains(key) || !settings[key].is_string()) return nullptr;
    return &settings[key];
  };
  if (const auto* resolved = text(instance.settings)) return resolved->get<std::string>();
  if (const auto* written = text(instance.written)) {
    const fs::path value = written->get<std::string>();
    return value.is_absolute() ? value : deployment_file.parent_path() / value;
  }
  return {};
}

AuditInstance find_instance(const VerifyOptions& options) {
  const auto lookup = host::find_instances(options.config, "audit", options.instance);
  const auto& candidates = lookup.instances;
  if (candidates.empty())
    throw BadInput(fmt::format("'{}' has no audit instance{} (an instance with `use: audit`){}",
                               options.config.string(),
                               options.instance.empty() ? "" : fmt::format(" with id '{}'", options.instance),
                               lookup.errors.empty() ? "" : "\n" + lookup.errors));
  if (candidates.size() > 1) {
    std::string ids;
    for (const auto& c : candidates) ids += (ids.empty() ? "" : ", ") + c.id;
    throw BadInput(fmt::format("'{}' has several audit instances ({}); pick one with --instance ID",
                               options.config.string(), ids));
  }
  AuditInstance found{setting_path(candidates[0], options.config, "database"),
                      setting_path(candidates[0], options.config, "checkpoint_folder"),
                      setting_path(candidates[0], options.config, "signing_key")};
  if (found.database.empty())
    throw BadInput(fmt::format("audit instance '{}' in '{}' sets no database", candidates[0].id,
                               options.config.string()));
  return found;
}

void print(const VerifyResult& result, const fs::path& database, const std::vector<Checkpoint>& checked, bool json) {
  if (json) {
    auto out = result.to_json();
    out["database"] = database.string();
    out["checkpoints"] = nlohmann::json::array();
    for (const auto& c : checked) out["checkpoints"].push_back(c.to_json());
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& problem : result.problems) std::cout << problem.problem << "\n";
  for (const auto& c : checked)
    std::cout << fmt::format("checked against checkpoint {} (sequence {})\n", c.file.string(), c.sequence);
  if (result.intact)
    std::cout << fmt::format("intact: {} records ({}-{}) in '{}', chain hash {}\n", result.records,
                             result.first_sequence, result.last_sequence, database.string(), result.chain_hash);
  else
    std::cout << fmt::format("NOT intact: {} problem(s) in '{}'\n", result.problems.size(), database.string());
}

}  // namespace

int run_verify(const VerifyOptions& options) {
  try {
    auto database = options.database;
    auto checkpoint_files = options.checkpoints;
    auto public_key_file = options.public_key;
    if (!options.config.empty()) {
      const auto instance = find_instance(options);
      database = instance.database;
      if (checkpoint_files.empty() && !instance.checkpoint_folder.empty())
        checkpoint_files = audit::checkpoint_files(instance.checkpoint_folder);
      if (public_key_file.empty() && fs::exists(instance.signing_key.string() + ".pub"))
        public_key_file = instance.signing_key.string() + ".pub";
    }
    if (!fs::exists(database / "data.mdb"))
      throw BadInput(fmt::format("'{}' holds no LMDB database (no data.mdb); give the audit plugin's database folder",
                                 database.string()));
    std::vector<Checkpoint> checkpoints;
    for (const auto& file : checkpoint_files) checkpoints.push_back(read_checkpoint(file));
    const auto trusted_key = public_key_file.empty() ? std::string() : read_public_key(public_key_file);

    StoreOptions store_options;
    store_options.read_only = true;
    const AuditStore store(database, store_options);
    auto result = verify_store(store);
    const auto state = store.state();
    for (const auto& checkpoint : checkpoints)
      check_against_checkpoint(checkpoint, trusted_key, state, stored_hash_at(store, checkpoint.sequence), result);
    print(result, database, checkpoints, options.json);
    return result.intact ? 0 : 1;
  } catch (const std::exception& e) {  // BadInput, CheckpointError, an unopenable database
    if (options.json) std::cout << nlohmann::json{{"error", e.what()}}.dump(2) << "\n";
    std::cerr << "platebus-audit verify: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace platebus::audit
