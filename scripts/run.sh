#!/usr/bin/env bash
# Set up (first time only) and start dxcheck. Arguments go to dxcheck: scripts/run.sh --demo
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/dxcheck "$@"
