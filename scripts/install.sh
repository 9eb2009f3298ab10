#!/usr/bin/env bash
# Installs everything the app and its tests need on a fresh Debian machine:
# Debian's Chromium (browser tests and Kaleido image export; nothing downloads
# a browser), fonts with Vietnamese glyphs, LibreOffice/poppler (optional
# visual check of PPTX), HAProxy (the reverse proxy in front of the Streamlit
# processes, scripts/serve_cluster.py), then a Python venv with pinned packages.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
need_apt=0
command -v chromium >/dev/null 2>&1 || need_apt=1
fc-list 2>/dev/null | grep -qi "dejavu" || need_apt=1
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need_apt=1
if [ "$need_apt" = 1 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium fonts-dejavu-core fontconfig haproxy >/dev/null
fi
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r "${1:-requirements.txt}"
# the browser tests' accessibility checker (axe-core, npm; tests/e2e/test_accessibility.py): a local
# node_modules from package-lock.json, only when the dev requirements are installed (command 2)
if [ "${1:-requirements.txt}" = "requirements-dev.txt" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  [ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --silent
  # the packs are rendered through LibreOffice in the tests (tests/test_pack_render.py, issue 20): what an
  # office suite shows of each slide, read back from its PDF (poppler's pdftoppm for looking at a page)
  if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libreoffice-impress poppler-utils >/dev/null
  fi
fi
