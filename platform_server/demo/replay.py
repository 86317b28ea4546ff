"""Playing a planned history onto a post: its columns and child rows, step by step.

`history.plan_history` decides what happened to a post and when; `play` writes the
steps that happened before `now` as the handling workflow would have written them
(`platform_server.domain.posts`), so the post's status, holder, timestamps, counters
and version always agree with its timeline, replies, notes, attachments and rating.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from platform_server.demo.city import Handler, Media, PostHistory

ESCALATION_SECONDS = 15  # the server's default (ServerSettings.escalation_seconds)
# What the workflow does on a transfer: the post is new again at the receiving unit,
# unassigned, with a fresh deadline (platform_server.domain.posts.transfer).
STATUS_AFTER_TRANSFER = "new"

Step = tuple[datetime, str, dict[str, Any]]  # (when, timeline action, what it needs)


def play(
    h: PostHistory,
    unit: int,
    deadline: Callable[[datetime], datetime],
    steps: list[Step],
    now: datetime,
) -> None:
    """Play the steps that happened before `now` onto the post and its child rows.

    `deadline(start)`: the board's handling deadline counted from `start` (a transfer
    restarts it), in minutes or working days as the board counts (`CityModel.deadline`).
    """
    p = h.post
    pid, created = p["id"], p["created_at"]
    p.update(
        status="new",
        unit_id=unit,
        assignee_id=None,
        accepted_at=None,
        first_response_at=None,
        resolved_at=None,
        archived_at=None,
        resolution=None,
        acknowledged_by_id=None,
        acknowledged_at=None,
        escalated_at=None,
        transfer_count=0,
        reply_count=0,
        attachment_count=0,
        rating_score=None,
    )
    h.timeline.append(
        {
            "post_id": pid,
            "at": created,
            "action": "created",
            "actor_kind": "citizen",
            "officer_id": None,
            "from_unit_id": None,
            "to_unit_id": unit,
            "detail": "",
        }
    )
    updated = created
    for at, action, info in steps:
        if at > now:
            break
        officer: Handler | None = info.get("officer")
        entry = {
            "post_id": pid,
            "at": at,
            "action": action,
            "actor_kind": "officer" if officer else "system",
            "officer_id": officer.id if officer else None,
            "from_unit_id": None,
            "to_unit_id": None,
            "detail": "",
        }
        apply_step = _PLAY.get(action)
        if apply_step is not None:
            apply_step(_Played(h, at, info, officer, entry, deadline))
        h.timeline.append(entry)
        updated = at
    p["updated_at"] = updated
    p["version"] = len(h.timeline)


@dataclass
class _Played:
    """One step being played onto a post: what `_PLAY`'s functions change."""

    h: PostHistory
    at: datetime
    info: dict[str, Any]
    officer: Handler | None
    entry: dict[str, Any]  # its timeline row
    deadline: Callable[[datetime], datetime]

    @property
    def post(self) -> dict[str, Any]:
        return self.h.post

    def by(self) -> Handler:
        assert self.officer is not None, "an officer's step names the officer"
        return self.officer


def _attachment(s: _Played) -> None:
    m: Media = s.info["media"]
    s.h.attachments.append(
        {
            "post_id": s.post["id"],
            "kind": m.kind,
            "content_type": m.content_type,
            "filename": m.filename,
            "size": len(m.data),
            "sha256": m.sha256,
            "data": m.data,
            "created_at": s.at,
        }
    )
    s.post["attachment_count"] += 1
    s.entry.update(actor_kind="citizen", detail=m.kind)


def _escalated(s: _Played) -> None:
    s.post["escalated_at"] = s.at
    s.entry["detail"] = f"超过 {ESCALATION_SECONDS} 秒无人确认，已升级提醒。"


def _acknowledged(s: _Played) -> None:
    s.post.update(acknowledged_by_id=s.by().id, acknowledged_at=s.at)


def _accepted(s: _Played) -> None:
    s.post.update(status="accepted", assignee_id=s.by().id, accepted_at=s.at)


def _written(s: _Played) -> dict[str, Any]:
    officer = s.by()
    return {
        "post_id": s.post["id"],
        "officer_id": officer.id,
        "unit_id": s.post["unit_id"],
        "body": s.info["body"],
        "workstation": officer.workstation,
        "created_at": s.at,
    }


def _replied(s: _Played) -> None:
    p = s.post
    s.h.replies.append(_written(s))
    p["reply_count"] += 1
    p["first_response_at"] = p["first_response_at"] or s.at
    if p["status"] == "accepted":
        p["status"] = "in_progress"


def _noted(s: _Played) -> None:
    s.h.notes.append(_written(s))


def _transferred(s: _Played) -> None:
    info = s.info
    s.entry.update(
        from_unit_id=info["from_unit"], to_unit_id=info["to_unit"], detail=info["reason"]
    )
    s.post.update(
        unit_id=info["to_unit"],
        assignee_id=None,
        accepted_at=None,
        status=STATUS_AFTER_TRANSFER,
        deadline_at=s.deadline(s.at),
    )
    s.post["transfer_count"] += 1


def _resolved(s: _Played) -> None:
    s.post.update(status="resolved", resolved_at=s.at, resolution=s.info["resolution"])
    s.entry["detail"] = s.info["resolution"]


def _rated(s: _Played) -> None:
    score = s.info["score"]
    s.h.ratings.append(
        {"post_id": s.post["id"], "score": score, "comment": s.info["comment"], "created_at": s.at}
    )
    s.post["rating_score"] = score
    s.entry.update(actor_kind="citizen", detail=str(score))


def _archived(s: _Played) -> None:
    s.post.update(status="archived", archived_at=s.at)


# What each step of a post's history does to the post and its child rows.
_PLAY: dict[str, Callable[[_Played], None]] = {
    "attachment_added": _attachment,
    "escalated": _escalated,
    "acknowledged": _acknowledged,
    "accepted": _accepted,
    "replied": _replied,
    "noted": _noted,
    "transferred": _transferred,
    "resolved": _resolved,
    "rated": _rated,
    "archived": _archived,
}
