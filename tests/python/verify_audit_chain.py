#!/usr/bin/python3
"""An outside auditor's verifier of a PlateBus audit trail, written from docs/audit.md alone.

It shares no code with PlateBus: it reads the closed LMDB store with python3-lmdb, recomputes
every record's hash as the docs define it, follows the chain from the anchor, and checks each
signed checkpoint with python3-cryptography. If PlateBus's format drifts from its documentation,
this verifier and PlateBus's own disagree, and tests/audit/test_audit_independent_verifier fails.

  verify_audit_chain.py DATABASE_FOLDER [--checkpoints FOLDER --public-key FILE]

Prints "ok: N records (sequences A-B), M checkpoints" and exits 0, or prints one line per problem
("record 17: ...") and exits 1.
"""
import argparse
import hashlib
import json
import pathlib
import sys

import lmdb
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS = "0" * 64


def canonical(record):
    """Compact, keys sorted, UTF-8 kept as it is (docs/audit.md, "The chain")."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(previous_hash, record):
    content = {key: value for key, value in record.items() if key != "hash"}
    return hashlib.sha256((previous_hash + "\n" + canonical(content)).encode("utf-8")).hexdigest()


def read_store(folder):
    env = lmdb.open(str(folder), readonly=True, lock=False, max_dbs=8, subdir=True)
    with env.begin() as txn:
        meta = {key.decode(): value.decode() for key, value in txn.cursor(db=env.open_db(b"meta", txn=txn))}
        records = [(int.from_bytes(key, "big"), value) for key, value in txn.cursor(db=env.open_db(b"records", txn=txn))]
    env.close()
    return meta, records


def verify_chain(meta, records, problems):
    """Returns {sequence: hash} of the records that verify."""
    expected_sequence = int(meta.get("anchor_sequence", "0")) + 1
    previous = meta.get("anchor_hash", GENESIS)
    hashes = {}
    for sequence, raw in records:
        where = f"record {sequence}"
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.append(f"{where}: not JSON ({error})")
            return hashes
        if raw.decode("utf-8") != canonical(record):
            problems.append(f"{where}: stored bytes are not canonical JSON")
        if sequence != expected_sequence or record.get("sequence") != sequence:
            problems.append(f"{where}: expected sequence {expected_sequence} (the record says {record.get('sequence')})")
        if record.get("previous_hash") != previous:
            problems.append(f"{where}: previous_hash does not match the record before it")
        if record_hash(record.get("previous_hash", ""), record) != record.get("hash"):
            problems.append(f"{where}: content changed (hash mismatch)")
        hashes[sequence] = record.get("hash")
        previous = record.get("hash")
        expected_sequence = sequence + 1
    if records and str(records[-1][0]) != meta.get("last_sequence"):
        problems.append(f"the end marker says sequence {meta.get('last_sequence')}, the chain ends at {records[-1][0]}")
    if previous != meta.get("last_hash", GENESIS):
        problems.append("the end marker's hash is not the last record's hash")
    return hashes


def verify_checkpoints(folder, public_key_file, hashes, anchor_sequence, problems):
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(pathlib.Path(public_key_file).read_text().strip()))
    files = sorted(pathlib.Path(folder).glob("checkpoint-*.json"))
    for file in files:
        checkpoint = json.loads(file.read_text())
        sequence, chain_hash = checkpoint["sequence"], checkpoint["chain_hash"]
        signed = f"platebus audit checkpoint\nsequence {sequence}\nchain_hash {chain_hash}\n".encode()
        try:
            key.verify(bytes.fromhex(checkpoint["signature"]), signed)
        except InvalidSignature:
            problems.append(f"checkpoint {file.name}: signature does not verify")
            continue
        if sequence <= anchor_sequence:
            continue  # purged since: nothing left to compare
        if sequence not in hashes:
            problems.append(f"checkpoint {file.name}: vouches for sequence {sequence}, which the chain lacks")
        elif hashes[sequence] != chain_hash:
            problems.append(f"record {sequence}: hash differs from checkpoint {file.name}")
    return len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--checkpoints")
    parser.add_argument("--public-key")
    args = parser.parse_args()
    meta, records = read_store(args.database)
    problems = []
    hashes = verify_chain(meta, records, problems)
    checkpoints = 0
    if args.checkpoints:
        checkpoints = verify_checkpoints(args.checkpoints, args.public_key, hashes,
                                         int(meta.get("anchor_sequence", "0")), problems)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    first = records[0][0] if records else 0
    last = records[-1][0] if records else 0
    print(f"ok: {len(records)} records (sequences {first}-{last}), {checkpoints} checkpoints")
    return 0


if __name__ == "__main__":
    sys.exit(main())
