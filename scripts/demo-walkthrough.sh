#!/usr/bin/env bash
# Runs configs/demo.yaml for DURATION (default 20s) and, while it runs, does what a newcomer does
# first: make the first program manager offline, log in with platectl, add an officer, load a hot
# list, let the officer see and acknowledge the alerts it raises, and look at the audit trail all
# of that left. Usage: scripts/demo-walkthrough.sh [DURATION]
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

scripts/demo-webhook-receiver.py 8090 &
receiver=$!
trap 'kill "$receiver" 2>/dev/null || true' EXIT
"$bin/platebus" run configs/demo.yaml --for "${1:-20s}" &
host=$!
for _ in $(seq 1 200); do
  (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null && break
  kill -0 "$host" 2>/dev/null || { wait "$host"; exit $?; }
  sleep 0.1
done

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "platebus accounts bootstrap: the first program manager, offline (password from stdin)"
next_year="$(date -u -d '+1 year' +%F)"
echo "$manager_password" | "$bin/platebus" accounts bootstrap --config configs/demo.yaml --user "$manager" \
  --display-name "Demo Program Manager" --clearance-expires "$next_year" ||
  echo "(kept the program manager from an earlier run)"
step "platectl login"
echo "$manager_password" | "$bin/platectl" login --user "$manager"
"$bin/platectl" whoami
step "platectl accounts add: an officer, sworn, with a CLETS clearance date"
echo "$officer_password" | "$bin/platectl" accounts add "$officer" --role officer --display-name "Demo Officer" \
  --clearance-expires "$next_year" || echo "(kept the officer from an earlier run)"
"$bin/platectl" accounts list
step "platectl hotlist import: two wanted plates the demo camera will pass"
"$bin/platectl" hotlist import configs/demo-hotlist.csv --list demo-daily
"$bin/platectl" logout

step "the officer logs in; hits raise alerts (banner and bell, sound, webhook) within a second"
echo "$officer_password" | "$bin/platectl" login --user "$officer"
sleep 4
case_args=(--case 26-004512 --reason "stolen vehicle follow-up on patrol")
step "platectl alerts list: an inquiry, so it carries a case number and a reason"
"$bin/platectl" alerts list "${case_args[@]}"
hit="$("$bin/platectl" --json alerts list "${case_args[@]}" |
  python3 -c 'import json, sys; hits = json.load(sys.stdin)["hits"]; print(hits[0]["hit_id"] if hits else "")')"
if [ -n "$hit" ]; then
  step "platectl alerts ack: the officer looked, and the car was gone"
  "$bin/platectl" alerts ack "$hit" --disposition not-located --visually-verified --note "left before contact"
fi
"$bin/platectl" logout
echo "$manager_password" | "$bin/platectl" login --user "$manager"
step "platectl audit export: today's audit trail (the last 12 records)"
"$bin/platectl" audit export --from "$(date -u +%F)" --to "$(date -u +%F)" | tail -n 12
step "platectl audit verify, and the same offline: platebus audit verify"
"$bin/platectl" audit verify
"$bin/platebus" audit verify --config configs/demo.yaml
"$bin/platectl" logout
wait "$host"
