// Each LMDB store on a real full disk (a 5 MiB tmpfs): writes are refused with the store's clear
// error naming its folder (LMDB reports ENOSPC, or EIO for a short write), again and again, without
// crashing (lmdb++ used to abort a transaction LMDB had already
// freed after a failed commit); reopening while still full works or is refused clearly; once
// space returns, writes succeed and what was stored before is intact.
#define BOOST_TEST_MODULE disk_full_stores
#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_NO_MAIN
#include "skip_main.hpp"

#include <optional>
#include <string>
#include <vector>

#include "account_store.hpp"
#include "audit_store.hpp"
#include "chain_verifier.hpp"
#include "disk_full_writes.hpp"
#include "hotlist_store.hpp"

using namespace platebus;
using platebus::test::refused_writes;
using platebus::test::SmallTmpfs;

namespace {

constexpr std::size_t kDiskMiB = 5;
constexpr int kAttempts = 6;

// About 3 KB: each record takes an LMDB overflow page of its own, so every write needs new space.
AuditEvent event(const std::string& detail = std::string(3000, 'd')) {
  AuditEvent e;
  e.at = now_utc();
  e.actor.user = "jdoe";
  e.category = audit_category::inquiry;
  e.target = "disk-full test";
  e.outcome = audit_outcome::allowed;
  e.detail = detail;
  return e;
}

std::vector<hotlist::HotPlateEntry> plates(const std::string& list, int count) {
  std::vector<hotlist::HotPlateEntry> entries;
  for (int i = 0; i < count; ++i) {
    hotlist::HotPlateEntry entry;
    entry.plate = "PB" + std::to_string(100000 + i);
    entry.category = hotlist::Category::stolen_vehicle;
    entry.reason = "stolen from lot " + std::to_string(i);
    entry.list = list;
    entry.added_by = "officer1";
    entry.added_at = now_utc();
    entries.push_back(std::move(entry));
  }
  return entries;
}

void add_to_outbox(accounts::AccountStore& store) {
  auto txn = store.write();
  txn.append_to_outbox(event());
  txn.commit();
}

// Opens the store on the still-full disk: it either opens or refuses with a runtime_error.
template <class Store>
std::optional<Store> reopen_while_full(const std::filesystem::path& folder) {
  try {
    return std::optional<Store>(std::in_place, folder);
  } catch (const std::runtime_error& e) {
    BOOST_TEST_MESSAGE("reopening on the full disk was refused: " << e.what());
    return std::nullopt;
  }
}

// A new database on the full disk is refused with a clear error (LMDB's lock file used to be a
// SIGBUS there: it is written through a memory map).
template <class Store>
void fresh_store_is_refused(const SmallTmpfs& disk) {
  try {
    Store store(disk / "fresh");
    BOOST_ERROR("a new database opened on a full disk");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("space") != std::string::npos, e.what());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_audit_store_refuses_writes_on_a_full_disk_and_recovers) {
  SmallTmpfs disk(kDiskMiB);
  const auto folder = disk / "audit";
  {
    audit::AuditStore store(folder);
    store.append(event());
    disk.fill();
    BOOST_TEST(refused_writes<audit::AuditWriteError>([&] { store.append(event()); }, kAttempts, folder.string()) >= 1);
  }
  fresh_store_is_refused<audit::AuditStore>(disk);
  if (auto store = reopen_while_full<audit::AuditStore>(folder))
    refused_writes<audit::AuditWriteError>([&] { store->append(event()); }, kAttempts, folder.string());
  disk.free_filler();
  audit::AuditStore store(folder);
  const auto appended = store.append(event());
  BOOST_TEST(appended.sequence >= 2u);
  const auto verified = audit::verify_store(store);
  BOOST_TEST(verified.intact);
  BOOST_TEST(verified.records == appended.sequence);
}

BOOST_AUTO_TEST_CASE(the_accounts_store_refuses_writes_on_a_full_disk_and_recovers) {
  SmallTmpfs disk(kDiskMiB);
  const auto folder = disk / "accounts";
  {
    accounts::AccountStore store(folder);
    add_to_outbox(store);
    disk.fill();
    BOOST_TEST(refused_writes<std::runtime_error>([&] { add_to_outbox(store); }, kAttempts, folder.string()) >= 1);
  }
  fresh_store_is_refused<accounts::AccountStore>(disk);
  if (auto store = reopen_while_full<accounts::AccountStore>(folder))
    refused_writes<std::runtime_error>([&] { add_to_outbox(*store); }, kAttempts, folder.string());
  disk.free_filler();
  accounts::AccountStore store(folder);
  const auto before = store.read().outbox().size();
  add_to_outbox(store);
  BOOST_TEST(store.read().outbox().size() == before + 1);
}

BOOST_AUTO_TEST_CASE(the_hot_list_store_refuses_imports_on_a_full_disk_and_recovers) {
  SmallTmpfs disk(kDiskMiB);
  const auto folder = disk / "hotlist";
  int list = 0;
  const auto import_a_list = [&](hotlist::HotlistStore& store) {
    store.import(plates("list" + std::to_string(++list), 300));
  };
  {
    hotlist::HotlistStore store(folder);
    import_a_list(store);
    disk.fill();
    BOOST_TEST(refused_writes<std::runtime_error>([&] { import_a_list(store); }, kAttempts, folder.string()) >= 1);
    // A refused import stored nothing, and reading still works.
    BOOST_TEST(store.plate_count() % 300 == 0u);
  }
  fresh_store_is_refused<hotlist::HotlistStore>(disk);
  if (auto store = reopen_while_full<hotlist::HotlistStore>(folder))
    refused_writes<std::runtime_error>([&] { import_a_list(*store); }, kAttempts, folder.string());
  disk.free_filler();
  hotlist::HotlistStore store(folder);
  const auto before = store.plate_count();
  import_a_list(store);
  BOOST_TEST(store.plate_count() == before + 300);
  BOOST_TEST(store.load_index().size() == before + 300);
}
