#!/usr/bin/env bash
# Installs what is missing, builds PlateBus and runs the whole test suite under CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
