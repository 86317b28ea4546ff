"""The demo history's deadlines count as live posts' do: working days over the holiday
calendar on the boards that count them (complaints 3, consultations 5), hours elsewhere.

The seeded city's 30 days run over the 2026 Spring Festival (15–23 February, make-up
working days on the 14th and 28th), where the two ways of counting differ by days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain import calendar
from platform_server.domain.posts import deadline_for
from platform_server.storage.engines import open_database
from platform_server.storage.models import Board, Extension, Post, TimelineEntry

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def s(seeded_city: Path) -> Iterator[Session]:
    db = open_database(f"sqlite:///{seeded_city}", create=False)
    try:
        with db.reading() as session:
            yield session
    finally:
        db.dispose()


def _clock_start(s: Session, post: Post) -> datetime:
    """When the post's deadline started: its last transfer, or its creation."""
    last = s.scalar(
        select(TimelineEntry.at)
        .where(TimelineEntry.post_id == post.id, TimelineEntry.action == "transferred")
        .order_by(TimelineEntry.at.desc(), TimelineEntry.id.desc())
        .limit(1)
    )
    return last or post.created_at


def test_history_deadlines_are_the_platforms_for_a_post_created_then(s: Session) -> None:
    by_days = calendar.all_working_days(s)
    assert set(by_days) == {"complaint", "advice"}
    boards = list(s.scalars(select(Board).where(Board.code.in_(by_days))))
    extended = set(s.scalars(select(Extension.post_id).where(Extension.status == "approved")))
    posts = [
        p
        for p in s.scalars(
            select(Post).where(Post.board_id.in_([b.id for b in boards]), Post.pinned.is_(False))
        )
        if p.id not in extended  # an approved extension moved the deadline on purpose
    ]
    assert len(posts) >= 20
    counted_in_hours = 0
    for post in posts:
        start = _clock_start(s, post)
        # What the platform gives a live post created (or transferred) at that instant.
        assert post.deadline_at == deadline_for(s, post.board, start), post.id
        counted_in_hours += post.deadline_at == start + timedelta(
            minutes=post.board.deadline_minutes
        )
    assert counted_in_hours < len(posts) / 2  # not the board's hours in disguise


def test_working_day_history_is_mostly_on_time_against_those_deadlines(s: Session) -> None:
    """Handling times follow the working-day deadline: most close inside it, a few late."""
    codes = set(calendar.all_working_days(s))
    resolved = [
        p
        for p in s.scalars(select(Post).where(Post.resolved_at.is_not(None)))
        if p.board.code in codes and p.deadline_at is not None
    ]
    assert len(resolved) >= 20
    late = sum(p.resolved_at > p.deadline_at for p in resolved)  # type: ignore[operator]
    assert 0 < late <= 0.3 * len(resolved)
