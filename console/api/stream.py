"""The live link: `GET /api/v1/events` (Server-Sent Events) read on its own QThread.

The SSE parsing is requests-sse's; this module adds what a duty console needs on
top: resuming with Last-Event-ID after any drop, calling the link dead after
`dead_after` seconds without a byte (events and ``: ping`` comments both count —
it is the socket read timeout), reconnecting with exponential backoff and jitter,
and telling the rest of the console what state the link is in.

Control frames of the platform: ``stream.ready`` (first frame; its id is the seq
the stream starts after), ``stream.closed`` (the token died, or the officer's
scope changed) and ``reset`` (the log cannot be replayed from where we were: the
console must resync over REST).
"""

from __future__ import annotations

import json
import logging
import random
import socket
import threading
import time
from datetime import UTC, datetime
from typing import Any

import requests
from PySide6.QtCore import QObject, QThread, Signal
from requests_sse import EventSource, InvalidContentTypeError, InvalidStatusCodeError, ReadyState

from console.api.client import PlatformClient

log = logging.getLogger(__name__)

CONNECTING = "connecting"
LIVE = "live"
RECONNECTING = "reconnecting"
OFFLINE = "offline"
STOPPED = "stopped"
# After a live link drops, retry every 0.1-0.3 s for the first 2 s (a proxy hiccup or a
# platform restart is usually over by then, and a silent report may be waiting), and
# only then back off 1 s -> 30 s. Measured with bench/bench_alarm.py: a single 1 s first
# retry left reports posted during a restart waiting up to ~1 s for their alarm.
QUICK_RETRY_SECONDS = (0.1, 0.3)
QUICK_RETRY_WINDOW = 2.0

_AUTH_REASONS = frozenset(
    {"token_invalid", "token_revoked", "token_expired", "officer_disabled", "unauthenticated"}
)


class _DroppedError(Exception):
    """The open stream ended or stalled (raised out of requests-sse's iterator)."""


class _StreamThread(QThread):
    def __init__(self, stream: EventStream) -> None:
        # no Qt parent: Python owns the thread and drops it after wait()
        super().__init__()
        self.setObjectName("event-stream")
        self._stream = stream

    def run(self) -> None:
        self._stream._run()


class EventStream(QObject):
    """Reads the platform's event stream on a worker thread and reports what arrives.

    Signals (emitted from the worker; receivers on the GUI thread get them queued,
    in order):
        event_received(int seq, str type, dict data): one event, each seq at most once
            per `start()` and always increasing.
        state_changed(str state, int attempt, object since): "connecting", "live",
            "reconnecting" (attempt n), "offline" (down for `offline_after` seconds or
            more), "stopped". ``since`` is when the link went down (aware UTC
            datetime), or None while connecting/live/stopped.
        connected(): after every (re)connect — re-fetch what must never be missed
            (open unacknowledged silent reports).
        resync_required(): the platform cannot replay what we missed (``reset``) or
            the officer's scope changed: reload the lists over REST.
        auth_failed(str message): the token was refused; the stream has stopped.

    Attributes:
        last_seq: the seq to resume after (None: from now).
    """

    event_received = Signal(int, str, object)
    state_changed = Signal(str, int, object)
    connected = Signal()
    resync_required = Signal()
    auth_failed = Signal(str)

    def __init__(
        self,
        client: PlatformClient,
        *,
        dead_after: float = 15.0,
        backoff_initial: float = 1.0,
        backoff_max: float = 30.0,
        offline_after: float = 15.0,
        connect_timeout: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.dead_after = dead_after
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.offline_after = offline_after
        self.connect_timeout = connect_timeout
        self.last_seq: int | None = None
        self.state = STOPPED
        self._token = ""
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._response: requests.Response | None = None
        self._thread: _StreamThread | None = None

    # ------------------------------------------------------------ control (GUI thread)
    def start(self, token: str, last_seq: int | None = None) -> None:
        """Connect with this token, resuming after ``last_seq`` (None: from now)."""
        self.stop()
        self._token = token
        self.last_seq = last_seq
        self._stop.clear()
        self._thread = _StreamThread(self)
        self._thread.start()

    def stop(self) -> None:
        """Close the link now and wait for the worker; safe to call when not running."""
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        self._abort_response()
        thread.quit()
        thread.wait()
        self._thread = None

    @property
    def running(self) -> bool:
        """The worker thread is alive (False after stop(), or once a refused token ended it)."""
        return self._thread is not None and self._thread.isRunning()

    def _abort_response(self) -> None:
        # Closing a socket does not wake a thread blocked reading it; shutdown does.
        with self._lock:
            resp = self._response
        if resp is None:
            return
        try:
            conn = getattr(resp.raw, "connection", None)
            sock = getattr(conn, "sock", None)
            if sock is not None:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        except Exception:
            log.debug("could not shut the event stream socket", exc_info=True)

    # ------------------------------------------------------------ worker thread
    def _set_state(self, state: str, attempt: int = 0, since: datetime | None = None) -> None:
        self.state = state
        self.state_changed.emit(state, attempt, since)

    def _run(self) -> None:
        attempt = 0
        down_since: datetime | None = None
        resync_pending = False
        quick_until: float | None = None
        self._set_state(CONNECTING)
        try:
            while not self._stop.is_set():
                outcome = self._connect_once(resync_pending)
                if outcome == "stop":
                    break
                if outcome in ("reset", "rescope"):
                    # reconnect at once from "now"; resync once the new link is up
                    resync_pending = True
                    attempt, down_since = 0, None
                    continue
                if outcome == "was_live":
                    resync_pending = False
                    attempt = 0
                    down_since = datetime.now(UTC)
                    quick_until = time.monotonic() + QUICK_RETRY_WINDOW
                    self._set_state(RECONNECTING, 1, down_since)
                if quick_until is not None and time.monotonic() < quick_until:
                    if self._stop.wait(random.uniform(*QUICK_RETRY_SECONDS)):
                        break
                    continue
                quick_until = None
                if down_since is None:
                    down_since = datetime.now(UTC)
                attempt += 1
                self._backoff(attempt, down_since)
        except Exception:
            log.exception("event stream worker failed")
        finally:
            self._set_state(STOPPED)

    def _backoff(self, attempt: int, down_since: datetime) -> None:
        """Wait before attempt ``attempt``, reporting reconnecting → offline on the way."""
        delay = min(self.backoff_max, self.backoff_initial * 2 ** (attempt - 1))
        wake_at = time.monotonic() + delay * random.uniform(0.8, 1.2)
        reported: tuple[str, int] | None = None
        while not self._stop.is_set():
            down_for = (datetime.now(UTC) - down_since).total_seconds()
            state = OFFLINE if down_for >= self.offline_after else RECONNECTING
            if reported != (state, attempt):
                reported = (state, attempt)
                self._set_state(state, attempt, down_since)
            remaining = wake_at - time.monotonic()
            if remaining <= 0:
                return
            if state == RECONNECTING:
                remaining = min(remaining, self.offline_after - down_for)
            self._stop.wait(max(remaining, 0.001))

    def _connect_once(self, resync_pending: bool) -> str:
        """One connection: returns "stop", "failed", "was_live", "reset" or "rescope"."""
        session = self.client.new_session()
        session.hooks["response"].append(self._remember_response)
        headers = {**self.client.auth_headers(self._token)}
        source = EventSource(
            self.client.url("/events"),
            session=session,
            # (connect, read): the read timeout is what declares a silent link dead
            timeout=(self.connect_timeout, self.dead_after),  # type: ignore[arg-type]
            max_connect_retry=0,
            latest_event_id=None if self.last_seq is None else str(self.last_seq),
            on_error=lambda: self._on_source_error(source),
            headers=headers,
        )
        try:
            try:
                source.connect(0)
            except InvalidStatusCodeError as exc:
                return self._refused(exc)
            except InvalidContentTypeError as exc:
                log.warning("event stream answered with %s, not an event stream", exc.content_type)
                return "failed"
            except requests.RequestException as exc:
                log.info("event stream connect failed: %s", exc)
                return "failed"
            if self._stop.is_set():
                return "stop"
            self._set_state(LIVE)
            if resync_pending:
                self.resync_required.emit()
            self.connected.emit()
            return self._read(source)
        finally:
            with self._lock:
                self._response = None
            source.close()
            session.close()

    def _remember_response(self, resp: requests.Response, *_a: Any, **_k: Any) -> None:
        with self._lock:
            self._response = resp
        if self._stop.is_set():
            self._abort_response()

    @staticmethod
    def _on_source_error(source: EventSource) -> None:
        # requests-sse reconnects on its own after a drop (and sleeps first); we
        # want our own backoff and state reporting, so leave its loop right here.
        if source.ready_state == ReadyState.CONNECTING:
            raise _DroppedError

    def _refused(self, exc: InvalidStatusCodeError) -> str:
        status = exc.status_code
        message = ""
        if exc.response is not None:
            try:
                message = str(exc.response.json()["error"]["message"])
            except (ValueError, KeyError, TypeError):
                message = ""
        if status in (401, 403):
            log.warning("event stream refused the token (%s): %s", status, message)
            self.auth_failed.emit(message)
            return "stop"
        if status == 422 and self.last_seq is not None:
            log.warning("event stream refused resume point %s; resyncing", self.last_seq)
            self.last_seq = None
            return "reset"
        log.warning("event stream answered %s: %s", status, message)
        return "failed"

    def _read(self, source: EventSource) -> str:
        try:
            for message in source:
                if self._stop.is_set():
                    return "stop"
                outcome = self._dispatch(message.type or "message", message.data, message)
                if outcome is not None:
                    return outcome
        except _DroppedError:
            pass
        except Exception as exc:
            # a shut-down or reset socket can surface as almost anything here
            log.info("event stream read ended: %r", exc)
        if self._stop.is_set():
            return "stop"
        log.info("event stream dropped after seq %s", self.last_seq)
        return "was_live"

    def _dispatch(self, type_: str, raw: str | None, message: Any) -> str | None:
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            log.warning("event %s with unreadable data: %.200r", type_, raw)
            data = {}
        seq_text = (message.last_event_id or "").strip()
        seq = int(seq_text) if seq_text.isdigit() else None
        if type_ == "stream.ready":
            if seq is not None and (self.last_seq is None or seq > self.last_seq):
                self.last_seq = seq
            return None
        if type_ == "reset":
            log.warning("event stream reset: %s", data.get("reason"))
            self.last_seq = None
            return "reset"
        if type_ == "stream.closed":
            reason = str(data.get("reason", ""))
            if reason in _AUTH_REASONS:
                self.auth_failed.emit(str(data.get("message", "")))
                return "stop"
            log.info("event stream closed by the platform: %s", reason)
            if reason == "scope_changed":
                # what this officer may see changed: replaying the old view is wrong
                self.last_seq = None
                return "rescope"
            return "was_live"
        if seq is None or (self.last_seq is not None and seq <= self.last_seq):
            return None  # a replayed duplicate, or a frame without a seq
        self.last_seq = seq
        self.event_received.emit(seq, type_, data if isinstance(data, dict) else {"value": data})
        return None
