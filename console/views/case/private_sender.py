"""What the private messages panel does, without its widgets: send, give up, mark read.

A private message goes through the outbox like a reply (console.operations, kind
``message``): on disk when `send` returns, delivered with its Idempotency-Key, its
progress followed by the case controller with the post's other items. Marking the
author's answers read is a small call on a worker; the queue row's unread mark goes with
the answer (`CaseStore.upsert`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from console.api.models import PostSummary
from console.operations import PRIVATE_KINDS, PostOperations, Submitter
from console.store import CaseStore
from console.tasks import Runner

log = logging.getLogger(__name__)


class ReadClient(Protocol):
    def messages_read(self, post_id: int) -> PostSummary: ...


class Cancelling(Submitter, Protocol):
    def cancel(self, item_id: int) -> object: ...


class PrivateSender(QObject):
    """Signals: problem(str) — a sentence for the officer (nothing was sent)."""

    problem = Signal(str)

    def __init__(
        self,
        client: ReadClient,
        tasks: Runner,
        outbox: Cancelling,
        store: CaseStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._outbox = outbox
        self._ops = PostOperations(outbox)
        self._store = store
        self._reading: set[int] = set()

    def send(self, post_id: int, text: str) -> bool:
        """The text as a private message to the author; False (and `problem`) if not saved."""
        try:
            self._ops.message(post_id, text)
        except Exception:
            log.exception("could not write the private message to the outbox")
            self.problem.emit(
                self.tr(
                    "The private message could not be saved on this computer and was not "
                    "sent; it is still in the composer."
                )
            )
            return False
        return True

    def discard(self, item_id: int) -> str:
        """Give up a failed private message; its text (to put back), "" if none."""
        item = self._outbox.cancel(item_id)
        kind = getattr(item, "kind", None)
        payload = getattr(item, "payload", None) or {}
        return str(payload.get("body", "")) if kind in PRIVATE_KINDS else ""

    def mark_read(self, post_id: int, done: Callable[[], None]) -> None:
        """The author's answers are read here: the platform drops the unread mark."""
        if post_id in self._reading:
            return
        self._reading.add(post_id)
        client = self._client

        def ok(summary: PostSummary) -> None:
            self._reading.discard(post_id)
            self._store.upsert(summary)
            done()

        def failed(exc: Exception) -> None:
            self._reading.discard(post_id)
            log.warning("marking the private messages of %s read failed: %r", post_id, exc)

        self._tasks.run(lambda: client.messages_read(post_id), ok, failed)
