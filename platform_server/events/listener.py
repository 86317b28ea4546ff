"""LISTEN/NOTIFY: how a server process hears at once of events another process committed.

Every writer sends ``NOTIFY duty_events, '<seq>'`` in the transaction that wrote
events (`events.log`); PostgreSQL delivers it at commit. `PgListener` is the event
hub's `WakeSource` on PostgreSQL: one dedicated connection per server process,
``LISTEN duty_events``, read on its own thread with psycopg 3's ``notifies()``; each
notification wakes the hub, whose reader then fetches the new rows (one query per
wake-up, whatever the number of streams). The payload is only a hint: the hub reads
the table, so a lost or coalesced notification costs nothing but the hub's poll.

When the connection breaks (PostgreSQL restarted, network cut) the thread reconnects
with a short back-off and wakes the hub once connected again, because notifications
sent while it was away are gone; the hub's one-second poll covers that gap too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from platform_server.events.log import CHANNEL

log = logging.getLogger(__name__)

RETRY_SECONDS = (0.1, 0.2, 0.5, 1.0, 2.0)  # reconnect back-off, the last one repeated
READ_TIMEOUT = 0.5  # how often the thread looks at its stop flag


def conninfo(sqlalchemy_url: str) -> str:
    """A libpq URI for a SQLAlchemy PostgreSQL URL (the driver suffix dropped)."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class PgListener:
    """A `WakeSource`: `start(wake)` listens on its own thread until `stop()`."""

    def __init__(self, sqlalchemy_url: str, channel: str = CHANNEL) -> None:
        self._conninfo = conninfo(sqlalchemy_url)
        self.channel = channel
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: psycopg.Connection | None = None
        self.connected = threading.Event()  # tests and health checks wait on it
        self.notifications = 0

    def start(self, wake: Callable[[], None]) -> None:
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(wake,), name="pg-listen", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self, wake: Callable[[], None]) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                    self.connected.set()
                    if failures:
                        log.info("listening for events again after %d failed attempt(s)", failures)
                    failures = 0
                    wake()  # whatever was committed while we were not listening
                    self._listen(conn, wake)
            except psycopg.Error as exc:
                self.connected.clear()
                if self._stop.is_set():
                    return
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                if failures == 0:
                    log.warning("event listener lost its database connection: %s", exc)
                failures += 1
                self._stop.wait(delay)
        self.connected.clear()

    def _listen(self, conn: psycopg.Connection, wake: Callable[[], None]) -> None:
        while not self._stop.is_set():
            for _note in conn.notifies(timeout=READ_TIMEOUT):
                self.notifications += 1
                wake()
