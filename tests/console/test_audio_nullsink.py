"""Real audio: QtSoundPlayer plays alarm.wav into a PulseAudio null sink and we record it.

The test starts its own private PulseAudio daemon (null sink ``ci_null``, socket in a
temporary folder), so it neither needs nor disturbs a desktop sound server. It skips,
saying why, only when PulseAudio is not installed or will not start here
(scripts/setup.sh installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.audio

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "resources" / "sounds"
RATE = 44_100
SINK = "ci_null"


class NullSink:
    def __init__(self, server: str, env: dict[str, str]) -> None:
        self.server = server
        self.env = env


def _sinks(pactl: str, server: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [pactl, f"--server={server}", "list", "short", "sinks"],
        capture_output=True,
        text=True,
        timeout=10,
        env=env,
        check=False,
    )
    return result.stdout if result.returncode == 0 else ""


@pytest.fixture(scope="module")
def null_sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NullSink]:
    tools = {name: shutil.which(name) for name in ("pulseaudio", "pactl", "parecord")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"real-audio test needs PulseAudio; not installed: {', '.join(missing)}")
    folder = tmp_path_factory.mktemp("pulse")
    socket = folder / "native"
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_RUNTIME_DIR": str(folder),
        "PULSE_RUNTIME_PATH": str(folder),
        "PULSE_STATE_PATH": str(folder),
    }
    env.pop("PULSE_SERVER", None)
    log_path = folder / "pulseaudio.log"
    with open(log_path, "wb") as log:
        daemon = subprocess.Popen(
            [
                str(tools["pulseaudio"]),
                "-n",
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disallow-exit",
                f"--load=module-null-sink sink_name={SINK}",
                f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            ],
            env=env,
            stdout=log,
            stderr=log,
        )
    server = f"unix:{socket}"
    deadline = time.monotonic() + 10
    while SINK not in _sinks(str(tools["pactl"]), server, env):
        if daemon.poll() is not None or time.monotonic() > deadline:
            daemon.kill()
            daemon.wait(5)
            tail = log_path.read_text(errors="replace")[-400:]
            pytest.skip(f"a private PulseAudio with a null sink would not start here: {tail}")
        time.sleep(0.1)
    env["PULSE_SERVER"] = server
    try:
        yield NullSink(server, env)
    finally:
        daemon.terminate()
        try:
            daemon.wait(5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(5)


CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from console.alerts.player import QtSoundPlayer
player = QtSoundPlayer(Path(sys.argv[1]))
seen = []
player.output_failed.connect(lambda reason: seen.append(reason))
result = {"ok_at_start": player.output_ok, "reason": player.failure_reason}
player.set_volume(100)
# The console builds its player at start-up; let the effects preload as they would there.
QTimer.singleShot(1500, lambda: player.play_loop("alarm"))
def stop():
    result["playing_before_stop"] = player.is_playing("alarm")
    player.stop()
    result["playing_after_stop"] = player.is_playing("alarm")
def finish():
    result["failures"] = seen
    result["ok_end"] = player.output_ok
    result["reason_end"] = player.failure_reason
    print(json.dumps(result))
    app.quit()
QTimer.singleShot(1500 + int(float(sys.argv[2]) * 1000), stop)
QTimer.singleShot(1500 + int(float(sys.argv[2]) * 1000) + 1200, finish)
app.exec()
"""


def play_and_record(sink: NullSink, out: Path, sounds: Path, seconds: float) -> dict:
    recorder = subprocess.Popen(
        [
            "parecord",
            f"--server={sink.server}",
            f"--device={SINK}.monitor",
            "--file-format=wav",
            "--channels=1",
            f"--rate={RATE}",
            "--format=s16le",
            "--latency-msec=20",
            str(out),
        ],
        env=sink.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.3)  # the recorder is attached before anything plays
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(sounds), str(seconds)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            check=False,
            env={**sink.env, "QT_QPA_PLATFORM": "offscreen"},
        )
        time.sleep(0.3)  # let the last buffers reach the file
    finally:
        recorder.terminate()
        recorder.wait(10)
    assert child.returncode == 0, child.stderr
    return json.loads(child.stdout.strip().splitlines()[-1])


def test_alarm_is_really_heard_and_stops_when_told(null_sink: NullSink, tmp_path: Path) -> None:
    recording = tmp_path / "heard.wav"
    result = play_and_record(null_sink, recording, SOUNDS, seconds=2.0)
    assert result["ok_at_start"] is True, result
    assert result["failures"] == []
    assert result["playing_before_stop"] is True and result["playing_after_stop"] is False

    with wave.open(str(recording)) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32767
    window = RATE // 20  # 50 ms
    rms = np.array(
        [np.sqrt(np.mean(x[i : i + window] ** 2)) for i in range(0, len(x) - window, window)]
    )
    loud = rms > 0.02
    assert loud.sum() * 0.05 >= 1.5, f"only {loud.sum() * 0.05:.2f} s of sound recorded"
    # What was heard is the alarm: its energy sits at the two siren tones.
    heard = np.concatenate([x[i * window : (i + 1) * window] for i in np.flatnonzero(loud)])
    spectrum = np.abs(np.fft.rfft(heard))
    freqs = np.fft.rfftfreq(len(heard), 1 / RATE)
    near = lambda f: spectrum[(freqs > f - 15) & (freqs < f + 15)].sum()  # noqa: E731
    assert near(880) + near(660) > 0.3 * spectrum[(freqs > 100) & (freqs < 5000)].sum()
    # And it went quiet after stop(): the last 400 ms of the recording are silent.
    assert rms[-8:].max() < 0.002, rms[-8:]


def test_missing_sound_files_are_reported_even_with_a_working_device(
    null_sink: NullSink, tmp_path: Path
) -> None:
    empty = tmp_path / "no-sounds"
    empty.mkdir()
    result = play_and_record(null_sink, tmp_path / "nothing.wav", empty, seconds=0.3)
    assert result["ok_at_start"] is False
    assert result["reason"].startswith("Sound files missing: silent-report alarm")
    assert result["playing_before_stop"] is False


def test_a_sound_that_cannot_play_is_reported(null_sink: NullSink, tmp_path: Path) -> None:
    # QSoundEffect fails silently (status Error); the player must turn that into a warning.
    broken = tmp_path / "broken-sounds"
    shutil.copytree(SOUNDS, broken)
    (broken / "alarm.wav").write_bytes(b"RIFF....WAVEfmt not really a wave file" * 10)
    result = play_and_record(null_sink, tmp_path / "nothing.wav", broken, seconds=0.3)
    assert result["ok_end"] is False
    assert result["reason_end"] == (
        "The silent-report alarm sound cannot be played; check the sound files and the output"
    )
    assert result["failures"] == [result["reason_end"]]
