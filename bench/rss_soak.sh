#!/usr/bin/env bash
# RSS soak: runs a demo-like deployment (capture.synthetic at 30 fps, 1280x720, with infrared,
# feeding a sink.log) with `platebus run CONFIG --for DURATION` and samples VmRSS every INTERVAL
# seconds. Prints the RSS after the warm-up ("start"), at the last sample ("end") and the maximum.
#
# Usage: bench/rss_soak.sh [DURATION] [INTERVAL_S] [WARMUP_S]
#   DURATION  as `platebus run --for` takes it: 10m (default), 90s, ...
#   INTERVAL_S  seconds between samples (default 10)
#   WARMUP_S    seconds before the "start" sample (default 30)
# Environment: PLATEBUS (default build/bin/platebus), KEEP=1 keeps the temp dir (config, log, samples),
#   SOAK_CONFIG=FILE runs that deployment instead (its camera instance must be `cam-soak`), e.g.
#   bench/recognition_soak.yaml.
set -euo pipefail

duration=${1:-10m}
interval=${2:-10}
warmup=${3:-30}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${PLATEBUS:-$root/build/bin/platebus}
[[ -x $bin ]] || { echo "no platebus binary at $bin; build it first (cmake --build build)" >&2; exit 2; }

to_seconds() {
  local d=$1
  case $d in
    *ms) echo $(( ${d%ms} / 1000 )) ;;
    *s) echo "${d%s}" ;;
    *m) echo $(( ${d%m} * 60 )) ;;
    *h) echo $(( ${d%h} * 3600 )) ;;
    *) echo "duration '$d': use e.g. 90s, 10m, 1h" >&2; exit 2 ;;
  esac
}
total_s=$(to_seconds "$duration")
if (( total_s <= warmup )); then
  echo "duration ${total_s}s must be longer than the ${warmup}s warm-up" >&2
  exit 2
fi

dir=$(mktemp -d /tmp/platebus-soak.XXXXXX)
cleanup() {
  [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null || true
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $dir"; else rm -rf "$dir"; fi
}
trap cleanup EXIT

if [[ -n ${SOAK_CONFIG:-} ]]; then
  cp "$SOAK_CONFIG" "$dir/soak.yaml"
else
cat >"$dir/soak.yaml" <<'EOF'
# Demo-like soak deployment: one 720p synthetic camera at 30 fps with infrared (what a 2-core machine
# renders at full rate), logged sparsely.
log:
  level: info
  stats_interval: 60s
instances:
  - id: cam-soak
    use: capture.synthetic
    config:
      plates: [7ABC123, 4XYZ982, 8KLM551]
      fps: 30
      width: 1280
      height: 720
      infrared: true
    publish:
      frames: frames.cam-soak

  - id: frame-log
    use: sink.log
    config:
      every: 300
    subscribe:
      in: frames.
EOF
fi

"$bin" run "$dir/soak.yaml" --for "$duration" >"$dir/platebus.log" 2>&1 &
pid=$!

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

echo "soak: $bin run $dir/soak.yaml --for $duration (pid $pid), sampling VmRSS every ${interval}s"
printf '%8s %12s\n' "t_s" "VmRSS_kB" | tee "$dir/samples.txt"
started=$(date +%s)
start_kb="" end_kb="" max_kb=0 max_after_kb=0 hwm=""
while kill -0 "$pid" 2>/dev/null; do
  now=$(( $(date +%s) - started ))
  kb=$(rss_kb "$pid" || true)
  [[ -z $kb ]] && break
  hwm=$(hwm_kb "$pid" || echo "$hwm")
  printf '%8d %12d\n' "$now" "$kb" | tee -a "$dir/samples.txt"
  (( kb > max_kb )) && max_kb=$kb
  if (( now >= warmup )); then
    [[ -z $start_kb ]] && start_kb=$kb
    (( kb > max_after_kb )) && max_after_kb=$kb
  fi
  end_kb=$kb
  sleep "$interval"
done
wait "$pid" && rc=0 || rc=$?
pid=""

frames=$(grep -o 'stats topic=frames.cam-soak messages=[0-9]*' "$dir/platebus.log" | tail -1 | sed 's/.*messages=//')
drops=$(grep -o 'stats topic=frames.cam-soak messages=[0-9]* bytes=[0-9]* drops=[0-9]*' "$dir/platebus.log" | tail -1 |
        sed 's/.*drops=//')
elapsed=$(( $(date +%s) - started ))
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

echo
echo "RSS soak result (platebus exit code $rc, ${elapsed}s)"
printf '  %-28s %s\n' "start RSS (after ${warmup}s)" "$(mb "${start_kb:-0}")"
printf '  %-28s %s\n' "end RSS" "$(mb "${end_kb:-0}")"
printf '  %-28s %s\n' "max RSS (after warm-up)" "$(mb "$max_after_kb")"
printf '  %-28s %s\n' "max RSS (all samples)" "$(mb "$max_kb")"
printf '  %-28s %s\n' "VmHWM (kernel peak)" "$(mb "${hwm:-0}")"
if [[ -n $start_kb && -n $end_kb ]]; then
  printf '  %-28s %+d kB\n' "end - start" $(( end_kb - start_kb ))
fi
if [[ -n $frames ]]; then
  printf '  %-28s %s (%s fps), bus drops %s\n' "frames published" "$frames" \
    "$(awk -v f="$frames" -v s="$total_s" 'BEGIN { printf "%.1f", f / s }')" "${drops:-?}"
fi
grep -m3 -E 'warn|error' "$dir/platebus.log" | sed 's/^/  log: /' || true
exit "$rc"
