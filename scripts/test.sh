#!/usr/bin/env bash
# Install everything the tests need and run every test. This is the README's test
# command and what CI runs (CI=true makes missing browser tools a failure, not a skip).
#   - Python package with test extras into .venv
#   - Debian's chromium and a Japanese font (for readable screenshots), when running as root
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ] && ! { command -v chromium >/dev/null && fc-list :lang=ja | grep -q .; }; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
.venv/bin/python -m pytest "$@"
