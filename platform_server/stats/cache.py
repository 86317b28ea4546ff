"""A small cache of finished dashboard figures, kept live by the event log.

Freshness rule: a cached response is served only while
- no event has been recorded since it was computed (the event log's highest `seq`,
  read in the same read transaction as the request, is unchanged), and
- the clock is still in the same minute as the request that computed it (the key
  holds the period's bounds with "now" rounded down to the minute).
Every change the platform makes records an event in its own transaction, so a new
post, reply, transfer or rating shows at the next request; what changes with the
clock alone (a deadline passing, a post turning 24 h old) shows within a minute.
The response's `window.generated_at` says when the figures were computed.

Identical requests that arrive together (every dashboard refreshing after the same
event) compute once: later ones wait for the first and share its result. The same
goes for a part that two endpoints need (`shared`): the period's first-response and
resolution times, read once for both the KPI tiles and the times charts.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from platform_server.stats.sql import Window
from platform_server.storage.models import Event

T = TypeVar("T")

MAX_ENTRIES = 256
# Shared parts are big (a month of a million-post city's resolution times is 10 MB of
# tuples) and only useful while the endpoints that share them are asked for together:
# one dashboard load needs two.
MAX_PARTS = 4


def last_seq(db: Session) -> int:
    """The event log's highest sequence number (0 when it is empty)."""
    return int(db.scalar(select(func.max(Event.seq))) or 0)


def window_key(w: Window) -> tuple[Any, ...]:
    """The period's identity for the cache: bounds that move with "now" to the minute."""
    if w.period == "custom":
        return (w.period, w.since, w.until, _minute(w.now))
    # Every other period ends at "now"; its start is a fixed Beijing midnight or shift.
    return (w.period, w.since, _minute(w.now))


def _minute(t: datetime) -> datetime:
    return t.replace(second=0, microsecond=0)


class _Flight:
    """One computation in progress that identical requests wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.ok = False


class FigureCache:
    """Values keyed by (what, event seq); only the newest seq's are kept, LRU-bounded.

    An entry of an older seq can never be asked for again (requests read the seq
    anew), so the first value stored for a newer seq drops them all.
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._seq = -1
        self.hits = 0
        self.waiting = 0  # requests waiting for a computation another one runs

    def get_or_compute(self, key: Hashable, seq: int, compute: Callable[[], T]) -> T:
        """The value for `key` at event `seq`, computed once however many ask at once."""
        full = (key, seq)
        while True:
            with self._lock:
                if full in self._entries:
                    self._entries.move_to_end(full)
                    self.hits += 1
                    value: T = self._entries[full]
                    return value
                flight = self._flights.get(full)
                if flight is None:
                    flight = self._flights[full] = _Flight()
                    break
                self.waiting += 1
            flight.done.wait()
            with self._lock:
                self.waiting -= 1
            if flight.ok:
                with self._lock:
                    self.hits += 1
                shared_value: T = flight.value
                return shared_value
            # The first request failed; try again (its error went to its own caller).
        try:
            result = compute()
        except BaseException:
            with self._lock:
                del self._flights[full]
            flight.done.set()
            raise
        with self._lock:
            self._store(full, seq, result)
            del self._flights[full]
            flight.value, flight.ok = result, True
        flight.done.set()
        return result

    def _store(self, full: Hashable, seq: int, value: Any) -> None:
        if seq < self._seq:
            return  # events arrived while this was computed: nobody will ask for it
        if seq > self._seq:
            self._entries.clear()
            self._seq = seq
        self._entries[full] = value
        self._entries.move_to_end(full)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


_current: ContextVar[FigureCache | None] = ContextVar("stats_parts", default=None)
_current_seq: ContextVar[int] = ContextVar("stats_parts_seq", default=0)


@contextmanager
def sharing(parts: FigureCache, seq: int) -> Iterator[None]:
    """Let `shared` parts computed inside this block be reused while `seq` is current."""
    token, seq_token = _current.set(parts), _current_seq.set(seq)
    try:
        yield
    finally:
        _current.reset(token)
        _current_seq.reset(seq_token)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    """A part several endpoints need, computed once per event seq (see `sharing`).

    `key` must identify the part fully (figure, scope, `window_key`); outside a
    `sharing` block (benchmarks, scripts) it is simply computed.
    """
    parts = _current.get()
    if parts is None:
        return compute()
    return parts.get_or_compute(key, _current_seq.get(), compute)
