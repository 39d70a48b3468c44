#!/usr/bin/env bash
# Runs configs/demo.yaml for DURATION (default 20s) and, while it runs, does what a newcomer does
# first: make the first program manager offline, log in with platectl, add an officer, and look
# at the audit trail those steps left. Usage: scripts/demo-walkthrough.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin
# The demo's state (accounts, audit trail, platectl's session file) stays in the build tree.
export XDG_CONFIG_HOME="$PWD/build/demo-state/config"
export PLATEBUS_SERVER=http://127.0.0.1:8080
# Demo-only passwords: the demo API listens on loopback only. Real ones come from a prompt.
manager=demo.manager
manager_password='demo manager walkthrough'
officer=ofc.demo
officer_password='demo officer walkthrough'

"$bin/platebus" run configs/demo.yaml --for "${1:-20s}" &
host=$!
for _ in $(seq 1 200); do
  (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null && break
  kill -0 "$host" 2>/dev/null || { wait "$host"; exit $?; }
  sleep 0.1
done

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "platebus accounts bootstrap: the first program manager, offline (password from stdin)"
echo "$manager_password" | "$bin/platebus" accounts bootstrap --config configs/demo.yaml --user "$manager" \
  --display-name "Demo Program Manager" || echo "(kept the program manager from an earlier run)"
step "platectl login"
echo "$manager_password" | "$bin/platectl" login --user "$manager"
"$bin/platectl" whoami
step "platectl accounts add: an officer, sworn, with a CLETS clearance date"
echo "$officer_password" | "$bin/platectl" accounts add "$officer" --role officer --display-name "Demo Officer" \
  --clearance-expires "$(date -u -d '+1 year' +%F)" || echo "(kept the officer from an earlier run)"
"$bin/platectl" accounts list
step "platectl audit export: today's audit trail (the last 8 records)"
"$bin/platectl" audit export --from "$(date -u +%F)" --to "$(date -u +%F)" | tail -n 8
step "platectl audit verify, and the same offline: platebus audit verify"
"$bin/platectl" audit verify
"$bin/platebus" audit verify --config configs/demo.yaml
"$bin/platectl" logout
wait "$host"
