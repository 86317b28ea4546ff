"""Audio evidence (issue 10, item 12): a clip has play/pause, stop and a progress bar, and
an officer can hear it while a silent report's alarm loops — the alarm ducks to its
minimum audible volume, never silent, and comes back when the clip stops."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.alerts.policy import MIN_ALARM_VOLUME
from console.app import ConsoleApp
from console.session import Session
from console.views.case.clips import PAUSED, PLAYING, STOPPED
from tests.helpers.console import PASSWORD, CaseConsole, attach, dispose, make_app, signed_in
from tests.helpers.fakes import FakeClipPlayer, FakeSoundPlayer
from tests.helpers.media import wav_bytes
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = pytest.mark.integration


def _post_with_clip(platform: RunningPlatform, title: str) -> int:
    citizen = platform.citizen("录音的李女士")
    pid = citizen_post(citizen, title, body="录音里能听到对方的声音。")
    attach(citizen, pid, wav_bytes(), "现场录音.wav")
    return pid


def test_a_clip_has_play_pause_stop_and_progress(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    pid = _post_with_clip(platform, "楼上噪音扰民有录音")
    view = console.view
    view.load(pid)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == pid)
    controls = view.attachments.controls
    assert not controls.isVisible()
    tile = next(t for t in view.attachments.tiles() if t.attachment.kind == "audio")
    tile.click()
    player = console.player
    qtbot.waitUntil(lambda: player.state() == PLAYING)
    assert not controls.isHidden()
    assert "现场录音" in controls.name_label.text()

    # the clip plays on: the bar and the time follow it
    player.advance(7_000)
    assert controls.progress.maximum() == player.length_ms
    assert controls.progress.value() == 7_000
    assert controls.time_label.text() == "0:07 / 0:12"

    # pause keeps the place, play goes on from it
    qtbot.mouseClick(controls.play_button, Qt.MouseButton.LeftButton)
    assert player.state() == PAUSED and player.position == 7_000
    qtbot.mouseClick(controls.play_button, Qt.MouseButton.LeftButton)
    assert player.state() == PLAYING and player.position == 7_000

    # dragging the bar moves the clip
    controls.progress.sliderPressed.emit()
    controls.progress.setValue(3_000)
    controls.progress.sliderReleased.emit()
    assert player.position == 3_000

    # stop goes back to the start
    qtbot.mouseClick(controls.stop_button, Qt.MouseButton.LeftButton)
    assert player.state() == STOPPED
    assert controls.progress.value() == 0 and not controls.stop_button.isEnabled()

    # another case: the clip stops and its strip goes away
    tile.click()
    qtbot.waitUntil(lambda: player.state() == PLAYING)
    other = citizen_post(platform.citizen(), "路灯不亮", body="东门路口的路灯坏了。")
    view.load(other)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == other)
    assert player.state() == STOPPED and controls.isHidden()


@pytest.fixture
def app(qtbot: Any, fresh_platform: RunningPlatform) -> Iterator[ConsoleApp]:
    console = make_app(fresh_platform, badge="010001", password=PASSWORD)
    yield console
    dispose(console)


@pytest.mark.e2e
def test_a_clip_ducks_the_looping_alarm_never_to_silence(
    qtbot: Any, fresh_platform: RunningPlatform, app: ConsoleApp
) -> None:
    session: Session = signed_in(qtbot, app)
    sound = session.player
    assert isinstance(sound, FakeSoundPlayer)
    loud = sound.volume
    assert loud > MIN_ALARM_VOLUME
    clip_pid = _post_with_clip(fresh_platform, "被跟踪时录下的声音")
    silent_report(fresh_platform, "有人一直跟着我")
    qtbot.waitUntil(lambda: session.policy.sounding_tone is not None, timeout=10_000)

    session.open_case(clip_pid)
    view = session.case_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == clip_pid, timeout=10_000)
    tile = next(t for t in view.attachments.tiles() if t.attachment.kind == "audio")
    tile.click()
    clip = view.attachments.controls._player
    assert isinstance(clip, FakeClipPlayer)
    qtbot.waitUntil(lambda: clip.state() == PLAYING, timeout=10_000)
    # the alarm still loops, at its minimum audible volume
    assert sound.volume == MIN_ALARM_VOLUME
    assert sound.loops
    # paused: the alarm is loud again; playing again: ducked again
    qtbot.mouseClick(view.attachments.controls.play_button, Qt.MouseButton.LeftButton)
    assert sound.volume == loud
    qtbot.mouseClick(view.attachments.controls.play_button, Qt.MouseButton.LeftButton)
    assert sound.volume == MIN_ALARM_VOLUME
    # the clip ends by itself: loud again
    clip.finish()
    assert sound.volume == loud
    # the volume was never set to silence on the way
    volumes = [v for m, v in sound.calls if m == "set_volume"]
    assert volumes and min(volumes) == MIN_ALARM_VOLUME  # type: ignore[type-var]
    assert sound.loops
