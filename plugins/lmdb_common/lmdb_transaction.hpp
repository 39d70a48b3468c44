#pragma once
// The one way PlateBus begins and commits LMDB transactions. lmdb++'s txn::commit() keeps its
// handle when mdb_txn_commit fails (full disk, MDB_MAP_FULL), although LMDB has already freed the
// transaction; its destructor then aborts the freed transaction: the next write crashed the host.
// Transaction::commit() releases the handle whether or not the commit succeeds.
//
// It is an lmdb::txn, so it goes wherever one went (lmdb::dbi_*, lmdb::cursor::open, functions
// taking lmdb::txn&). Call commit() on the Transaction itself, never through an lmdb::txn& (that
// would be lmdb++'s own commit), and never move it into a plain lmdb::txn.
#include <lmdb++.h>

namespace platebus::lmdb_store {

class Transaction : public lmdb::txn {
 public:
  // A write transaction (flags 0) or, with MDB_RDONLY, a read transaction. Throws lmdb::error.
  static Transaction begin(MDB_env* env, unsigned int flags = 0);
  static Transaction begin_read(MDB_env* env) { return begin(env, MDB_RDONLY); }

  // Commits; the handle is gone afterwards even when this throws lmdb::error, so the destructor
  // never touches a transaction LMDB already freed. Cursors opened in a write transaction are
  // freed by LMDB here too: close them (or let them go out of scope) before committing.
  void commit();

 private:
  explicit Transaction(MDB_txn* handle) noexcept : lmdb::txn(handle) {}
};

}  // namespace platebus::lmdb_store
