"""The event hub: fans the event log out to every live SSE subscriber.

How it stays cheap with many subscribers: one background task reads new rows from
the `events` table — ONE query per wake-up, however many clients listen — appends
them to an in-memory ring of the newest events (each already rendered to SSE wire
bytes) and wakes all subscribers, who only filter what is in memory. A subscriber
resuming from further back than the ring reads the table itself, in batches.

What wakes the reader:
- `notify()`, called by request handlers after a commit that wrote events
  (`AppContext.write`); thread-safe, so sync routes in the threadpool may call it;
- a poll every `POLL_SECONDS`, which picks up writes made by other processes (the
  CLI seeder, a second server process behind the same database);
- any `WakeSource` passed in: on PostgreSQL, `events.listener.PgListener` (LISTEN
  duty_events on a dedicated connection; writers NOTIFY in the transaction that
  wrote events), so another process's events arrive at once and the poll is only a
  safety net.

Reading ``seq > last`` never skips an event because seqs are handed out in commit
order (`events.log`): by the time a seq is visible, every smaller one is too.

The ring holds at most `RING_SIZE` events and `settings.event_ring_max_bytes` bytes
(a few huge events must not pin memory); a subscriber further back reads the table.

Pruning keeps the newest `settings.event_retention` events. A client that asks to
resume from before the oldest kept event gets a `Reset` marker instead of a
silently incomplete replay.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from fastapi.sse import format_sse_event
from sqlalchemy import delete, func, select

from platform_server.config import ServerSettings
from platform_server.domain.scope import Viewer
from platform_server.events.log import decode_units
from platform_server.storage.engines import Database
from platform_server.storage.models import Event

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # fallback for writes made by other processes
RING_SIZE = 4096  # newest events held in memory for cheap fan-out
BATCH = 500  # rows per query when catching up or replaying
PRUNE_EVERY_SECONDS = 1.0  # at most this often; only when over the retention + slack


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """One event as subscribers see it; `wire` is the ready-made SSE frame."""

    seq: int
    type: str
    payload: str  # JSON text
    post_id: int | None
    audience: str
    unit_id: int | None
    prev_unit_id: int | None
    assignee_id: int | None
    reader_unit_ids: tuple[int, ...]  # the post's assisting units then (events.log)
    wire: bytes


@dataclass(frozen=True, slots=True)
class Reset:
    """The subscriber cannot be served a complete replay; it must resync over REST.

    reason: "too_far_behind" (asked for events already pruned) or "unknown_seq" (asked
    to resume after a seq this log never had, e.g. the database was replaced).
    """

    reason: str
    oldest_seq: int
    current_seq: int


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """Yielded every `heartbeat` seconds so the caller can ping and re-check auth."""


HEARTBEAT = Heartbeat()


class WakeSource(Protocol):
    """Something outside this process that knows when new events were committed."""

    def start(self, wake: Callable[[], None]) -> None: ...

    def stop(self) -> None: ...


def _size(ev: StreamEvent) -> int:
    return len(ev.wire) + len(ev.payload)


def _to_stream_event(ev: Event) -> StreamEvent:
    return StreamEvent(
        seq=ev.seq,
        type=ev.type,
        payload=ev.payload,
        post_id=ev.post_id,
        audience=ev.audience,
        unit_id=ev.unit_id,
        prev_unit_id=ev.prev_unit_id,
        assignee_id=ev.assignee_id,
        reader_unit_ids=decode_units(ev.reader_unit_ids),
        wire=format_sse_event(data_str=ev.payload, event=ev.type, id=str(ev.seq)),
    )


class EventHub:
    """Owns the event reader task, the ring buffer and the subscriptions.

    Attributes:
        last_seq: the newest seq this hub has read.
        oldest_seq: the oldest seq still kept in the table (as far as this hub knows).
        subscriber_count: live subscriptions (tests use it to check clean-up).
    """

    def __init__(
        self,
        db: Database,
        settings: ServerSettings,
        wake_sources: Iterable[WakeSource] = (),
    ) -> None:
        self.db = db
        self.settings = settings
        self.last_seq = 0
        self.oldest_seq = 1
        self.subscriber_count = 0
        self._wake_sources = list(wake_sources)
        self._ring: list[StreamEvent] = []
        self._ring_seqs: list[int] = []
        self._ring_bytes = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._changed: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._last_prune = 0.0
        self._closing = False

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._changed = asyncio.Event()
        newest, oldest, recent = await asyncio.to_thread(self._load_initial)
        self.last_seq, self.oldest_seq = newest, oldest
        self._append(recent)
        self._task = asyncio.create_task(self._run(), name="event-hub")
        for source in self._wake_sources:
            source.start(self.notify)

    async def stop(self) -> None:
        for source in self._wake_sources:
            try:
                source.stop()
            except Exception:
                log.exception("event wake source failed to stop")
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._loop = None

    def close_streams(self) -> None:
        """End every subscription now (server shutdown); clients resume elsewhere/later.

        Without this, a graceful shutdown waits for open streams that never end.
        Safe from any thread.
        """
        self._closing = True
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._publish)

    def notify(self) -> None:
        """New events were committed: read them soon. Safe from any thread."""
        loop, wake = self._loop, self._wake
        if loop is None or wake is None or loop.is_closed():
            return  # not serving (e.g. a CLI tool writing without a running hub)
        with contextlib.suppress(RuntimeError):  # loop closed between check and call
            loop.call_soon_threadsafe(wake.set)

    # ------------------------------------------------------------ reading
    def _load_initial(self) -> tuple[int, int, list[StreamEvent]]:
        with self.db.reading() as s:
            newest = s.scalar(select(func.max(Event.seq))) or 0
            oldest = s.scalar(select(func.min(Event.seq))) or newest + 1
            rows = s.scalars(
                select(Event).where(Event.seq > newest - RING_SIZE).order_by(Event.seq)
            ).all()
            return newest, oldest, [_to_stream_event(r) for r in rows]

    def _load_after(self, after: int, limit: int) -> list[StreamEvent]:
        with self.db.reading() as s:
            rows = s.scalars(
                select(Event).where(Event.seq > after).order_by(Event.seq).limit(limit)
            ).all()
            return [_to_stream_event(r) for r in rows]

    def _load_replay(self, after: int, limit: int) -> tuple[list[StreamEvent], int, int]:
        """A replay batch plus the table's oldest and newest seq, in one snapshot."""
        with self.db.reading() as s:
            oldest = s.scalar(select(func.min(Event.seq)))
            newest = s.scalar(select(func.max(Event.seq))) or 0
            rows = s.scalars(
                select(Event).where(Event.seq > after).order_by(Event.seq).limit(limit)
            ).all()
            return [_to_stream_event(r) for r in rows], oldest or newest + 1, newest

    @property
    def ring_bytes(self) -> int:
        """Roughly what the replay ring holds in memory (wire bytes + payload text)."""
        return self._ring_bytes

    def _append(self, events: list[StreamEvent]) -> None:
        """Add newly read events to the ring, keeping it within its count and byte caps.

        The newest event always stays; subscribers further back than the ring read
        the table instead, so a smaller ring costs queries, never events.
        """
        if not events:
            return
        ring = self._ring + events
        seqs = self._ring_seqs + [e.seq for e in events]
        total = self._ring_bytes + sum(_size(e) for e in events)
        keep = min(RING_SIZE, max(1, self.settings.event_retention))
        drop = max(0, len(ring) - keep)
        total -= sum(_size(e) for e in ring[:drop])
        cap = self.settings.event_ring_max_bytes
        while drop < len(ring) - 1 and total > cap:
            total -= _size(ring[drop])
            drop += 1
        # Replace, never mutate: subscribers may be iterating the old lists.
        self._ring, self._ring_seqs = ring[drop:], seqs[drop:]
        self._ring_bytes = total
        self.last_seq = max(self.last_seq, events[-1].seq)

    def _publish(self) -> None:
        assert self._changed is not None
        old, self._changed = self._changed, asyncio.Event()
        old.set()

    async def _run(self) -> None:
        assert self._wake is not None
        wake = self._wake
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), POLL_SECONDS)
            # Cleared before reading, so a notify() during the query is not lost.
            wake.clear()
            try:
                events = await asyncio.to_thread(self._load_after, self.last_seq, BATCH)
                if events:
                    self._append(events)
                    self._publish()
                    if len(events) == BATCH:
                        wake.set()  # more waiting; read on without sleeping
                await self._maybe_prune()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("event hub failed to read the event log; retrying")
                await asyncio.sleep(POLL_SECONDS)

    # ------------------------------------------------------------ pruning
    async def _maybe_prune(self) -> None:
        retention = max(1, self.settings.event_retention)
        slack = retention // 100
        excess = (self.last_seq - self.oldest_seq + 1) - retention
        now = time.monotonic()
        if excess <= slack or now - self._last_prune < PRUNE_EVERY_SECONDS:
            return
        self._last_prune = now
        cut = self.last_seq - retention
        await asyncio.to_thread(self._prune, cut)
        self.oldest_seq = max(self.oldest_seq, cut + 1)

    def _prune(self, cut: int) -> None:
        with self.db.writing() as s:
            s.execute(delete(Event).where(Event.seq <= cut))

    # ------------------------------------------------------------ subscribing
    async def subscribe(
        self,
        viewer: Viewer,
        after_seq: int | None,
        *,
        heartbeat: float | None = None,
    ) -> AsyncIterator[StreamEvent | Reset | Heartbeat]:
        """Events after `after_seq` that `viewer` may receive, in seq order, then live.

        `after_seq=None` starts from now. Yields `Reset` (and stops) when a complete
        replay is impossible, and `HEARTBEAT` every `heartbeat` seconds if asked.
        Cancelling the consumer ends the subscription cleanly.
        """
        if self._changed is None or self._closing:
            raise RuntimeError("event hub is not running")
        self.subscriber_count += 1
        try:
            cursor = self.last_seq if after_seq is None else after_seq
            if cursor > self.last_seq:
                newest = await asyncio.to_thread(self._newest_in_table)
                if cursor > newest:
                    yield Reset("unknown_seq", self.oldest_seq, newest)
                    return
            next_beat = time.monotonic() + heartbeat if heartbeat else None
            while True:
                changed = self._changed
                found = await self._batch_after(cursor)
                if isinstance(found, Reset):
                    yield found
                    return
                batch, cursor = found
                for ev in batch:
                    cursor = ev.seq
                    if viewer.receives(
                        ev.audience, ev.unit_id, ev.prev_unit_id, ev.assignee_id, ev.reader_unit_ids
                    ):
                        yield ev
                if next_beat is not None and heartbeat and time.monotonic() >= next_beat:
                    next_beat = time.monotonic() + heartbeat
                    yield HEARTBEAT
                if self._closing:
                    return
                if cursor < self.last_seq:
                    continue  # still catching up
                timeout = None if next_beat is None else max(0.0, next_beat - time.monotonic())
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), timeout)
        finally:
            self.subscriber_count -= 1

    async def _batch_after(self, cursor: int) -> tuple[list[StreamEvent], int] | Reset:
        """The next events after `cursor`, from the ring or else the table, with the cursor
        to go on from; `Reset` when the table no longer holds them."""
        if cursor >= self.last_seq:
            return [], cursor
        ring, seqs = self._ring, self._ring_seqs
        if seqs and cursor >= seqs[0] - 1:
            return ring[bisect.bisect_right(seqs, cursor) :], cursor
        batch, oldest, newest = await asyncio.to_thread(self._load_replay, cursor, BATCH)
        if cursor < oldest - 1:
            return Reset("too_far_behind", oldest, newest)
        if not batch:
            # Nothing left in the table after cursor: whatever the hub saw beyond it
            # was deleted meanwhile, so skip ahead rather than spin.
            cursor = max(cursor, newest, self.last_seq)
        return batch, cursor

    def _newest_in_table(self) -> int:
        with self.db.reading() as s:
            return s.scalar(select(func.max(Event.seq))) or 0
