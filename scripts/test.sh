#!/usr/bin/env bash
# Set up (first time only) and run every check CI runs: lint, format, import contracts, types,
# citations, tests — and, in CI (CI=true), the installed wheel and the other Pythons too.
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

# A runnable interpreter for version $1 (pyenv shims that refuse to run don't count).
find_python() {
  local candidate
  for candidate in "$(command -v "python$1" 2>/dev/null || true)" \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1" \
    /usr/bin/"python$1" /usr/local/bin/"python$1" /opt/homebrew/bin/"python$1"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'pass' >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ "${CI:-}" = "true" ] || [ "${DXCHECK_ALL_CHECKS:-}" = "1" ]; then
  echo "== the wheel, installed as a user would, every command run from another folder"
  .venv/bin/python scripts/check_install.py
  for version in 3.12 3.13; do
    if python=$(find_python "$version"); then
      echo "== pytest on Python $version ($python)"
      # made with venv first so that it has pip (the packaging test builds a wheel with it)
      [ -x ".venv-$version/bin/pip" ] || "$python" -m venv ".venv-$version"
      UV_PROJECT_ENVIRONMENT=".venv-$version" .venv/bin/uv sync --quiet --frozen --inexact \
        --extra dev --python "$python"
      ".venv-$version/bin/python" -m pytest -n 2 -q
    else
      echo "== Python $version is not on this machine: its run is skipped"
    fi
  done
fi
echo "== pytest (Python $(.venv/bin/python -c 'import platform; print(platform.python_version())'))"
.venv/bin/python -m pytest -n 2 -q "$@"
