"""The sound player interface: the fake's contract, the committed WAVs, and the real
QtSoundPlayer noticing that there is no audio output at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from console.alerts.player import SOUND_NAMES
from tests.helpers.fakes import FakeSoundPlayer

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[3]
SOUNDS = ROOT / "resources" / "sounds"
RATE = 44_100


def samples(name: str) -> np.ndarray:
    with wave.open(str(SOUNDS / f"{name}.wav")) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        data = np.frombuffer(w.readframes(w.getnframes()), "<i2")
    return data.astype(np.float64) / 32767


def dominant_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / RATE)[int(np.argmax(spectrum))])


# ---------------------------------------------------------------- the committed sounds
def test_committed_sounds_are_what_the_script_makes() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sounds.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", SOUND_NAMES)
def test_sounds_are_clean_and_loud_enough(name: str) -> None:
    x = samples(name)
    peak_db = 20 * np.log10(np.abs(x).max())
    assert -12 < peak_db < -3  # audible, with headroom, never clipping
    assert x[0] == 0 and x[-1] == 0  # starts and ends silent: no click, seamless loop
    # No discontinuity anywhere (a click shows as one huge sample-to-sample jump).
    assert np.abs(np.diff(x)).max() < 0.2


def test_alarm_and_escalation_are_loops_of_distinct_tones() -> None:
    alarm, escalation = samples("alarm"), samples("escalation")
    assert len(alarm) / RATE == pytest.approx(1.5, abs=0.001)
    assert len(escalation) / RATE == pytest.approx(1.0, abs=0.001)
    quarter = len(alarm) // 4  # hi, lo, hi, lo
    assert dominant_hz(alarm[:quarter]) == pytest.approx(880, abs=10)
    assert dominant_hz(alarm[quarter : 2 * quarter]) == pytest.approx(660, abs=10)
    eighth = len(escalation) // 8
    assert dominant_hz(escalation[:eighth]) == pytest.approx(1175, abs=20)
    # Escalation alternates twice as fast and sits higher: it is heard as "worse".
    assert dominant_hz(escalation[eighth : 2 * eighth]) > dominant_hz(alarm[quarter:])


def test_link_lost_descends_and_chime_is_soft() -> None:
    lost = samples("link_lost")
    step = round(0.26 * RATE)
    tones = [dominant_hz(lost[i * step : i * step + round(0.2 * RATE)]) for i in range(3)]
    assert tones[0] > tones[1] > tones[2]
    chime, alarm = samples("chime"), samples("alarm")
    assert np.sqrt(np.mean(chime**2)) < np.sqrt(np.mean(alarm**2)) / 3
    assert len(chime) < RATE  # short


# ---------------------------------------------------------------- the fake
def test_fake_player_records_and_simulates_a_missing_output(qtbot) -> None:
    player = FakeSoundPlayer()
    failures: list[str] = []
    states: list[bool] = []
    player.output_failed.connect(failures.append)
    player.output_state_changed.connect(states.append)

    player.play_loop("alarm")
    player.play_once("chime")
    assert player.is_playing("alarm") and player.played_once() == ["chime"]

    player.set_output_ok(False)
    assert not player.output_ok and not player.is_playing("alarm")
    assert failures == ["No audio output device found"] and states == [False]
    assert player.failure_reason == "No audio output device found"
    player.set_output_ok(True)
    assert player.is_playing("alarm") and states == [False, True]

    player.stop()
    assert player.loops == set()
    player.set_volume(140)
    assert player.volume == 100
    with pytest.raises(ValueError):
        player.play_loop("klaxon")


# ---------------------------------------------------------------- the real player
CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from console.alerts.player import QtSoundPlayer
player = QtSoundPlayer(Path(sys.argv[1]))
seen = []
player.output_failed.connect(lambda reason: seen.append(["failed", reason]))
player.output_state_changed.connect(lambda ok: seen.append(["state", ok]))
start = {"ok": player.output_ok, "reason": player.failure_reason}
player.play_loop("alarm")
player.play_once("chime")
def finish():
    print(json.dumps({"start": start, "ok": player.output_ok, "reason": player.failure_reason,
                      "alarm_playing": player.is_playing("alarm"), "seen": seen}))
    app.quit()
QTimer.singleShot(800, finish)
app.exec()
"""


def run_child(env_extra: dict[str, str], sounds: Path = SOUNDS) -> dict:
    """QtSoundPlayer in its own process: the audio backend is chosen once per process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env_extra}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(sounds)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_qt_player_reports_a_missing_audio_output(tmp_path: Path) -> None:
    # Point PulseAudio at nothing: this is a workstation whose sound system is gone.
    out = run_child(
        {"PULSE_SERVER": f"unix:{tmp_path}/no-such-socket", "XDG_RUNTIME_DIR": str(tmp_path)}
    )
    assert out["start"] == {"ok": False, "reason": "No audio output device found"}
    assert out["ok"] is False
    assert out["alarm_playing"] is False  # and it does not pretend otherwise
