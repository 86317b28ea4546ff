"""Making posts for the post/queue tests.

Posts come through the public citizen API where a test only needs "a post" (that is
how they arrive in production). Tests that need times and states the API cannot
produce (a post created last week, resolved forty days ago, held by a given officer)
write rows through the ORM into the running server's database, as the seeder does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.storage.engines import open_database
from platform_server.storage.models import (
    Attachment,
    Board,
    Officer,
    Post,
    TimelineEntry,
    Unit,
    utcnow,
)
from tests.helpers.platform import Api, RunningPlatform, citizen_post, silent_report

__all__ = ["citizen_post", "silent_report"]
from tests.helpers import dbutil


@contextmanager
def orm(target: RunningPlatform | Path) -> Iterator[Session]:
    """A write transaction on a platform's database (another process, in effect)."""
    url = target.db_url if isinstance(target, RunningPlatform) else f"sqlite:///{target}"
    db = open_database(url, create=False)
    try:
        with db.writing() as s:
            yield s
    finally:
        db.dispose()


def ids(platform: RunningPlatform) -> dict[str, dict[str, int]]:
    """Ids of units (by code), boards (by code) and officers (by badge)."""
    return {
        "unit": dict(dbutil.rows(platform, "SELECT code, id FROM units")),
        "board": dict(dbutil.rows(platform, "SELECT code, id FROM boards")),
        "officer": dict(dbutil.rows(platform, "SELECT badge, id FROM officers")),
    }


def insert_posts(target: RunningPlatform | Path, specs: list[dict[str, Any]]) -> list[int]:
    """Write posts directly; each spec names board/unit by code and assignee by badge.

    Defaults: board 110, the board's default unit, status new, created now, deadline
    from the board unless `deadline_at` is given (None for no deadline).
    """
    with orm(target) as s:
        boards = {b.code: b for b in s.scalars(select(Board))}
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        officers = dict(s.execute(select(Officer.badge, Officer.id)).all())
        out: list[int] = []
        now = utcnow()
        for given in specs:
            spec = dict(given)
            board = boards[spec.pop("board", "110")]
            created = spec.pop("created_at", now)
            unit_code = spec.pop("unit", None)
            assignee = spec.pop("assignee", None)
            acked_by = spec.pop("acknowledged_by", None)
            fields: dict[str, Any] = {
                "kind": "silent_report" if board.code == "silent" else "post",
                "title": "测试帖子",
                "body": "",
                "author_nickname": "测试市民",
                "author_phone": "13812345678",
                "status": "new",
                "unit_id": units[unit_code] if unit_code else board.default_unit_id,
                "assignee_id": officers[assignee] if assignee else None,
                "acknowledged_by_id": officers[acked_by] if acked_by else None,
                "created_at": created,
                "updated_at": spec.pop("updated_at", created),
                "deadline_at": created + timedelta(minutes=board.deadline_minutes),
                "version": 1,
            }
            fields.update(spec)
            post = Post(board_id=board.id, **fields)
            s.add(post)
            s.flush()
            s.add(
                TimelineEntry(
                    post_id=post.id,
                    at=created,
                    action="created",
                    actor_kind="citizen",
                    to_unit_id=post.unit_id,
                )
            )
            out.append(post.id)
        return out


def insert_post(platform: RunningPlatform, **spec: Any) -> int:
    return insert_posts(platform, [spec])[0]


def insert_attachment(
    platform: RunningPlatform, post_id: int, data: bytes, content_type: str, filename: str
) -> int:
    with orm(platform) as s:
        att = Attachment(
            post_id=post_id,
            kind="image",
            content_type=content_type,
            filename=filename,
            size=len(data),
            sha256="0" * 64,
            data=data,
            created_at=utcnow(),
        )
        s.add(att)
        s.flush()
        return att.id


def version(api: Api, post_id: int) -> int:
    r = api.get(f"/posts/{post_id}")
    assert r.status_code == 200, r.text
    return int(r.json()["version"])


def if_match(v: int) -> dict[str, str]:
    return {"If-Match": f'"{v}"'}


def error(r: requests.Response) -> dict[str, Any]:
    body = r.json()
    assert "error" in body, body
    err: dict[str, Any] = body["error"]
    assert err["message"], err
    return err


def parse_time(ts: str) -> datetime:
    return datetime.fromisoformat(ts.removesuffix("Z"))


def events_of(platform: RunningPlatform, post_id: int) -> list[tuple[str, str, dict[str, Any]]]:
    """(type, audience, payload) of every event recorded for the post, in order."""
    rows = dbutil.rows(
        platform,
        "SELECT type, audience, payload FROM events WHERE post_id = ? ORDER BY seq",
        post_id,
    )
    return [(t, a, json.loads(p)) for t, a, p in rows]


def audit_of(platform: RunningPlatform, post_id: int) -> list[tuple[str, str, str]]:
    """(action, badge, workstation) of every audit entry about the post."""
    return dbutil.rows(
        platform,
        "SELECT action, badge, workstation FROM audit "
        "WHERE target_type = 'post' AND target_id = ? ORDER BY id",
        post_id,
    )


def state_of(platform: RunningPlatform, post_id: int) -> dict[str, int]:
    """Everything an action on this post could write."""
    state = dbutil.counts(platform)
    for table in ("replies", "notes", "audit"):
        state[table] = dbutil.scalar(platform, f"SELECT count(*) FROM {table}")
    state["version"] = dbutil.scalar(platform, "SELECT version FROM posts WHERE id = ?", post_id)
    return state
