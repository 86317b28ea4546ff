"""Row and key locks that keep parallel writers from racing (PostgreSQL).

SQLite serialises every write transaction (the write engine begins IMMEDIATE), so
there these are no-ops: SQLAlchemy renders no ``FOR UPDATE`` for SQLite and the
advisory lock is skipped. PostgreSQL runs writers side by side in READ COMMITTED,
where two officers reading version 1 of a post would both pass the If-Match check
and both win. So:

- every officer or citizen action loads its post ``FOR UPDATE OF posts``
  (`for_update`); a parallel action on the same post waits, then reads the winner's
  version and answers 409/412. ``OF posts`` because `Post.board` is joined-loaded,
  and PostgreSQL cannot lock the nullable side of an outer join;
- the platform's own jobs (escalation, archiving) use ``FOR UPDATE SKIP LOCKED``
  (`skip_locked`): of several server processes exactly one takes each post, and a
  post an officer holds right now is left for the next run;
- a request's Idempotency-Key is held by a transaction-scoped advisory lock on
  (principal, key) before its record is looked up (`hold_key`), so a retry that
  arrives while the first attempt is still running waits for it and replays its
  answer instead of failing on the unique key.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, text
from sqlalchemy.orm import Session

from platform_server.storage.models import Post

T = TypeVar("T")

IDEMPOTENCY_LOCK_CLASS = 1  # first key of pg_advisory_xact_lock(int, int) for Idempotency-Keys


def for_update() -> dict[str, Any]:
    """`Session.get` arguments that lock the post's row and re-read it."""
    return {"with_for_update": {"of": Post}, "populate_existing": True}


def skip_locked(stmt: Select[T]) -> Select[T]:
    """The statement's posts, locked, leaving out those another transaction holds."""
    return stmt.with_for_update(skip_locked=True, of=Post)


def hold_key(db: Session, principal: str, key: str) -> None:
    """Wait for, then hold until commit, the lock of one Idempotency-Key (PostgreSQL)."""
    if db.get_bind().dialect.name != "postgresql":
        return
    db.execute(
        text("SELECT pg_advisory_xact_lock(:cls, hashtext(:ident))"),
        {"cls": IDEMPOTENCY_LOCK_CLASS, "ident": f"{principal}\n{key}"},
    )
