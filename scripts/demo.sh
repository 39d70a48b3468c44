#!/usr/bin/env bash
# Installs what is missing, builds PlateBus (Release) and runs the demo deployment for a while.
# Usage: scripts/demo.sh [DURATION]   (default 20s; the demo stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/bin/platebus run configs/demo.yaml --for "${1:-20s}"
