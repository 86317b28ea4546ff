"""The alert journal: one JSON object per line for every alarm start, stop, acknowledgement,
escalation and link loss, for review after an incident.

Line format (keys always present)::

    {"ts": "2025-03-01T08:15:02.123Z", "event": "alarm_started", "post_id": 42,
     "officer": "张伟", ...extra}

``ts`` is taken when the event is recorded, not when it reaches the disk. Writing happens
on a background thread (append, flush, fsync per line) so the GUI never waits for the
disk; a failing disk is logged and never raises into the GUI.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from console import paths

log = logging.getLogger(__name__)


class JournalEvent(StrEnum):
    ALARM_STARTED = "alarm_started"
    ALARM_STOPPED = "alarm_stopped"
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    LINK_LOST = "link_lost"
    LINK_RESTORED = "link_restored"


RESERVED_KEYS = frozenset({"ts", "event", "post_id", "officer"})


def default_journal_path() -> Path:
    """alert-journal.jsonl next to the log (overridden by ``--alert-journal PATH``)."""
    return paths.default_alert_journal()


def utc_now() -> datetime:
    return datetime.now(UTC)


def format_ts(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a Z: 2025-03-01T08:15:02.123Z."""
    if moment.tzinfo is None:
        raise ValueError("journal timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_STOP = object()


class AlertJournal:
    """Appends alert events to a JSON-lines file; safe to call from any thread.

    Attributes:
        path: the journal file (shown in the settings dialog).
        last_error: the last write error as text, or None while writes succeed.

    Listeners (`add_listener`) hear every change of ``last_error`` — a write failing, or
    writing again after a failure — on the writer thread.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        fsync: bool = True,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.path = Path(path) if path is not None else default_journal_path()
        self.last_error: str | None = None
        self._fsync = fsync
        self._clock = clock
        self._queue: queue.Queue[object] = queue.Queue()
        self._lock = threading.Lock()  # guards _thread start/stop
        self._thread: threading.Thread | None = None
        self._closed = False
        self._listeners: list[Callable[[str | None], None]] = []

    def add_listener(self, listener: Callable[[str | None], None]) -> None:
        """Call ``listener(last_error)`` whenever it changes (from the writer thread)."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str | None], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _set_error(self, error: str | None) -> None:
        if error == self.last_error:
            return
        self.last_error = error
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(error)
            except Exception:
                log.exception("alert journal listener failed")

    def record(
        self,
        event: JournalEvent | str,
        *,
        post_id: int | None = None,
        officer: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Queue one line and return it as written (never raises for disk trouble)."""
        entry: dict[str, Any] = {
            "ts": format_ts(self._clock()),
            "event": str(JournalEvent(event)),
            "post_id": post_id,
            "officer": officer,
        }
        for key, value in extra.items():
            if key in RESERVED_KEYS:
                raise ValueError(f"extra key {key!r} is reserved")
            entry[key] = value
        try:
            line = json.dumps(entry, ensure_ascii=False, default=str)
        except (TypeError, ValueError):
            log.exception("alert journal: cannot encode %r", entry)
            return entry
        with self._lock:
            if self._closed:
                log.error("alert journal closed, dropped: %s", line)
                return entry
            self._ensure_writer()
            self._queue.put(line)
        return entry

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued line is on disk (or failed); False on timeout."""
        done = threading.Event()
        with self._lock:
            if self._thread is None:
                return True
            self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued and stop the writer thread (call on exit)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
            if thread is None:
                return
            self._queue.put(_STOP)
        thread.join(timeout)

    # ---------------------------------------------------------------- writer thread
    def _ensure_writer(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._write_loop, name="alert-journal", daemon=True
            )
            self._thread.start()

    def _write_loop(self) -> None:
        handle = None
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    return
                if isinstance(item, threading.Event):
                    item.set()
                    continue
                handle = self._write(handle, str(item))
        finally:
            if handle is not None:
                handle.close()

    def _write(self, handle: Any, line: str) -> Any:
        try:
            if handle is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
            handle.write(line + "\n")
            handle.flush()
            if self._fsync:
                os.fsync(handle.fileno())
            self._set_error(None)
        except OSError as exc:
            # The alarm itself must go on; the officer sees last_error in the settings.
            self._set_error(f"{type(exc).__name__}: {exc}")
            log.exception("alert journal: cannot write to %s; line was: %s", self.path, line)
            if handle is not None:
                try:
                    handle.close()
                except OSError:
                    log.debug("closing broken journal handle failed", exc_info=True)
            return None
        return handle
