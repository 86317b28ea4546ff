#!/usr/bin/env bash
# Builds the one-folder bundle dist/duty-console from build.spec (Linux), then proves it
# works before anyone installs it:
#   - the Qt plugins the console needs are in it (offscreen, xcb, multimedia, svg),
#   - every shared library in it resolves (bundled or from the base system),
#   - `duty-console --version` matches the source,
#   - `duty-console --self-test` passes offscreen — with a private PulseAudio null sink
#     when PulseAudio is installed, so the alarm must really play through the bundle —
#     and again in a real X11 window under Xvfb when xvfb-run is installed.
# Prints the bundle's size and its start-up time. Any failing step exits non-zero.
#
#   scripts/build-bundle.sh            set-up (scripts/setup.sh), build, check
#   scripts/build-bundle.sh --check    check an existing dist/duty-console only
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
BUNDLE=dist/duty-console
EXE=$BUNDLE/duty-console
INTERNAL=$BUNDLE/_internal
QT=$INTERNAL/PySide6/Qt
mkdir -p build

say() { echo "build-bundle: $*"; }
fail() {
  echo "build-bundle: FAILED: $*" >&2
  exit 1
}

if [ "${1:-}" != "--check" ]; then
  scripts/setup.sh
  say "pyinstaller --noconfirm build.spec (about a minute)"
  if ! .venv/bin/pyinstaller --noconfirm build.spec >build/pyinstaller.log 2>&1; then
    tail -40 build/pyinstaller.log >&2
    fail "pyinstaller (full output: build/pyinstaller.log)"
  fi
  say "built in ${SECONDS} s"
fi
[ -x "$EXE" ] || fail "$EXE is missing; build first"

# --- Qt plugins: without these the console cannot open a window, play a clip or show its icon
for plugin in platforms/libqoffscreen.so platforms/libqxcb.so multimedia/libffmpegmediaplugin.so \
  imageformats/libqsvg.so iconengines/libqsvgicon.so; do
  [ -f "$QT/plugins/$plugin" ] || fail "Qt plugin $plugin is not in the bundle"
done
for res in sounds/alarm.wav i18n/duty_console_zh_CN.qm styles/console.qss icons/app.png; do
  [ -f "$INTERNAL/resources/$res" ] || fail "resource $res is not in the bundle"
done
say "Qt plugins and resources present"

# --- every shared library resolves. libqgtk3 is the one optional exception: it loads only
# on desktops that have GTK 3 (and Qt falls back to its own dialogs without it).
unresolved=$(
  find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' -o -path "$EXE" \) -print0 |
    while IFS= read -r -d '' lib; do
      case "$lib" in */platformthemes/libqgtk3.so) continue ;; esac
      LD_LIBRARY_PATH="$INTERNAL:$QT/lib" ldd "$lib" 2>/dev/null | grep 'not found' |
        sed "s|^|${lib#"$BUNDLE"/}: |" || true
    done
)
if [ -n "$unresolved" ]; then
  echo "$unresolved" >&2
  fail "libraries that do not resolve (above)"
fi
say "every shared library resolves"

# --- version
want=$(.venv/bin/python -c 'import console; print(f"duty-console {console.__version__}")')
got=$(QT_QPA_PLATFORM=offscreen "$EXE" --version)
[ "$got" = "$want" ] || fail "--version says '$got', expected '$want'"
say "$got"

# --- self-test, with a real (null) audio sink when PulseAudio is here
pulse_pid=""
work=$(mktemp -d)
cleanup() {
  if [ -n "$pulse_pid" ]; then
    kill "$pulse_pid" 2>/dev/null || true
    wait "$pulse_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
if command -v pulseaudio >/dev/null && command -v pactl >/dev/null; then
  pulse="$work/pulse"
  mkdir -p "$pulse"
  HOME=$pulse XDG_RUNTIME_DIR=$pulse PULSE_RUNTIME_PATH=$pulse PULSE_STATE_PATH=$pulse \
    pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no --disallow-exit \
    --load="module-null-sink sink_name=ci_null" \
    --load="module-native-protocol-unix socket=$pulse/native auth-anonymous=1" \
    >"$pulse/log" 2>&1 &
  pulse_pid=$!
  for _ in $(seq 50); do
    pactl --server="unix:$pulse/native" list short sinks 2>/dev/null | grep -q ci_null && break
    sleep 0.2
  done
  if pactl --server="unix:$pulse/native" list short sinks 2>/dev/null | grep -q ci_null; then
    export PULSE_SERVER="unix:$pulse/native"
    say "private PulseAudio null sink up: the alarm must really play"
  else
    say "PulseAudio would not start here ($(tail -1 "$pulse/log")); self-test without audio"
    kill "$pulse_pid" 2>/dev/null || true
    pulse_pid=""
  fi
fi

say "$EXE --self-test (offscreen)"
started=$(date +%s.%N)
set +e
QT_QPA_PLATFORM=offscreen timeout 120 "$EXE" --self-test --data-dir "$work/home" \
  >build/self-test.log 2>&1
code=$?
set -e
ended=$(date +%s.%N)
cat build/self-test.log
if [ "$code" -ne 0 ]; then
  [ -f "$work/home/logs/duty-console.log" ] && tail -30 "$work/home/logs/duty-console.log" >&2
  fail "self-test exited $code"
fi
if [ -n "${PULSE_SERVER:-}" ] && ! grep -q "the alarm played" build/self-test.log; then
  fail "an audio output was there but the bundle did not play the alarm"
fi

# --- a real X11 window (the xcb plugin and its libraries), when Xvfb is here
if command -v xvfb-run >/dev/null; then
  say "$EXE --self-test under Xvfb (xcb)"
  if ! QT_QPA_PLATFORM=xcb timeout 120 xvfb-run -a "$EXE" --self-test --data-dir "$work/home-x11" \
    >build/self-test-x11.log 2>&1; then
    cat build/self-test-x11.log >&2
    fail "self-test on X11 (xcb)"
  fi
  grep "self-test: ok" build/self-test-x11.log
fi

size=$(du -sh "$BUNDLE" | cut -f1)
window=$(sed -n 's/.*main window after \([0-9.]* s\).*/\1/p' build/self-test.log)
wall=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f s", b - a }')
say "bundle size: $size ($BUNDLE)"
say "start-up: main window after ${window:-?}; whole self-test ${wall} (includes seeding 300 demo posts)"
say "ok in ${SECONDS} s"
