"""Appending to the event log, in the same transaction as the change it describes.

`record_event` is the only writer of the `events` table. It takes a typed event
(`platform_server.events.types`) and files it with the scope columns the hub uses to
decide who receives it. Nothing reaches subscribers before the transaction commits;
the write context (`AppContext.write`) wakes the hub after a commit that wrote
events — the platform's `send_event_on_commit`.

**Seq order is commit order.** A live reader follows ``seq > last``; if seqs were
drawn at insert time, a transaction that drew seq 10 could commit after one that
drew 11, and a reader that had already moved past 11 would never see 10 (on
PostgreSQL that lost 10–30 of 200 live events). So events are not inserted when
recorded: they wait in the session (`PENDING`) and are written by a before-commit
hook, after everything else of the transaction is flushed, under a global
transaction-scoped advisory lock that is held only for that insert and the commit
(on PostgreSQL one call, `duty_append_events`, migration 0003, redefined by
0010: lock, number, insert, notify). Seqs are numbered max + 1 under the lock, so
they are also gapless. PostgreSQL makes a transaction visible before it releases its
locks, so a reader that sees seq n has every seq below n. The same hook sends
``NOTIFY duty_events, '<seq>'``, which PostgreSQL delivers at commit to every server
process's listener (`events.listener`). SQLite needs no lock: its writers are serialised already.

The hub that fans events out to SSE subscribers lives in `platform_server.events.hub`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from platform_server.domain.scope import assisting_stmt
from platform_server.events.types import EVENT_MODELS, EventModel, HotspotDetected, PostEvent
from platform_server.storage.models import Event, Post, utcnow

EVENTS_WRITTEN = "events_written"  # Session.info flag: this transaction recorded events
PENDING = "pending_events"  # Session.info: events recorded, written at commit
CHANNEL = "duty_events"  # PostgreSQL NOTIFY channel; the payload is the newest seq
# pg_advisory_xact_lock key of the event log (any constant; "duty" in ASCII).
EVENT_LOG_LOCK = 0x64757479


def record_event(
    db: Session,
    event: EventModel,
    *,
    post: Post | None = None,
    prev_unit_id: int | None = None,
    prev_reader_unit_ids: Iterable[int] = (),
) -> Event:
    """Append one event; it gets its seq and reaches streams when the transaction commits.

    Post events need their `post` for the scope columns: restricted boards, silent
    reports and `scope_only` types (internal notes) go only to officers who may read
    them; `prev_unit_id` lets the unit a post was transferred away from hear of it.
    The assisting units (协办) of the post's current dispatch, read now, are its
    reader units (`reader_unit_ids`): their officers hear it as the unit's do, live and
    on replay; `prev_reader_unit_ids` adds those of a dispatch the action has just
    ended (a return, a new dispatch), so they hear that their part is over.
    """
    if EVENT_MODELS.get(getattr(event, "type", None)) is not type(event):  # type: ignore[arg-type]
        raise TypeError(f"{type(event).__name__} is not a registered event model")
    readers: set[int] = set()
    if isinstance(event, PostEvent):
        if post is None or post.id != event.id:
            raise ValueError(f"{event.type} needs the post it describes")
        scoped = event.scope_only or post.kind == "silent_report" or post.board.restricted
        audience = "scope" if scoped else "all"
        unit_id = post.unit_id
        readers.update(prev_reader_unit_ids)
        if post.transfer_count:
            readers.update(db.scalars(assisting_stmt(post.id)))
    elif isinstance(event, HotspotDetected):
        audience, unit_id = "leaders", event.unit_id  # the leaders whose area it is
    else:  # an officer's record, a notice: every officer, leaders included
        audience, unit_id = "everyone", None
    row = Event(
        type=event.type,
        post_id=post.id if post is not None else None,
        unit_id=unit_id,
        prev_unit_id=prev_unit_id,
        assignee_id=post.assignee_id if post is not None else None,
        reader_unit_ids=encode_units(readers),
        audience=audience,
        payload=event.model_dump_json(),
        created_at=utcnow(),
    )
    db.info.setdefault(PENDING, []).append(row)
    db.info[EVENTS_WRITTEN] = True
    return row


def encode_units(ids: Iterable[int]) -> str | None:
    """Unit ids as the `reader_unit_ids` column keeps them: "3,7", or NULL for none."""
    return ",".join(str(u) for u in sorted(set(ids))) or None


def decode_units(text_: str | None) -> tuple[int, ...]:
    return tuple(int(u) for u in text_.split(",")) if text_ else ()


@sa_event.listens_for(Session, "before_commit")
def _write_pending_events(session: Session) -> None:
    """The transaction's events, numbered in commit order, as its last writes."""
    rows: list[Event] | None = session.info.pop(PENDING, None)
    if not rows:
        return
    session.flush()  # everything else first: the lock below is held only to the commit
    if session.get_bind().dialect.name == "postgresql":
        _append_postgresql(session, rows)
        return
    base = int(session.scalar(select(func.coalesce(func.max(Event.seq), 0))) or 0)
    for offset, row in enumerate(rows, start=1):
        row.seq = base + offset
        row.created_at = utcnow()
    session.add_all(rows)
    session.flush()


def _append_postgresql(session: Session, rows: list[Event]) -> None:
    """Lock, number, insert and NOTIFY in one call (migration 0010), then the commit.

    One round trip instead of four keeps the lock's hold short: at peak it is what
    every other writer queues on.
    """
    data = [
        {
            "type": r.type,
            "post_id": r.post_id,
            "unit_id": r.unit_id,
            "prev_unit_id": r.prev_unit_id,
            "assignee_id": r.assignee_id,
            "reader_unit_ids": r.reader_unit_ids,
            "audience": r.audience,
            "payload": r.payload,
        }
        for r in rows
    ]
    newest = session.scalar(
        text("SELECT duty_append_events(CAST(:rows AS jsonb), :k, :channel)"),
        {"rows": json.dumps(data, ensure_ascii=False), "k": EVENT_LOG_LOCK, "channel": CHANNEL},
    )
    first = int(newest or 0) - len(rows) + 1
    for offset, row in enumerate(rows):
        row.seq = first + offset  # as numbered in the database (the rows stay unattached)


@sa_event.listens_for(Session, "after_soft_rollback")
def _forget_pending_events(session: Session, _previous: Any) -> None:
    session.info.pop(PENDING, None)
