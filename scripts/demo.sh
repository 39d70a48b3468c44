#!/usr/bin/env bash
# Installs what is missing, builds PlateBus (Release) and runs the demo deployment for a while,
# walking through the first account, platectl and the audit trail as it runs.
# Usage: scripts/demo.sh [DURATION]   (default 20s; the demo stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec scripts/demo-walkthrough.sh "${1:-20s}"
