#!/usr/bin/env bash
# A one-million-plate hot list imported through the operator API with platectl, as a deployer does
# it: the real host with accounts, audit, match.hotlist and api on loopback, a fresh state folder.
# Prints the wall time of each `platectl hotlist import` and the service's own split of it.
# Usage: bench/hotlist/bench_api_import.sh [BIN_DIR] [RUNS]   (BIN_DIR defaults to build/bin)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-build/bin}")"
runs="${2:-3}"
work="$(mktemp -d /tmp/platebus-bench-import.XXXXXX)"
trap 'kill "$host" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))

# 1M rows, 75 MB: random 7-character plates, a hundred distinct reasons (a daily extract repeats
# its reasons), a case number on every row. awk's seeded generator keeps the file the same.
awk 'BEGIN {
  srand(20261128); print "plate,state,category,reason,list,case_number,expires"
  split("stolen_vehicle felony_vehicle bolo stolen_plate warrant", category, " ")
  alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
  for (i = 1; i <= 1000000; i++) {
    plate = ""; for (k = 0; k < 7; k++) plate = plate substr(alphabet, 1 + int(rand() * 33), 1)
    printf "%s,CA,%s,Reported in the daily extract batch %d,bulk,26-%04d,\n", plate, category[1 + i % 5], i % 100, i % 10000
  }
}' > "$work/big.csv"

cat > "$work/deployment.yaml" <<EOF
instances:
  - {id: accounts, use: accounts, config: {database: ./state/accounts}, serve: {accounts: accounts}}
  - id: audit
    use: audit
    config: {database: ./state/audit, checkpoint_folder: ./state/checkpoints, signing_key: ./state/key}
    serve: {audit: audit}
  - {id: matcher, use: match.hotlist, config: {database: ./state/hotlists}, serve: {hotlist: hotlist}}
  - {id: api, use: api, config: {listen: "127.0.0.1:$port"}, call: {accounts: accounts, audit: audit, hotlist: hotlist}}
EOF
cd "$work"
export XDG_CONFIG_HOME="$work/config" PLATEBUS_SERVER="http://127.0.0.1:$port"
password='bench horse battery staple 42'
echo "$password" | "$bin/platebus" accounts bootstrap --config deployment.yaml --user pm.bench \
  --display-name "Bench" --clearance-expires "$(date -u -d '+1 year' +%F)" > /dev/null
"$bin/platebus" run deployment.yaml > host.log 2>&1 &
host=$!
until curl -sf -o /dev/null "$PLATEBUS_SERVER/api/v1/health"; do
  kill -0 "$host" || { cat host.log; exit 1; }
  sleep 0.1
done
echo "$password" | "$bin/platectl" login --user pm.bench > /dev/null

echo "file: $(wc -l < big.csv) lines, $(du -m big.csv | cut -f1) MB"
for run in $(seq "$runs"); do
  # Each upload is timed alone: the previous one's matcher rebuild (about half a second) is over.
  [ "$run" = 1 ] || sleep 2
  start=$(date +%s.%N)
  answer="$("$bin/platectl" --json hotlist import big.csv --list bulk --mode replace)"
  end=$(date +%s.%N)
  echo "$answer" | python3 -c "
import json, sys
a = json.load(sys.stdin); ms = a['milliseconds']
print(f'run $run: wall {($end - $start):.2f} s  (service: parse and check {ms[\"parse_and_check\"]} ms, store {ms[\"store\"]} ms; '
      f'{a[\"imported\"]} imported, {a[\"removed\"]} replaced)')"
done
