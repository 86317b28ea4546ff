"""The handling loop in the seeded demo city (platform_server/demo/loop.py): every
transfer is a dispatch, signed for as the rules allow, with returns, assisting units,
extensions, urging and supervision, so the leaders' ranking and worklist have data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from platform_server.domain.scope import unit_subtree
from platform_server.storage.citizen_models import Callback, CallbackAttempt
from platform_server.storage.engines import Database, open_database
from platform_server.storage.models import (
    Dispatch,
    DispatchAssist,
    Extension,
    Officer,
    Post,
    Supervision,
    TimelineEntry,
)
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def city(seeded_city: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{seeded_city}", create=False)
    yield db
    db.dispose()


@pytest.fixture
def s(city: Database) -> Iterator[Session]:
    with city.reading() as session:
        yield session


def test_every_transfer_is_a_dispatch_signed_as_the_rules_allow(s: Session) -> None:
    transfers = s.scalar(
        select(func.count()).where(TimelineEntry.action == "transferred").select_from(TimelineEntry)
    )
    dispatches = list(s.scalars(select(Dispatch)))
    assert transfers and len(dispatches) == transfers
    signed = [d for d in dispatches if d.signed_at is not None]
    in_time = [d for d in signed if d.signed_at <= d.sign_deadline_at]  # type: ignore[operator]
    assert 0.8 < len(in_time) / len(dispatches) < 1.0  # most in time, some late
    unit_of = dict(s.execute(select(Officer.id, Officer.unit_id)).all())
    for d in signed:
        assert d.at <= d.signed_at  # type: ignore[operator]
        assert unit_of[d.signed_by_id] == d.unit_id  # type: ignore[index]
    assert any(d.return_code == "not_our_jurisdiction" for d in dispatches) or len(dispatches) < 200
    assists = s.scalar(select(func.count()).select_from(DispatchAssist))
    assert assists


def test_extensions_keep_the_rules(s: Session) -> None:
    rows = list(s.scalars(select(Extension)))
    assert {r.status for r in rows} >= {"approved", "rejected"}
    leaders = {o.id: o.unit_id for o in s.scalars(select(Officer).where(Officer.role == "leader"))}
    for r in rows:
        post = s.get(Post, r.post_id)
        assert post is not None and r.unit_id == post.unit_id
        assert r.previous_deadline_at is not None and r.requested_at < r.previous_deadline_at
        assert r.until > r.previous_deadline_at
        if r.status == "approved":
            assert post.deadline_at == r.until  # approval moved the deadline
        if r.status != "pending":
            assert r.decided_by_id in leaders
            assert r.unit_id in unit_subtree(s, leaders[r.decided_by_id])


def test_supervised_posts_say_so(s: Session) -> None:
    for sup in s.scalars(select(Supervision)):
        post = s.get(Post, sup.post_id)
        assert post is not None and post.supervised_at == sup.at
        assert sup.closed_at is None and post.status in ("accepted", "in_progress")


def test_leaders_rank_the_demo_units(seeded_platform: RunningPlatform) -> None:
    leader = seeded_platform.officer("010900")
    params = {"period": "custom", "since": "2026-02-08T00:00:00Z", "until": "2026-03-10T06:00:00Z"}
    r = leader.get("/stats/units", params=params)
    assert r.status_code == 200, r.text
    ranked = [u for u in r.json()["units"] if u["dispatched"]]
    assert len(ranked) >= 5
    rates = [u["sign_on_time_rate"] for u in ranked if u["sign_on_time_rate"] is not None]
    assert rates and all(0.0 <= x <= 1.0 for x in rates)
    assert any(u["extension_rate"] for u in r.json()["units"])


def test_callbacks_as_the_platform_records_them(s: Session) -> None:
    callbacks = list(s.scalars(select(Callback)))
    assert {c.status for c in callbacks} == {"due", "done", "unreachable"}
    attempts: dict[int, list[CallbackAttempt]] = {c.id: [] for c in callbacks}
    for a in s.scalars(select(CallbackAttempt)):
        attempts[a.callback_id].append(a)
    unit_of = dict(s.execute(select(Officer.id, Officer.unit_id)).all())
    for c in callbacks:
        post = s.get(Post, c.post_id)
        assert post is not None and post.status in ("resolved", "archived")
        assert post.author_phone and c.created_at == post.resolved_at
        made = attempts[c.id]
        assert len(made) == c.attempt_count == {"due": 0, "done": 1, "unreachable": 3}[c.status]
        assert all(unit_of[a.officer_id] == c.unit_id and a.at >= c.created_at for a in made)
        assert c.outcome != "dissatisfied"  # that would have reopened the post
