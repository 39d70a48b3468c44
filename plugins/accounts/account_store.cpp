#include "account_store.hpp"

#include <stdexcept>

#include "lmdb_environment.hpp"
#include "lmdb_transaction.hpp"

namespace platebus::accounts {

namespace {

std::string to_text(const lmdb::val& value) { return std::string(value.data(), value.size()); }

nlohmann::json session_json(const Session& session) {
  return {{"id", session.id},
          {"user", session.user},
          {"client", session.client},
          {"created_at", to_iso8601(session.created_at)},
          {"last_used", to_iso8601(session.last_used)}};
}

Session session_from(const std::string& hash, const nlohmann::json& value) {
  return {hash,
          value.at("id").get<std::string>(),
          value.at("user").get<std::string>(),
          value.value("client", std::string()),
          parse_iso8601(value.at("created_at").get<std::string>()),
          parse_iso8601(value.at("last_used").get<std::string>())};
}

}  // namespace

AccountStore::AccountStore(const std::filesystem::path& folder) : folder_(folder) {
  env_ = lmdb_store::open_lmdb(folder);
  // A killed process may leave its reader slots behind; clear them before they pin old pages.
  int stale = 0;
  mdb_reader_check(env_->handle(), &stale);
  try {
    auto txn = lmdb_store::Transaction::begin(env_->handle());
    accounts_ = lmdb::dbi::open(txn, "accounts", MDB_CREATE);
    sessions_ = lmdb::dbi::open(txn, "sessions", MDB_CREATE);
    failures_ = lmdb::dbi::open(txn, "failed_logins", MDB_CREATE);
    outbox_ = lmdb::dbi::open(txn, "outbox", MDB_CREATE);
    pending_ = lmdb::dbi::open(txn, "pending_changes", MDB_CREATE);
    txn.commit();
  } catch (const lmdb::error& e) {
    throw std::runtime_error("cannot open the accounts database in '" + folder.string() + "': " + e.what() +
                             "; check that it is an accounts database and that this user may write it");
  }
}

AccountStore::~AccountStore() = default;

AccountStore::Transaction AccountStore::read() {
  return Transaction(*this, lmdb_store::Transaction::begin_read(env_->handle()));
}

AccountStore::Transaction AccountStore::write() {
  return Transaction(*this, lmdb_store::Transaction::begin(env_->handle()));
}

std::optional<std::string> AccountStore::Transaction::get(MDB_dbi dbi, const std::string& key) {
  lmdb::val k(key), v;
  if (!lmdb::dbi_get(txn_, dbi, k, v)) return std::nullopt;
  return to_text(v);
}

void AccountStore::Transaction::put(MDB_dbi dbi, const std::string& key, const std::string& value) {
  lmdb::val k(key), v(value);
  lmdb::dbi_put(txn_, dbi, k, v, 0);
}

std::optional<Account> AccountStore::Transaction::account(const std::string& user) {
  if (user.empty()) return std::nullopt;
  const auto text = get(store_.accounts_, user);
  if (!text) return std::nullopt;
  return Account::from_stored_json(nlohmann::json::parse(*text));
}

std::vector<Account> AccountStore::Transaction::accounts() {
  std::vector<Account> all;
  auto cursor = lmdb::cursor::open(txn_, store_.accounts_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT))
    all.push_back(Account::from_stored_json(nlohmann::json::parse(to_text(value))));
  return all;
}

void AccountStore::Transaction::put(const Account& account) {
  put(store_.accounts_, account.user, account.to_stored_json().dump());
}

std::optional<Session> AccountStore::Transaction::session(const std::string& token_hash) {
  const auto text = get(store_.sessions_, token_hash);
  if (!text) return std::nullopt;
  return session_from(token_hash, nlohmann::json::parse(*text));
}

void AccountStore::Transaction::put(const Session& session) {
  put(store_.sessions_, session.token_hash, session_json(session).dump());
}

void AccountStore::Transaction::erase_session(const std::string& token_hash) {
  lmdb::val k(token_hash);
  lmdb::dbi_del(txn_, store_.sessions_, k, nullptr);
}

std::size_t AccountStore::Transaction::erase_sessions_of(const std::string& user) {
  std::size_t ended = 0;
  auto cursor = lmdb::cursor::open(txn_, store_.sessions_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT)) {
    if (nlohmann::json::parse(to_text(value)).value("user", std::string()) != user) continue;
    lmdb::cursor_del(cursor, 0);
    ++ended;
  }
  return ended;
}

std::size_t AccountStore::Transaction::session_count(const std::string& user) {
  std::size_t count = 0;
  auto cursor = lmdb::cursor::open(txn_, store_.sessions_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT))
    if (nlohmann::json::parse(to_text(value)).value("user", std::string()) == user) ++count;
  return count;
}

std::vector<Timestamp> AccountStore::Transaction::failed_logins(const std::string& user) {
  std::vector<Timestamp> times;
  if (const auto text = get(store_.failures_, user))
    for (const auto& at : nlohmann::json::parse(*text)) times.push_back(parse_iso8601(at.get<std::string>()));
  return times;
}

void AccountStore::Transaction::set_failed_logins(const std::string& user, const std::vector<Timestamp>& times) {
  if (times.empty()) {
    lmdb::val k(user);
    lmdb::dbi_del(txn_, store_.failures_, k, nullptr);
    return;
  }
  auto list = nlohmann::json::array();
  for (const auto at : times) list.push_back(to_iso8601(at));
  put(store_.failures_, user, list.dump());
}

std::optional<PendingChange> AccountStore::Transaction::pending_change(const std::string& id) {
  if (id.empty()) return std::nullopt;
  const auto text = get(store_.pending_, id);
  if (!text) return std::nullopt;
  return PendingChange::from_stored_json(nlohmann::json::parse(*text));
}

std::vector<PendingChange> AccountStore::Transaction::pending_changes() {
  std::vector<PendingChange> all;
  auto cursor = lmdb::cursor::open(txn_, store_.pending_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT))
    all.push_back(PendingChange::from_stored_json(nlohmann::json::parse(to_text(value))));
  return all;
}

void AccountStore::Transaction::put(const PendingChange& change) {
  put(store_.pending_, change.id, change.to_stored_json().dump());
}

void AccountStore::Transaction::erase_pending_change(const std::string& id) {
  lmdb::val k(id);
  lmdb::dbi_del(txn_, store_.pending_, k, nullptr);
}

void AccountStore::Transaction::append_to_outbox(const AuditEvent& event) {
  std::uint64_t next = 1;
  auto cursor = lmdb::cursor::open(txn_, store_.outbox_);
  lmdb::val key, value;
  if (cursor.get(key, value, MDB_LAST)) next = lmdb_store::from_big_endian_key(to_text(key)) + 1;
  cursor.close();
  put(store_.outbox_, lmdb_store::big_endian_key(next), event.to_json().dump());
}

std::vector<std::pair<std::uint64_t, AuditEvent>> AccountStore::Transaction::outbox() {
  std::vector<std::pair<std::uint64_t, AuditEvent>> events;
  auto cursor = lmdb::cursor::open(txn_, store_.outbox_);
  lmdb::val key, value;
  for (bool found = cursor.get(key, value, MDB_FIRST); found; found = cursor.get(key, value, MDB_NEXT))
    events.emplace_back(lmdb_store::from_big_endian_key(to_text(key)),
                        AuditEvent::from_json(nlohmann::json::parse(to_text(value))));
  return events;
}

void AccountStore::Transaction::erase_from_outbox(std::uint64_t key) {
  const auto k_text = lmdb_store::big_endian_key(key);
  lmdb::val k(k_text);
  lmdb::dbi_del(txn_, store_.outbox_, k, nullptr);
}

void AccountStore::Transaction::commit() {
  try {
    txn_.commit();
  } catch (const lmdb::error& e) {
    throw std::runtime_error("cannot save to the accounts database in '" + store_.folder_.string() + "': " + e.what() +
                             "; nothing was changed; " + lmdb_store::how_to_fix(e));
  }
}

}  // namespace platebus::accounts
