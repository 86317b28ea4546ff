"""Callbacks (回访) in the demo city's history, as the platform makes and records them.

For the posts resolved in the last `DAYS` days whose author left a phone: a callback
was made on resolution by the board's sampling rate (complaints all, the rest 30 %, as
the default settings; drawn from its own generator). Those of the last two days are
still due; older ones were made by an officer of the post's unit — satisfied, basically
satisfied, or unreachable three times. No seeded callback is dissatisfied: that reopens
the post under supervision, which the history does not replay; they come as officers
record them. Timeline entries and versions agree with the rows, as the platform writes
them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from platform_server.storage.citizen_models import Callback, CallbackAttempt
from platform_server.storage.models import Board, Officer, Post, TimelineEntry

DAYS = 14
STILL_DUE = timedelta(days=2)
RATES = {"complaint": 1.0}
DEFAULT_RATE = 0.3
DUE_HOURS = 72.0
OUTCOMES = [("satisfied", 62), ("basically_satisfied", 27), ("unreachable", 11)]
NAMES = {"satisfied": "满意", "basically_satisfied": "基本满意", "unreachable": "联系不上"}
NOTES = {
    "satisfied": ("群众对处理结果表示满意。", "群众表示问题已解决，感谢民警。"),
    "basically_satisfied": ("群众基本满意，希望今后处理再快一些。", "基本满意，建议加强巡逻。"),
    "unreachable": ("电话无人接听。", "对方已关机。", "号码暂时无法接通。"),
}


def seed_callbacks(s: Session, first_post_id: int, now: datetime, seed: int) -> int:
    """Write the callbacks of posts with id ≥ first_post_id; returns how many."""
    rng = random.Random(f"callbacks-{seed}")
    boards = dict(s.execute(select(Board.id, Board.code)).all())
    officers: dict[int, list[int]] = defaultdict(list)
    for officer_id, unit_id in s.execute(select(Officer.id, Officer.unit_id).order_by(Officer.id)):
        officers[unit_id].append(officer_id)
    posts = s.execute(
        select(Post.id, Post.board_id, Post.unit_id, Post.resolved_at, Post.version)
        .where(
            Post.id >= first_post_id,
            Post.kind == "post",
            Post.author_phone.is_not(None),
            Post.resolved_at >= now - timedelta(days=DAYS),
            Post.status.in_(("resolved", "archived")),
        )
        .order_by(Post.id)
    ).all()
    made: list[dict[str, Any]] = []
    for pid, board_id, unit, resolved_at, _version in posts:
        if unit is None or resolved_at is None or not officers[unit]:
            continue
        if rng.random() >= RATES.get(boards[board_id], DEFAULT_RATE):
            continue
        made.append(
            {
                "post_id": pid,
                "unit_id": unit,
                "status": "due",
                "outcome": None,
                "attempt_count": 0,
                "created_at": resolved_at,
                "due_at": resolved_at + timedelta(hours=DUE_HOURS),
                "closed_at": None,
            }
        )
    if not made:
        return 0
    s.execute(insert(Callback), made)
    ids = dict(
        s.execute(
            select(Callback.post_id, Callback.id).where(Callback.post_id >= first_post_id)
        ).all()
    )
    versions = {p[0]: p[4] for p in posts}
    attempts: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    for cb in made:
        pid = cb["post_id"]
        steps.append(_step(pid, cb["created_at"], "callback_due", None, ""))
        added = 1
        if cb["created_at"] > now - STILL_DUE:
            s.execute(update(Post).where(Post.id == pid).values(version=versions[pid] + added))
            continue
        outcome = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
        who = rng.choice(officers[cb["unit_id"]])
        t = cb["created_at"] + timedelta(hours=rng.uniform(2, 30))
        for _ in range(3 if outcome == "unreachable" else 1):
            attempts.append(
                {
                    "callback_id": ids[pid],
                    "officer_id": who,
                    "outcome": outcome,
                    "note": rng.choice(NOTES[outcome]),
                    "workstation": "",
                    "at": t,
                }
            )
            steps.append(_step(pid, t, "callback", who, NAMES[outcome]))
            added += 1
            last = t
            t += timedelta(hours=rng.uniform(3, 20))
        s.execute(
            update(Callback)
            .where(Callback.id == ids[pid])
            .values(
                status="unreachable" if outcome == "unreachable" else "done",
                outcome=outcome,
                attempt_count=3 if outcome == "unreachable" else 1,
                closed_at=last,
            )
        )
        s.execute(update(Post).where(Post.id == pid).values(version=versions[pid] + added))
    if attempts:
        s.execute(insert(CallbackAttempt), attempts)
    s.execute(insert(TimelineEntry), steps)
    return len(made)


def _step(pid: int, at: datetime, action: str, who: int | None, detail: str) -> dict[str, Any]:
    return {
        "post_id": pid,
        "at": at,
        "action": action,
        "actor_kind": "officer" if who else "system",
        "officer_id": who,
        "detail": detail,
    }
