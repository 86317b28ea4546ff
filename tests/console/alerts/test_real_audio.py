"""Real audio: QtSoundPlayer plays alarm.wav into a PulseAudio null sink and we record it.

The null sink is a private PulseAudio daemon (tests/helpers/audio.py, the ``null_sink``
fixture); the tests skip, saying why, only when PulseAudio is not installed or will not
start here (scripts/setup.sh installs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.helpers.audio import RATE, NullSink, recording

pytestmark = [pytest.mark.unit, pytest.mark.audio]

ROOT = Path(__file__).resolve().parents[3]
SOUNDS = ROOT / "resources" / "sounds"


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
    with recording(sink, out, latency_ms=20):
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(sounds), str(seconds)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            check=False,
            env={**sink.env, "QT_QPA_PLATFORM": "offscreen"},
        )
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
