"""Audio evidence: the clip player seam and the controls an officer listens with.

`ClipPlayer` is the small interface the case pane plays recordings through: `QtClipPlayer`
(QMediaPlayer over a private temp file) in production, a fake in tests and benchmarks.
`ClipControls` is the strip under the attachments while a clip is loaded: play/pause,
stop, a progress bar the officer can drag, the time, and the file name. While a clip
plays the alarm ducks to its minimum audible volume (console.alarm_desk); it never goes
silent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from console import safe_text

log = logging.getLogger(__name__)

PLAYING, PAUSED, STOPPED = "playing", "paused", "stopped"


class ClipPlayer(QObject):
    """Plays one audio clip at a time.

    Signals:
        state_changed(str): "playing", "paused" or "stopped" (also at the clip's end).
        position_changed(int, int): position and length of the clip, in milliseconds.
        failed(str): the clip could not be played; a sentence for the officer.
    """

    state_changed = Signal(str)
    position_changed = Signal(int, int)
    failed = Signal(str)

    def play(self, data: bytes, content_type: str) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def resume(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def seek(self, position_ms: int) -> None:
        raise NotImplementedError

    def state(self) -> str:
        raise NotImplementedError

    def is_playing(self) -> bool:
        return self.state() == PLAYING


class QtClipPlayer(ClipPlayer):
    """`ClipPlayer` over QMediaPlayer; the clip is written to a private temp file."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.playbackStateChanged.connect(lambda _s: self.state_changed.emit(self.state()))
        self._player.positionChanged.connect(self._moved)
        self._player.durationChanged.connect(self._moved)
        self._player.errorOccurred.connect(self._on_error)
        self._tmp: str | None = None

    def play(self, data: bytes, content_type: str) -> None:
        self.stop()
        suffix = {
            "audio/mpeg": ".mp3",
            "audio/mp4": ".m4a",
            "audio/aac": ".aac",
            "audio/ogg": ".ogg",
            "audio/amr": ".amr",
        }.get(content_type, ".wav")
        fd, path = tempfile.mkstemp(prefix="duty-clip-", suffix=suffix)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        self._tmp = path
        self._player.setSource(QUrl.fromLocalFile(path))
        self._player.play()

    def pause(self) -> None:
        self._player.pause()

    def resume(self) -> None:
        self._player.play()

    def stop(self) -> None:
        self._player.stop()
        self._player.setSource(QUrl())
        if self._tmp:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = None

    def seek(self, position_ms: int) -> None:
        self._player.setPosition(position_ms)

    def state(self) -> str:
        s = self._player.playbackState()
        if s == QMediaPlayer.PlaybackState.PlayingState:
            return PLAYING
        return PAUSED if s == QMediaPlayer.PlaybackState.PausedState else STOPPED

    def _moved(self, *_args: object) -> None:
        self.position_changed.emit(int(self._player.position()), int(self._player.duration()))

    def _on_error(self, _error: object, text: str) -> None:
        log.warning("audio clip failed: %s", text)
        self.failed.emit(
            self.tr("The recording cannot be played (audio device or file format problem).")
        )


def clock(ms: int) -> str:
    """0:07, 1:23, 12:05 — a clip's time."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class ClipControls(QWidget):
    """Play/pause, stop, progress and time of the clip being played.

    Attributes:
        play_button, stop_button, progress, time_label, name_label: the parts.
    """

    def __init__(self, player: ClipPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClipControls")
        self._player = player
        self._dragging = False
        self.play_button = QToolButton()
        self.play_button.setObjectName("ClipPlayPause")
        self.play_button.clicked.connect(self._toggle)
        self.stop_button = QToolButton()
        self.stop_button.setObjectName("ClipStop")
        self.stop_button.setText("■")
        self.stop_button.setToolTip(self.tr("Stop"))
        self.stop_button.clicked.connect(player.stop)
        self.progress = QSlider(Qt.Orientation.Horizontal)
        self.progress.setObjectName("ClipProgress")
        self.progress.setRange(0, 0)
        self.progress.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.progress.sliderReleased.connect(self._seek)
        self.time_label = QLabel(clock(0) + " / " + clock(0))
        self.time_label.setObjectName("ClipTime")
        self.name_label = QLabel()
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.time_label)
        row.addWidget(self.name_label)
        player.state_changed.connect(self._state)
        player.position_changed.connect(self._position)
        self._state(STOPPED)
        self.hide()

    def loaded(self, filename: str) -> None:
        """A clip was asked for: show the strip with its name."""
        self.name_label.setText(safe_text.single_line(filename, 30))
        self.show()

    def _toggle(self) -> None:
        if self._player.state() == PLAYING:
            self._player.pause()
        else:
            self._player.resume()

    def _state(self, state: str) -> None:
        playing = state == PLAYING
        self.play_button.setText("⏸" if playing else "▶")
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))
        self.stop_button.setEnabled(state != STOPPED)
        self.setProperty("state", state)

    def _position(self, position: int, length: int) -> None:
        self.progress.setRange(0, max(0, length))
        if not self._dragging:
            self.progress.setValue(position)
        self.time_label.setText(f"{clock(position)} / {clock(length)}")

    def _seek(self) -> None:
        self._dragging = False
        self._player.seek(self.progress.value())
