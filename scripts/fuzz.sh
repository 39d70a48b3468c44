#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, with clang, into build-fuzz/) and runs each for SECONDS
# (default 30), one per core at a time, starting from the seeds in fuzz/corpus/NAME. What a run
# finds that is new goes to build-fuzz/corpus/NAME (kept between runs, never into the repo); a
# crash, leak, timeout or sanitizer finding is saved as build-fuzz/artifacts/NAME-crash-... and
# fails the script.
#   scripts/fuzz.sh [SECONDS] [NAME...]     e.g. scripts/fuzz.sh 180 deployment nmea
# Replay one finding: build-fuzz/fuzz_NAME build-fuzz/artifacts/NAME-crash-...
# FUZZ_KEEP_GOING=1 runs each target in libFuzzer's fork mode and keeps going past crashes, timeouts
# and out-of-memory inputs, counting them (for the longer runs in docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(bus_message deployment hotlist_csv state_extract api_json nmea image_probe)

CC=clang CXX=clang++ cmake -S fuzz -B build-fuzz >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null

mkdir -p build-fuzz/artifacts
keep_going=()
[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)

# Fuzzes one target and writes its one-line result (and what failed) to build-fuzz/NAME.result.
fuzz_one() {
  local name=$1 log="build-fuzz/$1.log" result=ok status runs last found
  mkdir -p "build-fuzz/corpus/$name"
  touch "build-fuzz/artifacts/.start-$name"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: an input that makes the parser
  # take over 2 GiB is a finding too. New inputs go to the first folder, the seeds stay read-only.
  build-fuzz/"fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "${keep_going[@]}" -artifact_prefix="build-fuzz/artifacts/$name-" "build-fuzz/corpus/$name" "fuzz/corpus/$name" \
    >"$log" 2>&1 || result=FAILED
  # The last status line holds the coverage (cov: edges, ft: features); in fork mode also the
  # executions and what was found, otherwise the final stats hold the executions.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  status=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' <<<"$last" || true)
  if [ ${#keep_going[@]} -gt 0 ]; then
    runs=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#' || echo "?")
    # Fork mode's own oom/timeout/crash counter misses inputs that fail in the seeds: count files.
    found=$(find build-fuzz/artifacts -name "$name-*" -newer "build-fuzz/artifacts/.start-$name" | wc -l)
    status="$status, $found failing input(s) saved"
    [ "$found" -eq 0 ] || result=FAILED
  else
    runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  fi
  {
    printf '%-14s %-6s %ss, %s executions, %s\n' "$name" "$result" "$seconds" "$runs" "$status"
    [ "$result" = ok ] || grep -E 'ERROR: |SUMMARY: |Test unit written to' "$log" | head -5 | sed 's/^/    /'
  } >"build-fuzz/$name.result"
}

# One target per core at a time: each libFuzzer run is single-threaded.
for name in "${names[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  fuzz_one "$name" &
done
wait
failed=()
for name in "${names[@]}"; do
  cat "build-fuzz/$name.result"
  grep -q "^$name  *ok " "build-fuzz/$name.result" || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (logs in build-fuzz/NAME.log, inputs in build-fuzz/artifacts/)" >&2
  exit 1
fi
