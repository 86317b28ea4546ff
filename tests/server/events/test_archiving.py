"""Resolved posts are archived on a schedule, through the domain, with their event."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from platform_server.config import ServerSettings
from platform_server.demo.reference_data import DEMO_ADMIN_BADGE
from platform_server.events.archiving import Archiver
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.sse import SseReader

pytestmark = pytest.mark.integration


@pytest.fixture
def archiving(tmp_path: Path) -> Iterator[RunningPlatform]:
    """Archives posts one second after resolution, checking five times a second."""
    p = RunningPlatform.start(
        tmp_path / "platform.sqlite3",
        archive_after_days=1 / 86400,
        archive_check_seconds=0.2,
    )
    yield p
    p.stop()


def test_a_resolved_post_is_archived_on_schedule_with_its_event(
    archiving: RunningPlatform,
) -> None:
    admin = archiving.officer(DEMO_ADMIN_BADGE)
    officer = archiving.officer()
    post_id = citizen_post(archiving)
    open_id = citizen_post(archiving, "另一条还在办理")
    with SseReader(archiving.url, admin.token) as stream:
        stream.ready()
        assert officer.act(post_id, "accept").status_code == 200
        assert officer.act(post_id, "close", {"resolution": "已修复"}).status_code == 200
        frames = stream.until(
            lambda f: f.event == "post.updated" and f.json.get("action") == "archive", timeout=15
        )
    archived = frames[-1].json
    assert archived["id"] == post_id and archived["status"] == "archived"
    assert archived["actor"] is None, "the platform's own action"
    assert dbutil.rows(archiving, "SELECT status FROM posts WHERE id = ?", post_id) == [
        ("archived",)
    ]
    assert dbutil.rows(archiving, "SELECT status FROM posts WHERE id = ?", open_id) == [("new",)]
    timeline = dbutil.rows(
        archiving,
        "SELECT action, actor_kind FROM timeline WHERE post_id = ? ORDER BY id",
        post_id,
    )
    assert timeline[-1] == ("archived", "system")
    assert officer.get(f"/posts/{post_id}").json()["status"] == "archived"


def test_archiving_is_off_at_zero(platform: RunningPlatform) -> None:
    officer = platform.officer()
    post_id = citizen_post(platform)
    assert officer.act(post_id, "accept").status_code == 200
    assert officer.act(post_id, "close", {"resolution": "已处理"}).status_code == 200
    dbutil.execute(platform, "UPDATE posts SET resolved_at = '2000-01-01' WHERE id = ?", post_id)
    off = Archiver(platform.ctx.db, ServerSettings(archive_after_days=0))
    off.start()
    assert off.run_once() == 0
    off.stop()
    assert dbutil.rows(platform, "SELECT status FROM posts WHERE id = ?", post_id) == [
        ("resolved",)
    ]
    on = Archiver(platform.ctx.db, ServerSettings(archive_after_days=30))
    assert on.run_once() == 1
    assert dbutil.rows(platform, "SELECT status FROM posts WHERE id = ?", post_id) == [
        ("archived",)
    ]
