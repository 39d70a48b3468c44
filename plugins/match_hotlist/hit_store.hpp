#pragma once
// Hits and the officers' dispositions, kept in LMDB beside the hot lists (same folder, same shared
// environment: plugins/lmdb_common). Two databases:
//   hits:       HIT_ID -> {"hit": <the Hit header without images>, "at": ..., "disposition": null | {...}}
//   hit_order:  big-endian sequence -> HIT_ID, so the newest hits are listed first
// A disposition is written once; a second acknowledgement is refused.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <lmdb++.h>
#include <nlohmann/json.hpp>

#include "lmdb_environment.hpp"
#include "platebus/time.hpp"

namespace platebus::hotlist {

struct Disposition {
  std::string disposition;  // confirmed, misread, no-longer-wanted, not-located, other
  bool visually_verified = false;
  bool clets_confirmed = false;
  std::string note;
  std::string by;
  Timestamp at{};
  nlohmann::json to_json() const;
};

enum class AcknowledgeOutcome { stored, unknown_hit, already_acknowledged };

class HitStore {
 public:
  // Opens (creating) the databases in `folder`; shares the environment the hot lists opened there.
  explicit HitStore(const std::filesystem::path& folder, const lmdb_store::LmdbOptions& options = {});

  // `hit` is the Hit message header (images are not kept); its hit_id is the key.
  void add(const nlohmann::json& hit, Timestamp at);
  // {"hit", "at", "disposition"}, or nothing for an unknown id.
  std::optional<nlohmann::json> find(std::string_view hit_id);
  // Newest first; with `open_only`, only hits nobody has acknowledged yet. Scans at most `scan_limit`.
  std::vector<nlohmann::json> newest(bool open_only, std::size_t limit, std::size_t scan_limit = 100'000);
  AcknowledgeOutcome acknowledge(std::string_view hit_id, const Disposition& disposition);
  // Deletes the hits raised before `before`, oldest first, in transactions of at most `batch`;
  // returns how many went. Hits are stored in the order they were raised, so it stops at the first
  // newer one.
  std::size_t purge_before(Timestamp before, std::size_t batch = 10'000);

 private:
  [[noreturn]] void rethrow(const lmdb::error& error, std::string_view doing) const;

  std::filesystem::path folder_;
  std::shared_ptr<lmdb::env> env_;
  MDB_dbi hits_ = 0;
  MDB_dbi order_ = 0;
};

}  // namespace platebus::hotlist
