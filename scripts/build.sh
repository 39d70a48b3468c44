#!/usr/bin/env bash
# Configures and builds PlateBus in build/ (Release). PLATEBUS_WERROR=ON (CI sets it, .ci/run) turns
# every compiler warning into an error; without it a newer compiler's new warnings do not stop a build.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPLATEBUS_WERROR="${PLATEBUS_WERROR:-OFF}"
cmake --build build -j"$(nproc)"
