"""The handling loop in the demo city's history: dispatches, sign-fors, returns,
extensions, urging and supervision, derived from the transfers the history already has.

Runs once after the posts are written (`seed_demo_city`), over the new posts only:
- every transfer is a dispatch to its unit; the receiving unit's first acceptance
  after it is its sign-for (签收), in time or late against the board's sign deadline
  (silent reports 3 min, others 30 min); a hop to the wrong municipal department
  (the history's "不属于本单位职责" onward transfer) is a return (回退, not our
  jurisdiction); a dispatch not yet taken on was signed unless its sign deadline is
  still ahead (nothing in the seeded history chimes when the platform starts);
- some dispatches to stations have an assisting unit (联办), which signed its part;
- posts finished late asked, some of them, for an extension the leaders refused;
  some long-running posts finished on time had one approved (the deadline moved);
  a few open posts have a request waiting;
- overdue open posts were urged (催办) by a leader, some put under supervision (督办).
Everything is drawn from its own generator (seeded), so the posts' other seeded values
do not change; rows keep the rules the platform enforces (requests before deadlines,
decisions by a leader whose scope covers the unit, orders closed with the case).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from platform_server.domain.scope import unit_subtree
from platform_server.storage.models import (
    Board,
    Dispatch,
    DispatchAssist,
    Extension,
    Officer,
    Post,
    Supervision,
    TimelineEntry,
    Unit,
)

SIGN_MINUTES = {"silent": 3.0}
SIGN_DEFAULT_MINUTES = 30.0
WRONG_UNIT = "不属于本单位职责"
ASSIST_P = 0.08
REFUSED_P = 0.35  # of posts finished late
APPROVED_P = 0.2  # of posts finished in the last fifth of their time
WAITING_P = 0.3  # of open posts past a third of their time
URGED_P = 0.4  # of open overdue posts
SUPERVISED_P = 0.25
REASONS = (
    "需要调取监控并走访当事人，预计无法在期限内办结，申请延期。",
    "涉及多个部门会商，正在等待相关单位书面答复，申请延期。",
    "当事人近期外出，需待其返回后当面核实，申请延期。",
)
REFUSALS = ("情况不复杂，请抓紧办结。", "请按期办结，确有困难当面报告。")
APPROVALS = ("同意延期，请按新期限办结。", "同意，办结后及时回复群众。")
URGES = ("群众反映强烈，请尽快办理。", "已超期，请今日内答复群众。")
INSTRUCTIONS = ("查明超期原因，书面报告。", "三日内办结并回访群众。")


@dataclass
class LoopStats:
    dispatches: int = 0
    returned: int = 0
    assists: int = 0
    extensions: int = 0
    urged: int = 0
    supervised: int = 0
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list), repr=False
    )
    changes: dict[int, dict[str, Any]] = field(default_factory=dict, repr=False)  # id → columns


def _leaders(s: Session) -> dict[int, list[int]]:
    """For each unit, the leaders whose scope covers it (nearest first)."""
    covers: dict[int, list[int]] = defaultdict(list)
    leaders = s.execute(
        select(Officer.id, Officer.unit_id).where(Officer.role == "leader").order_by(Officer.id)
    ).all()
    for officer_id, unit_id in leaders:
        for u in unit_subtree(s, unit_id):
            covers[u].append(officer_id)
    return covers


def seed_loop(s: Session, first_post_id: int, now: datetime, seed: int) -> LoopStats:
    """Write the loop's rows for posts with id ≥ first_post_id (in the caller's transaction)."""
    rng = random.Random(f"loop-{seed}")
    stats = LoopStats()
    boards = dict(s.execute(select(Board.id, Board.code)).all())
    units = dict(s.execute(select(Unit.id, Unit.kind)).all())
    stations = sorted(u for u, k in units.items() if k in ("station", "specialised"))
    leaders = _leaders(s)
    signers: dict[int, list[int]] = defaultdict(list)
    for officer_id, unit_id in s.execute(select(Officer.id, Officer.unit_id).order_by(Officer.id)):
        signers[unit_id].append(officer_id)
    posts = {
        p.id: p for p in s.scalars(select(Post).where(Post.id >= first_post_id).order_by(Post.id))
    }
    steps: dict[int, list[TimelineEntry]] = defaultdict(list)
    for t in s.scalars(
        select(TimelineEntry)
        .where(
            TimelineEntry.post_id >= first_post_id,
            TimelineEntry.action.in_(("transferred", "accepted")),
        )
        .order_by(TimelineEntry.post_id, TimelineEntry.at, TimelineEntry.id)
    ):
        steps[t.post_id].append(t)
    for pid, entries in steps.items():
        post = posts.get(pid)
        if post is not None:
            _dispatches(stats, rng, post, boards[post.board_id], entries, stations, signers, now)
    for post in posts.values():
        _promises(stats, rng, post, leaders.get(post.unit_id or 0, []), now)
    for model in (Dispatch, Extension, Supervision, TimelineEntry):
        rows = stats.rows[model.__tablename__]
        if rows:
            s.execute(insert(model), rows)
    assists = stats.rows["assists"]
    if assists:
        ids = {
            (r.post_id, r.at): r.id
            for r in s.execute(
                select(Dispatch.id, Dispatch.post_id, Dispatch.at).where(
                    Dispatch.post_id >= first_post_id
                )
            )
        }
        s.execute(
            insert(DispatchAssist),
            [
                {k: v for k, v in {**a, "dispatch_id": ids[a["key"]]}.items() if k != "key"}
                for a in assists
            ],
        )
    for pid, values in stats.changes.items():
        s.execute(update(Post).where(Post.id == pid).values(**values))
    stats.rows.clear()
    stats.changes.clear()
    return stats


def _dispatches(
    stats: LoopStats,
    rng: random.Random,
    post: Post,
    board: str,
    entries: list[TimelineEntry],
    stations: list[int],
    signers: dict[int, list[int]],
    now: datetime,
) -> None:
    sign = timedelta(minutes=SIGN_MINUTES.get(board, SIGN_DEFAULT_MINUTES))
    transfers = [i for i, e in enumerate(entries) if e.action == "transferred"]
    for n, i in enumerate(transfers):
        t = entries[i]
        if t.to_unit_id is None:
            continue
        nxt = entries[transfers[n + 1]] if n + 1 < len(transfers) else None
        accepted = next(
            (e for e in entries[i + 1 :] if e.action == "accepted"),
            None,
        )
        if accepted is not None and nxt is not None and accepted.at > nxt.at:
            accepted = None
        ended = nxt.at if nxt is not None else post.resolved_at
        returned = nxt is not None and nxt.detail.startswith(WRONG_UNIT)
        # 签收 comes before 受理: most within minutes, a few late; never after the accept.
        signed = None
        when = t.at + sign * min(3.0, 0.3 * rng.lognormvariate(0.0, 0.8))
        if accepted is not None:
            signed = min(accepted.at, when)
        elif t.at + sign <= now:  # signed, not yet taken on; only a fresh dispatch waits
            signed = min(when, now)
        late = signed is None or signed > t.at + sign
        stats.rows["dispatches"].append(
            {
                "post_id": post.id,
                "unit_id": t.to_unit_id,
                "from_unit_id": t.from_unit_id,
                "by_id": t.officer_id,
                "at": t.at,
                "sign_deadline_at": t.at + sign,
                "signed_at": signed,
                "signed_by_id": _signer(rng, accepted, signers.get(t.to_unit_id, []), signed),
                "overdue_at": t.at + sign if late else None,
                "overdue_count": 1 if late else 0,
                "ended_at": ended,
                "return_code": "not_our_jurisdiction" if returned else None,
                "return_reason": "不属于本单位职责，请改派主管部门。" if returned else None,
            }
        )
        stats.dispatches += 1
        stats.returned += returned
        if rng.random() < ASSIST_P and board != "silent":
            helper = rng.choice([u for u in stations if u != t.to_unit_id])
            when = t.at + sign * rng.uniform(0.2, 1.5)
            stats.rows["assists"].append(
                {"key": (post.id, t.at), "unit_id": helper, "signed_at": when}
            )
            stats.assists += 1


def _signer(
    rng: random.Random, accepted: TimelineEntry | None, unit: list[int], signed: datetime | None
) -> int | None:
    """Who signed: the officer who then accepted it, else one of the unit's."""
    if signed is None:
        return None
    if accepted is not None:
        return accepted.officer_id
    return rng.choice(unit) if unit else None


def _promises(
    stats: LoopStats, rng: random.Random, post: Post, leaders: list[int], now: datetime
) -> None:
    """Extensions, urging and supervision of one post, by what became of it."""
    if post.deadline_at is None or not leaders or post.assignee_id is None:
        return
    start = max(post.created_at, post.deadline_at - timedelta(days=3))
    span = post.deadline_at - start
    leader = leaders[0]
    changes: dict[str, Any] = {}
    resolved = post.resolved_at
    if resolved is not None and resolved > post.deadline_at and rng.random() < REFUSED_P:
        asked = start + span * rng.uniform(0.6, 0.9)
        _extension(stats, rng, post, asked, leader, approve=False)
    elif (
        resolved is not None
        and resolved > post.deadline_at - span * 0.2
        and resolved <= post.deadline_at
        and rng.random() < APPROVED_P
    ):
        asked = start + span * rng.uniform(0.5, 0.75)
        until = _extension(stats, rng, post, asked, leader, approve=True)
        changes["deadline_at"] = until
    elif resolved is None and post.status in ("accepted", "in_progress"):
        if post.deadline_at > now and now - start > span * 0.3 and rng.random() < WAITING_P:
            _extension(stats, rng, post, now - timedelta(minutes=rng.uniform(5, 120)), None)
        elif post.deadline_at < now and rng.random() < URGED_P:
            at = post.deadline_at + (now - post.deadline_at) * rng.uniform(0.2, 0.8)
            _step(stats, post, at, "urged", leader, rng.choice(URGES))
            stats.urged += 1
            changes["version"] = post.version + 1
            if rng.random() < SUPERVISED_P / URGED_P:
                _supervise(stats, rng, post, at + timedelta(minutes=10), leader, now)
                changes["supervised_at"] = at + timedelta(minutes=10)
                changes["version"] = post.version + 2
    if changes:
        stats.changes[post.id] = changes


def _extension(
    stats: LoopStats,
    rng: random.Random,
    post: Post,
    asked: datetime,
    leader: int | None,
    *,
    approve: bool = False,
) -> datetime:
    assert post.deadline_at is not None and post.assignee_id is not None
    until = post.deadline_at + (post.deadline_at - post.created_at) * rng.uniform(0.3, 0.8)
    decided = asked + timedelta(minutes=rng.uniform(10, 90)) if leader is not None else None
    stats.rows["extensions"].append(
        {
            "post_id": post.id,
            "unit_id": post.unit_id,
            "requested_by_id": post.assignee_id,
            "requested_at": asked,
            "previous_deadline_at": post.deadline_at,
            "until": until,
            "reason": rng.choice(REASONS),
            "status": "pending" if leader is None else "approved" if approve else "rejected",
            "decided_by_id": leader,
            "decided_at": decided,
            "comment": "" if leader is None else rng.choice(APPROVALS if approve else REFUSALS),
        }
    )
    stats.extensions += 1
    return until


def _step(stats: LoopStats, post: Post, at: datetime, action: str, who: int, detail: str) -> None:
    stats.rows[TimelineEntry.__tablename__].append(
        {
            "post_id": post.id,
            "at": at,
            "action": action,
            "actor_kind": "officer",
            "officer_id": who,
            "detail": detail,
        }
    )


def _supervise(
    stats: LoopStats, rng: random.Random, post: Post, at: datetime, leader: int, now: datetime
) -> None:
    instruction = rng.choice(INSTRUCTIONS)
    stats.rows["supervisions"].append(
        {
            "post_id": post.id,
            "by_id": leader,
            "at": at,
            "due_at": max(now, at) + timedelta(days=rng.uniform(1, 3)),
            "instruction": instruction,
            "closed_at": None,
            "source": "leader",
        }
    )
    _step(stats, post, at, "supervised", leader, instruction)
    stats.supervised += 1
