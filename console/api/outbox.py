"""The durable outbox: every officer action is on disk before it is sent.

An action (console.operations: reply, note, accept, transfer, close, reopen,
acknowledge) becomes an `OutboxItem` with a fresh Idempotency-Key, committed to SQLite
(WAL, synchronous FULL) before any byte goes to the platform. `OutboxSender`
(console/api/outbox_sender.py) delivers items in order per post; if the console dies
mid-send the item is still "sending" at the next start, goes back to "queued" and is
sent again with the same key, so the platform replays its first answer instead of acting
twice.

States: queued → sending → sent, or → failed (a refusal that retrying cannot fix,
with the platform's sentence) or back to queued (unreachable, 5xx: retried with
exponential backoff and jitter). A failed item can be retried or cancelled by the
officer; until then later items for the same post wait, so a close never
overtakes the reply it was meant to follow.

Each item remembers the post version the officer saw when making it (``seen_version``;
for state changes it is also the If-Match). When an item is delivered, the later items
of the same post that were made from that same view move on to the version it produced
(`chain`): the officer's own queued actions never refuse each other as "changed
meanwhile", while a change by someone else in between still is.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATES = ("queued", "sending", "sent", "failed", "cancelled")
PENDING_STATES = ("queued", "sending")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idem_key TEXT NOT NULL UNIQUE,
    owner TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    post_id INTEGER NOT NULL,
    payload TEXT NOT NULL,
    base_version INTEGER,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    sent_at REAL,
    result TEXT,
    seen_version INTEGER
);
CREATE INDEX IF NOT EXISTS ix_outbox_state ON outbox (owner, state, id);
CREATE INDEX IF NOT EXISTS ix_outbox_post ON outbox (owner, post_id, id);
"""


def _ts(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


@dataclass(frozen=True)
class OutboxItem:
    """One officer action on its way to the platform.

    Attributes:
        idem_key: the Idempotency-Key sent with every attempt of this item.
        payload: the action's fields, e.g. ``{"body": ...}``, ``{"unit_id", "reason"}``.
        base_version: the post version the officer acted on (If-Match), if any.
        last_error: the last failure as a sentence for the officer ("" if none).
        next_attempt_at: when a queued item is tried next (None: as soon as possible).
        result: the platform's answer (JSON) once sent.
        seen_version: the post version the officer saw when making it (None: unknown).
    """

    id: int
    idem_key: str
    owner: str
    kind: str
    post_id: int
    payload: dict[str, Any]
    base_version: int | None
    state: str
    attempts: int
    last_error: str
    next_attempt_at: datetime | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    result: Any = None
    seen_version: int | None = None

    @property
    def pending(self) -> bool:
        return self.state in PENDING_STATES


_COLUMNS = (
    "id, idem_key, owner, kind, post_id, payload, base_version, state, attempts, "
    "last_error, next_attempt_at, created_at, updated_at, sent_at, result, seen_version"
)


def _row_item(row: tuple[Any, ...]) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        idem_key=row[1],
        owner=row[2],
        kind=row[3],
        post_id=row[4],
        payload=json.loads(row[5]),
        base_version=row[6],
        state=row[7],
        attempts=row[8],
        last_error=row[9],
        next_attempt_at=_ts(row[10]),
        created_at=_ts(row[11]) or datetime.now(UTC),
        updated_at=_ts(row[12]) or datetime.now(UTC),
        sent_at=_ts(row[13]),
        result=json.loads(row[14]) if row[14] else None,
        seen_version=row[15],
    )


class Outbox:
    """The queue on disk. Thread-safe; every write is committed before it returns.

    ``owner`` (e.g. ``"010001@https://platform"``) scopes every query, so an item
    written by one officer is never sent with another officer's token.
    """

    def __init__(self, path: str | Path, owner: str = "") -> None:
        self.path = Path(path)
        self.owner = owner
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        # FULL: the commit is on disk (fsync) before enqueue() returns
        self._db.execute("PRAGMA synchronous=FULL")
        with self._lock, self._db:
            self._db.executescript(_SCHEMA)
            columns = {r[1] for r in self._db.execute("PRAGMA table_info(outbox)")}
            if "seen_version" not in columns:  # an outbox written by an older console
                self._db.execute("ALTER TABLE outbox ADD COLUMN seen_version INTEGER")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ------------------------------------------------------------ writing
    def enqueue(
        self,
        kind: str,
        post_id: int,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
        idem_key: str | None = None,
        seen_version: int | None = None,
    ) -> OutboxItem:
        """Write a new queued item (durably) and return it.

        What may be written is console.operations' to say (OutboxSender.submit checks it);
        the queue stores any kind. ``seen_version`` defaults to ``base_version``.
        """
        key = idem_key or uuid.uuid4().hex
        now = time.time()
        seen = base_version if seen_version is None else seen_version
        with self._lock, self._db:
            cur = self._db.execute(
                "INSERT INTO outbox (idem_key, owner, kind, post_id, payload, base_version,"
                " state, created_at, updated_at, seen_version)"
                " VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)",
                (
                    key,
                    self.owner,
                    kind,
                    post_id,
                    json.dumps(payload or {}, ensure_ascii=False),
                    base_version,
                    now,
                    now,
                    seen,
                ),
            )
            item_id = cur.lastrowid
        item = self.get(int(item_id or 0))
        assert item is not None
        return item

    def _update(self, item_id: int, sql: str, args: tuple[Any, ...]) -> OutboxItem | None:
        with self._lock, self._db:
            self._db.execute(
                f"UPDATE outbox SET {sql}, updated_at = ? WHERE id = ? AND owner = ?",  # noqa: S608
                (*args, time.time(), item_id, self.owner),
            )
        return self.get(item_id)

    def mark_sending(self, item_id: int) -> OutboxItem | None:
        return self._update(item_id, "state = 'sending', attempts = attempts + 1", ())

    def mark_sent(self, item_id: int, result: Any = None) -> OutboxItem | None:
        return self._update(
            item_id,
            "state = 'sent', last_error = '', next_attempt_at = NULL, sent_at = ?, result = ?",
            (time.time(), json.dumps(result, ensure_ascii=False, default=str)),
        )

    def mark_failed(self, item_id: int, error: str) -> OutboxItem | None:
        """A refusal that retrying unchanged cannot fix; the officer decides."""
        return self._update(
            item_id, "state = 'failed', last_error = ?, next_attempt_at = NULL", (error,)
        )

    def mark_retry(self, item_id: int, error: str, next_attempt_at: float) -> OutboxItem | None:
        """Back to queued after a transient failure, not before ``next_attempt_at`` (epoch s)."""
        return self._update(
            item_id,
            "state = 'queued', last_error = ?, next_attempt_at = ?",
            (error, next_attempt_at),
        )

    def rebase(self, item_id: int, version: int) -> OutboxItem | None:
        """Queue again against a newer post version (only where the intent cannot differ)."""
        return self._update(
            item_id,
            "state = 'queued', base_version = ?, last_error = '', next_attempt_at = NULL",
            (version,),
        )

    def chain(self, delivered: OutboxItem, produced: int) -> list[OutboxItem]:
        """Later queued items of the post made from the same view move on to ``produced``.

        Only when ``delivered`` is known to have been the one change between that view and
        ``produced``: a state change (its If-Match held), or a message that moved the
        version by exactly one. Returns the items that moved.
        """
        seen = delivered.seen_version
        if seen is None:
            return []
        versioned = delivered.base_version is not None
        if not versioned and produced != seen + 1:
            return []  # someone else changed the post too: let the next item find out
        with self._lock, self._db:
            ids = [
                r[0]
                for r in self._db.execute(
                    "SELECT id FROM outbox WHERE owner = ? AND post_id = ? AND id > ?"
                    " AND state = 'queued' AND seen_version = ?",
                    (self.owner, delivered.post_id, delivered.id, seen),
                )
            ]
            self._db.executemany(
                "UPDATE outbox SET seen_version = ?, base_version = CASE WHEN base_version"
                " IS NULL THEN NULL ELSE ? END, updated_at = ? WHERE id = ?",
                [(produced, produced, time.time(), i) for i in ids],
            )
        return [i for i in (self.get(x) for x in ids) if i is not None]

    def retry(self, item_id: int) -> OutboxItem | None:
        """The officer asks to try a failed item again (now)."""
        return self._update_if(item_id, ("failed",), "state = 'queued', next_attempt_at = NULL")

    def cancel(self, item_id: int) -> OutboxItem | None:
        """The officer gives up on a failed (or not yet sent) item."""
        return self._update_if(item_id, ("failed", "queued"), "state = 'cancelled'")

    def _update_if(self, item_id: int, states: tuple[str, ...], sql: str) -> OutboxItem | None:
        marks = ", ".join("?" for _ in states)
        with self._lock, self._db:
            self._db.execute(
                f"UPDATE outbox SET {sql}, updated_at = ? "  # noqa: S608
                f"WHERE id = ? AND owner = ? AND state IN ({marks})",
                (time.time(), item_id, self.owner, *states),
            )
        return self.get(item_id)

    def recover_interrupted(self) -> list[OutboxItem]:
        """Items left "sending" by a crash go back to queued (safe: same idem key)."""
        with self._lock, self._db:
            ids = [
                r[0]
                for r in self._db.execute(
                    "SELECT id FROM outbox WHERE owner = ? AND state = 'sending'", (self.owner,)
                )
            ]
            self._db.execute(
                "UPDATE outbox SET state = 'queued', next_attempt_at = NULL, updated_at = ?"
                " WHERE owner = ? AND state = 'sending'",
                (time.time(), self.owner),
            )
        return [i for i in (self.get(x) for x in ids) if i is not None]

    def reschedule_all(self) -> None:
        """Make every queued item due now (the link just came back)."""
        with self._lock, self._db:
            self._db.execute(
                "UPDATE outbox SET next_attempt_at = NULL WHERE owner = ? AND state = 'queued'",
                (self.owner,),
            )

    # ------------------------------------------------------------ reading
    def get(self, item_id: int) -> OutboxItem | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE id = ? AND owner = ?",  # noqa: S608
                (item_id, self.owner),
            ).fetchone()
        return _row_item(row) if row else None

    def get_by_key(self, idem_key: str) -> OutboxItem | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE idem_key = ? AND owner = ?",  # noqa: S608
                (idem_key, self.owner),
            ).fetchone()
        return _row_item(row) if row else None

    def items(self, post_id: int | None = None, states: tuple[str, ...] = ()) -> list[OutboxItem]:
        """Items in the order they were written, optionally of one post / some states."""
        sql = f"SELECT {_COLUMNS} FROM outbox WHERE owner = ?"  # noqa: S608
        args: list[Any] = [self.owner]
        if post_id is not None:
            sql += " AND post_id = ?"
            args.append(post_id)
        if states:
            sql += f" AND state IN ({', '.join('?' for _ in states)})"
            args.extend(states)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [_row_item(r) for r in rows]

    def pending_count(self) -> int:
        """Items not yet delivered (queued or sending)."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM outbox WHERE owner = ? AND state IN ('queued', 'sending')",
                (self.owner,),
            ).fetchone()
        return int(row[0])

    def next_ready(self, now: float) -> tuple[OutboxItem | None, float | None]:
        """The next item to send, or (None, when the earliest waiting item becomes due).

        Only the oldest undelivered item of each post is eligible: a queued item
        waits behind an earlier queued, sending or failed one of the same post.
        """
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox o WHERE owner = ? AND state = 'queued'"  # noqa: S608
                " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.owner = o.owner"
                " AND p.post_id = o.post_id AND p.id < o.id"
                " AND p.state IN ('queued', 'sending', 'failed'))"
                " ORDER BY COALESCE(next_attempt_at, 0), id",
                (self.owner,),
            ).fetchall()
        if not rows:
            return None, None
        first = _row_item(rows[0])
        due = rows[0][10]
        if due is None or due <= now:
            return first, None
        return None, float(due)
