#include "lmdb_transaction.hpp"

#include <utility>

namespace platebus::lmdb_store {

Transaction Transaction::begin(MDB_env* env, unsigned int flags) {
  MDB_txn* handle = nullptr;
  lmdb::txn_begin(env, nullptr, flags, &handle);
  return Transaction(handle);
}

void Transaction::commit() {
  // mdb_txn_commit frees the transaction on success and on failure alike.
  MDB_txn* const handle = std::exchange(_handle, nullptr);
  if (const int rc = mdb_txn_commit(handle); rc != MDB_SUCCESS) lmdb::error::raise("mdb_txn_commit", rc);
}

}  // namespace platebus::lmdb_store
