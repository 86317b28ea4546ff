"""Delivers the outbox to the platform from a worker thread (see console.api.outbox).

How each kind of item is sent is console.operations' to say; this module sends them in
order, retries what may succeed later and reports what happened.

`stop()` returns within `STOP_WAIT` whatever the network does (sign-out must never
freeze the window): each start runs its own worker with its own stop flag on a daemon
thread. A worker still waiting for an answer when stopped is left to end on its own
timeout and touches the outbox no more; its item stays "sending" on disk and goes back
to the queue at the next start, sent again with the same Idempotency-Key, so the
platform acts on it once.

Items of one post go in order, and each is sent with the version the one before it
produced (`Outbox.chain`): the officer's own queued actions never conflict with each
other, while a change by someone else in between is still refused (412).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import random
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from console import operations
from console.api import errors
from console.api.outbox import Outbox, OutboxItem
from console.operations import ActionClient

log = logging.getLogger(__name__)

STOP_WAIT = 0.15  # seconds stop() waits for the worker before leaving it to its timeout


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff with jitter: about base, 2·base, 4·base … up to cap."""
    delay = min(cap, base * (2 ** max(0, attempt - 1)))
    return delay * random.uniform(0.75, 1.25)


def _to_json(result: Any) -> Any:
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    return result


class OutboxSender(QObject):
    """Sends queued outbox items, oldest first and in order per post.

    Signals (emitted from the worker; receivers on the GUI thread get them queued):
        item_changed(OutboxItem): an item was queued, started sending, was sent,
            failed, or is waiting to retry (``last_error`` says why).
        delivered(OutboxItem, object): the platform accepted the item; the object is
            what the client returned (a Reply/Note, or the updated PostSummary).
        pending_count_changed(int): the number of queued + sending items.
        auth_failed(): the platform refused the token; sending pauses until
            `set_token()` is called with a new one.

    Attributes:
        backoff_base / backoff_max: first and longest wait between retries (seconds).
    """

    item_changed = Signal(object)
    delivered = Signal(object, object)
    pending_count_changed = Signal(int)
    auth_failed = Signal()

    def __init__(
        self,
        outbox: Outbox,
        client: ActionClient,
        *,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.client = client
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._cond = threading.Condition()
        self._dirty = False
        self._stopping = False
        self._paused = False
        self._offline_until = 0.0
        self._run_stop: threading.Event | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ control (GUI thread)
    def start(self) -> None:
        """Start delivering; first puts items a crash left "sending" back in the queue."""
        if self._thread is not None:
            return
        for item in self.outbox.recover_interrupted():
            log.info("outbox item %s (%s) was interrupted mid-send; resending", item.id, item.kind)
            self.item_changed.emit(item)
        stop = self._run_stop = threading.Event()
        with self._cond:
            self._stopping = False
            self._dirty = True
        self._thread = threading.Thread(
            target=self._loop, args=(stop,), name="outbox-sender", daemon=True
        )
        self._thread.start()
        self.pending_count_changed.emit(self.outbox.pending_count())

    def stop(self) -> None:
        """Stop now; returns within `STOP_WAIT` even with a request in flight. Idempotent.

        A request still waiting for its answer is left to its timeout; its item stays
        "sending" and is sent again (same key) at the next start.
        """
        stop, thread = self._run_stop, self._thread
        self._run_stop = self._thread = None
        if stop is not None:
            stop.set()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if thread is not None:
            thread.join(STOP_WAIT)
            if thread.is_alive():
                log.info("outbox sender still waiting for an answer; left to its timeout")

    @property
    def running(self) -> bool:
        """The worker thread is alive (False after stop())."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def paused(self) -> bool:
        return self._paused

    def wake(self) -> None:
        """Look at the queue again now (something was enqueued or became due)."""
        with self._cond:
            self._dirty = True
            self._cond.notify_all()

    def retry_now(self) -> None:
        """The platform is reachable again: forget backoff waits and send what is queued."""
        self.outbox.reschedule_all()
        with self._cond:
            self._offline_until = 0.0
        self.wake()

    def set_token(self, token: str) -> None:
        """A new token after re-login: resume sending with it."""
        self.client.token = token
        with self._cond:
            self._paused = False
        self.retry_now()

    def submit(
        self,
        kind: str,
        post_id: int,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
        seen_version: int | None = None,
    ) -> OutboxItem:
        """Write the action to the outbox (durable on return), then send it soon.

        This is one small SQLite commit on the calling thread, on purpose: the
        editor may only clear its draft once the action is safely on disk. ValueError
        (and nothing written) for an item console.operations could never send.
        """
        operations.check(kind, payload or {}, base_version)
        item = self.outbox.enqueue(kind, post_id, payload, base_version, seen_version=seen_version)
        self.item_changed.emit(item)
        self.pending_count_changed.emit(self.outbox.pending_count())
        self.wake()
        return item

    def retry(self, item_id: int) -> OutboxItem | None:
        """The officer retries a failed item."""
        item = self.outbox.retry(item_id)
        if item is not None:
            self.item_changed.emit(item)
            self.pending_count_changed.emit(self.outbox.pending_count())
        self.wake()
        return item

    def cancel(self, item_id: int) -> OutboxItem | None:
        """The officer discards a failed or queued item; later items of the post may go."""
        item = self.outbox.cancel(item_id)
        if item is not None:
            self.item_changed.emit(item)
            self.pending_count_changed.emit(self.outbox.pending_count())
        self.wake()
        return item

    # ------------------------------------------------------------ worker thread
    def _wait(self, timeout: float | None) -> None:
        with self._cond:
            if not self._dirty and not self._stopping:
                self._cond.wait(timeout)
            self._dirty = False

    def _loop(self, stop: threading.Event) -> None:
        while not stop.is_set():
            with self._cond:
                if self._stopping:
                    return
                paused = self._paused
                offline_until = self._offline_until
            now = time.time()
            if paused:
                self._wait(None)
                continue
            if now < offline_until:
                self._wait(offline_until - now)
                continue
            try:
                item, due = self.outbox.next_ready(now)
            except Exception:
                if stop.is_set():
                    return
                log.exception("outbox could not be read")
                self._wait(5.0)
                continue
            if item is None:
                self._wait(None if due is None else max(0.0, due - now))
                continue
            try:
                self._deliver(item, stop)
            except Exception:
                if stop.is_set():
                    return  # stopped mid-send: the next start sends it again
                # e.g. the disk is full: the item stays queued/sending and is retried
                log.exception("outbox item %s could not be recorded", item.id)
                with contextlib.suppress(Exception):
                    self.outbox.mark_retry(item.id, "", time.time() + 5.0)
                self._wait(5.0)

    def _deliver(self, queued: OutboxItem, stop: threading.Event) -> None:
        item = self.outbox.mark_sending(queued.id)
        if item is None:
            return
        self.item_changed.emit(item)
        try:
            result, produced = self._send(item)
        except Exception as exc:
            if stop.is_set():
                return  # the item stays "sending"; the next start resends it
            self._refused(item, exc)
        else:
            if stop.is_set():
                return  # the next start resends it; the platform replays this answer
            with self._cond:
                self._offline_until = 0.0
            updated = self.outbox.mark_sent(item.id, _to_json(result))
            if produced is not None:
                for moved in self.outbox.chain(item, produced):
                    self.item_changed.emit(moved)
            if updated is not None:
                self.item_changed.emit(updated)
                self.delivered.emit(updated, result)
        self.pending_count_changed.emit(self.outbox.pending_count())

    def _refused(self, item: OutboxItem, exc: Exception) -> None:
        """What a failed attempt means for the item: wait, retry later, rebase or fail."""
        if isinstance(exc, errors.AuthError):
            with self._cond:
                self._paused = True
            self._emit(self.outbox.mark_retry(item.id, exc.user_message(), time.time()))
            self.auth_failed.emit()
        elif isinstance(exc, errors.TRANSIENT):
            delay = backoff_delay(item.attempts, self.backoff_base, self.backoff_max)
            if isinstance(exc, errors.RateLimitedError) and exc.retry_after:
                delay = max(delay, exc.retry_after)
            if isinstance(exc, errors.OfflineError):
                # unreachable is not about this item: hold the whole queue
                with self._cond:
                    self._offline_until = time.time() + delay
            log.info("outbox item %s not delivered (%s); retry in %.1f s", item.id, exc, delay)
            self._emit(self.outbox.mark_retry(item.id, exc.user_message(), time.time() + delay))
        elif isinstance(exc, errors.StaleError):
            rebase = operations.operation(item.kind).rebase_when_stale
            if rebase and exc.current_version and item.attempts < 5:
                # e.g. "I have seen this alarm" means the same whatever changed meanwhile
                # (an escalation bumps the version): send it against the current one.
                log.info(
                    "%s of %s rebased to version %s", item.kind, item.post_id, exc.current_version
                )
                self._emit(self.outbox.rebase(item.id, exc.current_version))
            else:
                log.warning("outbox item %s (%s) is stale: %r", item.id, item.kind, exc)
                self._emit(self.outbox.mark_failed(item.id, exc.user_message()))
        elif isinstance(exc, errors.ApiError):
            log.warning("outbox item %s (%s) refused: %r", item.id, item.kind, exc)
            self._emit(self.outbox.mark_failed(item.id, exc.user_message()))
        else:
            log.error("outbox item %s (%s) could not be sent", item.id, item.kind, exc_info=exc)
            message = QCoreApplication.translate(
                "OutboxSender",
                "An unexpected error occurred while sending (it is in the log); "
                "retry or contact the administrator.",
            )
            self._emit(self.outbox.mark_failed(item.id, message))

    def _emit(self, item: OutboxItem | None) -> None:
        if item is not None:
            self.item_changed.emit(item)

    def _send(self, item: OutboxItem) -> tuple[Any, int | None]:
        return operations.operation(item.kind).deliver(self.client, item)
