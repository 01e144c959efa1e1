#!/usr/bin/env bash
# Set up (first time only) and run every check CI runs: lint, types, citations, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
echo "== ruff (lint and format)"
.venv/bin/ruff check dxcheck tests scripts
.venv/bin/ruff format --check dxcheck tests scripts
echo "== import contracts (docs/design.md §2)"
.venv/bin/lint-imports
echo "== mypy (package and tests, strict)"
.venv/bin/mypy
echo "== citations"
if [ -f ../shared/tools/check_citations.py ] && [ -d ../shared/seeds ]; then
  .venv/bin/python ../shared/tools/check_citations.py
else
  echo "計画書の本文（../shared/seeds）がこのフォルダの隣にないため、出典の照合は行いません。"
  echo "(the seeds are not beside this checkout: the quotes were NOT checked against the plans)"
fi
echo "== pytest"
.venv/bin/python -m pytest -n 2 -q "$@"
