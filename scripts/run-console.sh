#!/usr/bin/env bash
# Runs the duty console on the embedded demo platform (after its own set-up).
# Extra arguments go to duty-console (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false}"
exec .venv/bin/duty-console "$@"
