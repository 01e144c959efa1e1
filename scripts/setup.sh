#!/usr/bin/env bash
# Sets up everything dxcheck needs on a fresh machine, idempotently:
#   1. a Japanese font for the PDF report (BIZ UDPGothic), and Pango for WeasyPrint;
#   2. a virtual environment in .venv with dxcheck installed (editable).
# Usage: scripts/setup.sh [--dev]     (--dev adds the test and lint tools)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"

say() { printf '%s\n' "$*" >&2; }

have_japanese_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja family 2>/dev/null | head -n 1)" ]
}
have_pango() {
  ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0' || [ -e /opt/homebrew/lib/libpangoft2-1.0.dylib ] \
    || [ -e /usr/local/lib/libpangoft2-1.0.dylib ]
}

install_system_packages() {
  local pkgs=("$@")
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
        say "次のパッケージが必要です。管理者権限で入れてください:"
        say "  sudo apt-get install -y ${pkgs[*]}"
        exit 1
      fi
    fi
    say "システムパッケージを入れています: ${pkgs[*]}"
    $sudo apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 || {
      $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y --no-install-recommends "${pkgs[@]}" >/dev/null
    }
  elif command -v brew >/dev/null 2>&1; then
    say "Homebrew で入れています: pango, font-biz-udpgothic"
    brew install pango >/dev/null
    brew install --cask font-biz-udpgothic >/dev/null || true
  else
    say "PDF 報告書には日本語フォントと Pango が必要です。次を入れてから再実行してください:"
    say "  Debian/Ubuntu: sudo apt-get install -y fonts-morisawa-bizud-gothic libpango-1.0-0 libpangoft2-1.0-0"
    say "  macOS (Homebrew): brew install pango && brew install --cask font-biz-udpgothic"
    exit 1
  fi
}

need=()
have_japanese_font || need+=(fonts-morisawa-bizud-gothic fontconfig)
have_pango || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ ${#need[@]} -eq 0 ] || install_system_packages "${need[@]}"

# The tests also drive `dxcheck serve` in a real browser and look at report pages as images.
# Chromium is optional: without it (and without the right to install it) that one test skips.
if [ -n "$extras" ] && command -v apt-get >/dev/null 2>&1; then
  optional=()
  command -v chromium >/dev/null 2>&1 || optional+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || optional+=(poppler-utils)
  if [ ${#optional[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
      install_system_packages "${optional[@]}"
    else
      say "（任意）ブラウザでの動作テストには次が必要です: sudo apt-get install -y ${optional[*]}"
    fi
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Python 3.11 以上が必要です（見つかったもの: $("$python" --version 2>&1 || echo なし)）"
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

# Reinstall only when the dependencies changed, so that the second start is quick.
stamp=".venv/.dxcheck-installed${extras}"
want="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "Python パッケージを入れています（初回は数分かかります）…"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
  echo "$want" > "$stamp"
fi
