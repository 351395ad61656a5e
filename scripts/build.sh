#!/usr/bin/env bash
# Install xai-digest into .venv and build the site from the bundled seeds into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
.venv/bin/xai-digest build "$@"
