#!/usr/bin/env bash
# Sets up what dxcheck needs in this checkout, idempotently, on Linux and macOS:
#   1. a virtual environment in .venv with exactly the versions in uv.lock (dxcheck editable);
#   2. for the PDF report, a Japanese font (BIZ UDPGothic) and Pango, where this machine allows
#      installing them. Without them the wizard and every other output still work: only the PDF
#      is unavailable, and dxcheck says so when asked for one.
# Usage: scripts/setup.sh [--dev]     (--dev adds the test and lint tools and their helpers)
# Windows users install with one line instead (README「インストール」); no bash is needed there.
# Portable to macOS's bash 3.2 and BSD tools: no sha256sum, no GNU-only options.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

say() { printf '%s\n' "$*" >&2; }

can_admin() {
  [ "$(id -u)" -eq 0 ] && return 0
  command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null
}
as_admin() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

have_japanese_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja family 2>/dev/null | head -n 1)" ] && return 0
  ls "$HOME/Library/Fonts"/BIZ* /Library/Fonts/BIZ* /System/Library/Fonts/ヒラギノ* >/dev/null 2>&1
}
have_pango() {
  { command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0'; } \
    || [ -e /opt/homebrew/lib/libpangoft2-1.0.dylib ] || [ -e /usr/local/lib/libpangoft2-1.0.dylib ]
}

# Installs system packages where allowed; otherwise says what to install and carries on.
apt_install() {
  if command -v apt-get >/dev/null 2>&1 && can_admin; then
    say "システムパッケージを入れています: $*"
    as_admin apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 || {
      as_admin apt-get update -qq >/dev/null && as_admin apt-get install -y --no-install-recommends "$@" >/dev/null
    }
    return 0
  fi
  return 1
}

pdf_needs=""
have_japanese_font || pdf_needs="$pdf_needs fonts-morisawa-bizud-gothic fontconfig"
have_pango || pdf_needs="$pdf_needs libpango-1.0-0 libpangoft2-1.0-0"
if [ -n "$pdf_needs" ]; then
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  if ! apt_install $pdf_needs; then
    if command -v brew >/dev/null 2>&1; then
      say "Homebrew で PDF 用の部品を入れています: pango, font-biz-udpgothic"
      brew install pango >/dev/null || true
      brew install --cask font-biz-udpgothic >/dev/null 2>&1 || true
    else
      say "（お知らせ）PDF 報告書には日本語フォントと Pango が必要です。ウィザードやほかの出力は"
      say "  このまま使えます。PDF も作るには、管理者に次を入れてもらってください:"
      say "  Debian/Ubuntu: sudo apt-get install -y$pdf_needs"
      say "  macOS: brew install pango && brew install --cask font-biz-udpgothic"
    fi
  fi
fi

# The tests also drive `dxcheck serve` in a real browser, look at report pages as images and
# convert Word files: optional helpers, each test that needs one skips without it.
if [ "$dev" -eq 1 ]; then
  optional=""
  command -v chromium >/dev/null 2>&1 || optional="$optional chromium"
  command -v pdftoppm >/dev/null 2>&1 || optional="$optional poppler-utils"
  command -v tmux >/dev/null 2>&1 || optional="$optional tmux"
  if [ -n "$optional" ]; then
    # shellcheck disable=SC2086
    apt_install $optional || say "（任意）一部のテストには次が必要です:$optional"
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Python 3.11 以上が必要です（見つかったもの: $("$python" --version 2>&1 || echo なし)）"
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
# uv installs exactly what uv.lock records (the same versions on every machine and in CI).
# It lives in the venv itself, so nothing is installed outside this folder.
[ -x .venv/bin/uv ] || .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
extras=""
[ "$dev" -eq 1 ] && extras="--extra dev"
# --inexact keeps uv itself in the venv; --frozen refuses a lock that pyproject.toml outgrew;
# --compile-bytecode writes the .pyc files once here, as pip does (a first run that must compile
# WeasyPrint and pydantic is a second slower, and PYTHONDONTWRITEBYTECODE would make every run so).
# shellcheck disable=SC2086
UV_PROJECT_ENVIRONMENT=.venv .venv/bin/uv sync --quiet --frozen --inexact --compile-bytecode $extras \
  --python .venv/bin/python
