"""Fakes for the few things tests must not touch for real: the audio device, the OS
keyring, and (where a test wants determinism) the thread pool.

Everything else in the tests is real: the platform on loopback, SQLite files, Qt widgets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

import keyring.backend
import keyring.errors
from PySide6.QtCore import QCoreApplication, QObject

from console.alerts.player import SoundPlayer, check_name, clamp_percent
from console.tasks import report_failure
from console.views.case.clips import PAUSED, PLAYING, STOPPED, ClipPlayer

log = logging.getLogger(__name__)
T = TypeVar("T")


def _no_device() -> str:
    # What the real player says (console/alerts/player.py), in the catalogue's language.
    return QCoreApplication.translate("QtSoundPlayer", "No audio output device found")


class FakeSoundPlayer(SoundPlayer):
    """Records what would have sounded; ``set_output_ok`` simulates a missing device.

    Attributes:
        calls: every call in order, as (method, argument).
        volume: the last volume set.
    """

    def __init__(self, parent: QObject | None = None, output_ok: bool = True) -> None:
        super().__init__(parent)
        self.calls: list[tuple[str, object]] = []
        self.volume = 80
        self._loops: set[str] = set()
        self._ok = output_ok
        self._reason = "" if output_ok else _no_device()

    @property
    def output_ok(self) -> bool:
        return self._ok

    @property
    def failure_reason(self) -> str:
        return self._reason

    def set_output_ok(self, ok: bool, reason: str | None = None) -> None:
        """Pretend the output disappeared (False) or came back (True)."""
        if ok == self._ok:
            return
        self._ok = ok
        self._reason = "" if ok else (reason or _no_device())
        if not ok:
            self.output_failed.emit(self._reason)
        self.output_state_changed.emit(ok)

    @property
    def loops(self) -> set[str]:
        """Loops asked for and not stopped (sounding or not)."""
        return set(self._loops)

    def played_once(self) -> list[str]:
        return [str(arg) for m, arg in self.calls if m == "play_once"]

    def play_loop(self, name: str) -> None:
        check_name(name)
        self.calls.append(("play_loop", name))
        self._loops.add(name)

    def play_once(self, name: str) -> None:
        check_name(name)
        self.calls.append(("play_once", name))

    def stop(self, name: str | None = None) -> None:
        if name is not None:
            check_name(name)
        self.calls.append(("stop", name))
        if name is None:
            self._loops.clear()
        else:
            self._loops.discard(name)

    def set_volume(self, percent: int) -> None:
        self.calls.append(("set_volume", percent))
        self.volume = clamp_percent(percent)

    def is_playing(self, name: str) -> bool:
        check_name(name)
        return self._ok and name in self._loops


class FakeClipPlayer(ClipPlayer):
    """A `ClipPlayer` without an audio device: records what would have been played and
    lets a test move the clip on (`advance`) or let it end (`finish`).

    Attributes:
        played: every (bytes, content type) asked to play, in order.
        length_ms: how long each clip lasts.
    """

    def __init__(self, parent: QObject | None = None, length_ms: int = 12_000) -> None:
        super().__init__(parent)
        self.played: list[tuple[bytes, str]] = []
        self.length_ms = length_ms
        self.position = 0
        self._state = STOPPED

    @property
    def playing(self) -> bool:
        return self._state == PLAYING

    def play(self, data: bytes, content_type: str) -> None:
        self.played.append((data, content_type))
        self.position = 0
        self._set(PLAYING)

    def pause(self) -> None:
        if self._state == PLAYING:
            self._set(PAUSED)

    def resume(self) -> None:
        if self._state == PAUSED:
            self._set(PLAYING)

    def stop(self) -> None:
        self.position = 0
        self._set(STOPPED)

    def seek(self, position_ms: int) -> None:
        self.position = max(0, min(self.length_ms, position_ms))
        self.position_changed.emit(self.position, self.length_ms)

    def state(self) -> str:
        return self._state

    def advance(self, ms: int) -> None:
        """The clip plays on for ``ms`` milliseconds."""
        self.seek(self.position + ms)

    def finish(self) -> None:
        """The clip reached its end."""
        self.seek(self.length_ms)
        self._set(STOPPED)

    def _set(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
        self.position_changed.emit(self.position, self.length_ms)


class SyncTaskRunner:
    """`console.tasks.Runner` that runs ``op`` and the callback inline (deterministic tests)."""

    def __init__(self) -> None:
        self._closed = False
        self.thread_id = threading.get_ident()

    def run(
        self,
        op: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._closed:
            return
        try:
            result = op()
        except Exception as exc:
            log.warning("task %r failed", op, exc_info=exc)
            report_failure(exc, on_failure, repr(op))
            return
        if on_success is not None:
            on_success(result)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        self._closed = True
        return True


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS keyring, faked: a dict (keyring itself ships no such backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not stored")
        del self.store[(service, username)]
