#!/usr/bin/env bash
# Hot-swap leak check: bench_hot_swap_driver starts a Host and reloads SWAPS times between two
# deployments (capture.synthetic <-> test.counter on instance "cam", test.recorder kept running),
# under valgrind memcheck (default) or built with AddressSanitizer/LeakSanitizer in build-asan.
#
# Usage: bench/hot_swap_leaks.sh [valgrind|asan] [SWAPS=100] [DWELL_MS=30]
# Environment: BUILD (default build; build-asan for asan), JOBS (default 2).
set -euo pipefail

mode=${1:-valgrind}
swaps=${2:-100}
dwell=${3:-30}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${JOBS:-2}
out=$(mktemp -d /tmp/platebus-leaks.XXXXXX)
targets=(bench_hot_swap_driver capture_synthetic test_counter test_recorder)

case $mode in
  valgrind)
    build=${BUILD:-$root/build}
    cmake --build "$build" --target "${targets[@]}" -j"$jobs" >"$out/build.log" 2>&1 ||
      { tail -30 "$out/build.log"; exit 2; }
    # Plugins are unloaded by dlclose; keep their symbols for the stacks of anything they leaked.
    valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect \
      --keep-debuginfo=yes --num-callers=40 --log-file="$out/valgrind.txt" \
      "$build/bin/bench_hot_swap_driver" "$swaps" "$dwell" >"$out/driver.txt" 2>"$out/driver.err" && rc=0 || rc=$?
    report=$out/valgrind.txt
    ;;
  asan)
    build=${BUILD:-$root/build-asan}
    if [[ ! -f $build/CMakeCache.txt ]]; then
      cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS="-fsanitize=address -fno-omit-frame-pointer" \
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address" \
        -DCMAKE_MODULE_LINKER_FLAGS="-fsanitize=address" >"$out/configure.log" 2>&1 ||
        { tail -30 "$out/configure.log"; exit 2; }
    fi
    cmake --build "$build" --target "${targets[@]}" -j"$jobs" >"$out/build.log" 2>&1 ||
      { tail -30 "$out/build.log"; exit 2; }
    # fast_unwind_on_malloc=0 gives full stacks through dlopen'ed plugins; plugins stay mapped for symbolisation.
    ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:log_path="$out/asan" \
      LSAN_OPTIONS=report_objects=0 \
      "$build/bin/bench_hot_swap_driver" "$swaps" "$dwell" >"$out/driver.txt" 2>"$out/driver.err" && rc=0 || rc=$?
    cat "$out"/asan.* >"$out/asan.txt" 2>/dev/null || : >"$out/asan.txt"
    report=$out/asan.txt
    ;;
  *) echo "usage: $0 [valgrind|asan] [SWAPS] [DWELL_MS]" >&2; exit 2 ;;
esac

echo "hot-swap leak check ($mode, $swaps reloads), driver exit code $rc; full output in $out"
sed 's/^/  /' "$out/driver.txt"
if [[ $mode == valgrind ]]; then
  grep -E "definitely lost:|indirectly lost:|possibly lost:|still reachable:|ERROR SUMMARY:" "$report" |
    sed -E 's/^==[0-9]+== +/  /'
  # The first frames of each definite/indirect record, to say where a leak comes from.
  awk '/(definitely|indirectly) lost in loss record/ {show=12} show > 0 {print "  " $0; show--}' "$report" | head -80
else
  if [[ -s $report ]]; then
    grep -E "^SUMMARY|Direct leak|Indirect leak|ERROR: AddressSanitizer" "$report" | sed 's/^/  /' | head -40
  else
    echo "  LeakSanitizer: no leaks reported (no report file written)"
  fi
fi
exit "$rc"
