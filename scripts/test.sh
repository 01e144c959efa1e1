#!/usr/bin/env bash
# Set up (first time only) and run every check CI runs: lint, types, citations, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
echo "== ruff"
.venv/bin/ruff check dxcheck tests scripts
echo "== mypy"
.venv/bin/mypy
if [ -f ../shared/tools/check_citations.py ]; then
  echo "== citations"
  .venv/bin/python ../shared/tools/check_citations.py
fi
echo "== pytest"
.venv/bin/python -m pytest -n 2 -q "$@"
