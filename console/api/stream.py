"""The live link: `GET /api/v1/events` (Server-Sent Events) read on its own QThread.

The SSE parsing is requests-sse's; this module adds what a duty console needs on
top: resuming with Last-Event-ID after any drop, calling the link dead after
`dead_after` seconds without a byte (events and ``: ping`` comments both count —
it is the socket read timeout), reconnecting (at once, then quickly, then with a
short backoff, so the link is back within 2 s of the platform's return), and telling
the rest of the console what state the link is in.

`stop()` returns within a fraction of a second whatever the network does (sign-out,
token expiry, re-sign-in must never freeze the window): each start runs its own
`_Run` with its own stop flag on a daemon thread; stop sets the flag, shuts the
socket down if there is one, and waits at most `STOP_WAIT` for the thread. A thread
still stuck in a connect or a silent read then ends on its own timeout, and says
nothing more: its signals are checked against its own stop flag.

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
from PySide6.QtCore import QObject, Signal
from requests_sse import EventSource, InvalidContentTypeError, InvalidStatusCodeError, ReadyState

from console.api.client import PlatformClient

log = logging.getLogger(__name__)

CONNECTING = "connecting"
LIVE = "live"
RECONNECTING = "reconnecting"
OFFLINE = "offline"
STOPPED = "stopped"
# After a live link drops: the first retry at once (a reset connection with the
# platform still up: a silent report may be waiting), then every 0.05-0.15 s for 2 s
# (a restart is usually over by then), then back off 0.5 s -> 1.5 s with jitter, so a
# platform that comes back is found within 2 s. Measured with bench/bench_alarm.py.
QUICK_RETRY_SECONDS = (0.05, 0.15)
QUICK_RETRY_WINDOW = 2.0
BACKOFF_INITIAL = 0.5
BACKOFF_MAX = 1.5
STOP_WAIT = 0.15  # seconds stop() waits for the worker before leaving it to its timeout

_AUTH_REASONS = frozenset(
    {"token_invalid", "token_revoked", "token_expired", "officer_disabled", "unauthenticated"}
)


class _DroppedError(Exception):
    """The open stream ended or stalled (raised out of requests-sse's iterator)."""


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
        backoff_initial: float = BACKOFF_INITIAL,
        backoff_max: float = BACKOFF_MAX,
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
        self._run: _Run | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ control (GUI thread)
    def start(self, token: str, last_seq: int | None = None) -> None:
        """Connect with this token, resuming after ``last_seq`` (None: from now)."""
        self.stop()
        self.last_seq = last_seq
        run = self._run = _Run(self, token)
        self._thread = threading.Thread(target=run.run, name="event-stream", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close the link now; returns within `STOP_WAIT` whatever the network does.

        Safe to call when not running. A worker stuck in a connect or a read that
        nothing can interrupt is left to end on its own timeout, silenced.
        """
        run, thread = self._run, self._thread
        if run is None or thread is None:
            return
        self._run = self._thread = None
        run.stop.set()
        run.abort()
        thread.join(STOP_WAIT)
        if thread.is_alive():
            log.info("event stream worker still blocked; left to end on its own timeout")
        self.state = STOPPED
        self.state_changed.emit(STOPPED, 0, None)

    @property
    def running(self) -> bool:
        """The worker is alive and not stopped (False once a refused token ended it)."""
        run, thread = self._run, self._thread
        return run is not None and thread is not None and thread.is_alive() and not run.ended


class _Run:
    """One start of the stream: connects, reads and reconnects until its stop flag is set.

    Everything it reports goes through `_say`, which checks its own flag: a run that
    `stop()` left behind never speaks for the stream again.
    """

    def __init__(self, stream: EventStream, token: str) -> None:
        self.s = stream
        self.token = token
        self.stop = threading.Event()
        self.ended = False
        self._lock = threading.Lock()
        self._response: requests.Response | None = None

    # ------------------------------------------------------------ reporting
    def _say(self, signal: Any, *args: Any) -> None:
        if not self.stop.is_set():
            signal.emit(*args)

    def _set_state(self, state: str, attempt: int = 0, since: datetime | None = None) -> None:
        if not self.stop.is_set():
            self.s.state = state
            self.s.state_changed.emit(state, attempt, since)

    def abort(self) -> None:
        """Wake the worker out of a blocking read (from the GUI thread)."""
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

    # ------------------------------------------------------------ the loop
    def run(self) -> None:
        attempt = 0
        down_since: datetime | None = None
        resync_pending = False
        quick_until: float | None = None
        self._set_state(CONNECTING)
        try:
            while not self.stop.is_set():
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
                    continue  # the first retry at once
                if quick_until is not None and time.monotonic() < quick_until:
                    if self.stop.wait(random.uniform(*QUICK_RETRY_SECONDS)):
                        break
                    continue
                quick_until = None
                if down_since is None:
                    down_since = datetime.now(UTC)
                attempt += 1
                self._backoff(attempt, down_since)
        except Exception:
            if not self.stop.is_set():
                log.exception("event stream worker failed")
        finally:
            self.ended = True
            self._set_state(STOPPED)

    def _backoff(self, attempt: int, down_since: datetime) -> None:
        """Wait before attempt ``attempt``, reporting reconnecting → offline on the way."""
        s = self.s
        delay = min(s.backoff_max, s.backoff_initial * 2 ** (attempt - 1))
        wake_at = time.monotonic() + delay * random.uniform(0.8, 1.2)
        reported: tuple[str, int] | None = None
        while not self.stop.is_set():
            down_for = (datetime.now(UTC) - down_since).total_seconds()
            state = OFFLINE if down_for >= s.offline_after else RECONNECTING
            if reported != (state, attempt):
                reported = (state, attempt)
                self._set_state(state, attempt, down_since)
            remaining = wake_at - time.monotonic()
            if remaining <= 0:
                return
            if state == RECONNECTING:
                remaining = min(remaining, s.offline_after - down_for)
            self.stop.wait(max(remaining, 0.001))

    def _connect_once(self, resync_pending: bool) -> str:
        """One connection: returns "stop", "failed", "was_live", "reset" or "rescope"."""
        s = self.s
        session = s.client.new_session()
        session.hooks["response"].append(self._remember_response)
        headers = {**s.client.auth_headers(self.token)}
        source = EventSource(
            s.client.url("/events"),
            session=session,
            # (connect, read): the read timeout is what declares a silent link dead
            timeout=(s.connect_timeout, s.dead_after),  # type: ignore[arg-type]
            max_connect_retry=0,
            latest_event_id=None if s.last_seq is None else str(s.last_seq),
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
            if self.stop.is_set():
                return "stop"
            self._set_state(LIVE)
            if resync_pending:
                self._say(s.resync_required)
            self._say(s.connected)
            return self._read(source)
        finally:
            with self._lock:
                self._response = None
            source.close()
            session.close()

    def _remember_response(self, resp: requests.Response, *_a: Any, **_k: Any) -> None:
        with self._lock:
            self._response = resp
        if self.stop.is_set():
            self.abort()

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
        if self.stop.is_set():
            return "stop"
        if status in (401, 403):
            log.warning("event stream refused the token (%s): %s", status, message)
            self._say(self.s.auth_failed, message)
            return "stop"
        if status == 422 and self.s.last_seq is not None:
            log.warning("event stream refused resume point %s; resyncing", self.s.last_seq)
            self.s.last_seq = None
            return "reset"
        log.warning("event stream answered %s: %s", status, message)
        return "failed"

    def _read(self, source: EventSource) -> str:
        try:
            for message in source:
                if self.stop.is_set():
                    return "stop"
                outcome = self._dispatch(message.type or "message", message.data, message)
                if outcome is not None:
                    return outcome
        except _DroppedError:
            pass
        except Exception as exc:
            # a shut-down or reset socket can surface as almost anything here
            log.info("event stream read ended: %r", exc)
        if self.stop.is_set():
            return "stop"
        log.info("event stream dropped after seq %s", self.s.last_seq)
        return "was_live"

    def _dispatch(self, type_: str, raw: str | None, message: Any) -> str | None:
        if self.stop.is_set():
            return "stop"
        s = self.s
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            log.warning("event %s with unreadable data: %.200r", type_, raw)
            data = {}
        seq_text = (message.last_event_id or "").strip()
        seq = int(seq_text) if seq_text.isdigit() else None
        if type_ == "stream.ready":
            if seq is not None and (s.last_seq is None or seq > s.last_seq):
                s.last_seq = seq
            return None
        if type_ == "reset":
            log.warning("event stream reset: %s", data.get("reason"))
            s.last_seq = None
            return "reset"
        if type_ == "stream.closed":
            reason = str(data.get("reason", ""))
            if reason in _AUTH_REASONS:
                self._say(s.auth_failed, str(data.get("message", "")))
                return "stop"
            log.info("event stream closed by the platform: %s", reason)
            if reason == "scope_changed":
                # what this officer may see changed: replaying the old view is wrong
                s.last_seq = None
                return "rescope"
            return "was_live"
        if seq is None or (s.last_seq is not None and seq <= s.last_seq):
            return None  # a replayed duplicate, or a frame without a seq
        s.last_seq = seq
        self._say(s.event_received, seq, type_, data if isinstance(data, dict) else {"value": data})
        return None
