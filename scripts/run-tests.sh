#!/usr/bin/env bash
# Runs every test (after its own set-up). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
exec .venv/bin/python -m pytest "$@"
