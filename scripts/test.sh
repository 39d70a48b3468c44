#!/usr/bin/env bash
# Installs what is missing, builds PlateBus, runs the whole test suite under CTest, then fuzzes each
# parser for a short while (scripts/fuzz.sh; FUZZ_SECONDS, 25 by default, 0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
seconds=${FUZZ_SECONDS:-25}
[ "$seconds" -eq 0 ] || scripts/fuzz.sh "$seconds"
