#!/usr/bin/env bash
# Builds PlateBus with sanitizers into its own folder and runs tests under them (docs/testing.md):
#   scripts/sanitize.sh asan [ctest args...]   ASan+UBSan, build-asan/, the whole suite
#   scripts/sanitize.sh tsan [ctest args...]   TSan, build-tsan/, the tests labelled tsan (the bus,
#                                              services, shutdown and the recognizer)
# e.g. scripts/sanitize.sh asan -R test_hotlist. Not part of CI: the ASan suite alone takes longer
# than CI's 30 minutes on 2 cores. -O1 and asserts on: faster to build, and an assert is a finding.
# libzmq, OpenCV, Tesseract and the other Debian libraries are not instrumented: what they do is
# suppressed in tests/sanitizers/*.supp, each entry with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: scripts/sanitize.sh asan|tsan [ctest args...]}
shift
supp=$PWD/tests/sanitizers
case "$kind" in
  asan) sanitize=address,undefined; selection=()
        export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
        export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
        export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$supp/ubsan.supp" ;;
  tsan) sanitize=thread; selection=(-L tsan)
        export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:suppressions=$supp/tsan.supp:exitcode=66" ;;
  *) echo "scripts/sanitize.sh: '$kind' is neither asan nor tsan" >&2; exit 2 ;;
esac
build=build-$kind
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-O1 -DPLATEBUS_SANITIZE="$sanitize" \
  >/dev/null
if [ ${#selection[@]} -eq 0 ]; then
  cmake --build "$build" -j"$(nproc)"
else
  # Only the selected tests' programs: each depends on the host and the plugins it loads.
  mapfile -t targets < <(ctest --test-dir "$build" -N "${selection[@]}" | awk '/Test +#/ {print $3}')
  cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"
fi
# One test at a time: instrumented code is 2-15 times slower, and timing bounds were measured alone.
ctest --test-dir "$build" --output-on-failure "${selection[@]}" "$@" | tee "$build/ctest.log"
