"""The post workflow's rules, on a real SQLite database without a server."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.config import ServerSettings
from platform_server.domain import dispatch, jobs
from platform_server.domain import posts as workflow
from platform_server.domain.origin import Origin
from platform_server.domain.scope import viewer_for
from platform_server.errors import ApiError
from platform_server.events import log as event_log
from platform_server.storage.engines import Database, open_database
from platform_server.storage.models import (
    AuditEntry,
    Board,
    Event,
    Officer,
    Post,
    TimelineEntry,
    Unit,
    utcnow,
)
from tests.helpers.platform import new_reference_database

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 22, 4, 0, 0)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("workflow") / "wf.sqlite3"
    new_reference_database(path)
    db = open_database(f"sqlite:///{path}")
    yield db
    db.dispose()


@pytest.fixture
def s(database: Database) -> Iterator[Session]:
    """A transaction rolled back after the test, so every test starts from the seed."""
    with database.write_session() as session:
        session.begin()
        yield session
        session.rollback()


def officer(s: Session, badge: str) -> Origin:
    """The officer with this badge, acting from a test workstation."""
    row = s.scalar(select(Officer).where(Officer.badge == badge))
    assert row is not None
    return Origin(officer=viewer_for(s, row, "ws-test"), idempotency_key="key-" + badge)


def make(s: Session, board: str = "110", **fields: Any) -> Post:
    b = s.scalar(select(Board).where(Board.code == board))
    assert b is not None
    values: dict[str, Any] = {
        "kind": "silent_report" if board == "silent" else "post",
        "title": "测试",
        "body": "测试正文",
        "status": "new",
        "unit_id": b.default_unit_id,
        "created_at": NOW - timedelta(hours=1),
        "updated_at": NOW - timedelta(hours=1),
        "deadline_at": NOW + timedelta(hours=1),
        "version": 1,
    }
    values.update(fields)
    post = Post(board_id=b.id, board=b, **values)
    s.add(post)
    s.flush()
    return post


def unit(s: Session, code: str) -> int:
    uid = s.scalar(select(Unit.id).where(Unit.code == code))
    assert uid is not None
    return uid


def timeline(s: Session, post: Post) -> list[str]:
    s.flush()
    return list(
        s.scalars(
            select(TimelineEntry.action)
            .where(TimelineEntry.post_id == post.id)
            .order_by(TimelineEntry.id)
        )
    )


def events(s: Session, post: Post) -> list[tuple[str, dict[str, Any], int | None]]:
    """(type, payload, prev_unit_id) of every event recorded for the post, in order.

    Events of the open transaction are written at its commit (`events.log`); until
    then they wait in the session, in the order they were recorded.
    """
    rows = s.execute(
        select(Event.type, Event.payload, Event.prev_unit_id)
        .where(Event.post_id == post.id)
        .order_by(Event.seq)
    ).all()
    pending = [
        (e.type, e.payload, e.prev_unit_id)
        for e in s.info.get(event_log.PENDING, [])
        if e.post_id == post.id
    ]
    return [(t, json.loads(p), prev) for t, p, prev in [*rows, *pending]]


def audit(s: Session, post: Post) -> list[tuple[str, str, str]]:
    """(action, badge, workstation) of every audit entry about the post."""
    rows = s.execute(
        select(AuditEntry.action, AuditEntry.badge, AuditEntry.workstation)
        .where(AuditEntry.target_type == "post", AuditEntry.target_id == post.id)
        .order_by(AuditEntry.id)
    ).all()
    return [tuple(r) for r in rows]


def _transfer(s: Session, post: Post, origin: Origin, **kw: Any) -> workflow.Outcome:
    """A transfer: a dispatch to the lead unit alone."""
    return dispatch.dispatch(s, post, origin, settings=ServerSettings(), assist_unit_ids=[], **kw)


# ---------------------------------------------------------------- the transition table
Action = Callable[[Session, Post, Origin], workflow.Outcome]
ACTIONS: dict[str, Action] = {
    "accept": lambda s, p, v: workflow.accept(s, p, v, now=NOW),
    "reply": lambda s, p, v: workflow.reply(s, p, v, body="您好", now=NOW, max_chars=100),
    "note": lambda s, p, v: workflow.add_note(s, p, v, body="内部", now=NOW, max_chars=100),
    "transfer": lambda s, p, v: _transfer(
        s, p, v, unit_id=unit(s, "st-hebin"), reason="属地", now=NOW
    ),
    "close": lambda s, p, v: workflow.close(s, p, v, resolution="已处理", now=NOW),
    "reopen": lambda s, p, v: workflow.reopen(s, p, v, reason="", now=NOW),
}
# state → action → resulting status, or the error code (for 张伟, 010001, a plain officer)
TABLE: dict[str, dict[str, str]] = {
    "new": {
        "accept": "accepted",
        "reply": "in_progress",
        "note": "new",
        "transfer": "new",
        "close": "resolved",
        "reopen": "illegal_transition",
    },
    "accepted_by_me": {
        "accept": "accepted",
        "reply": "in_progress",
        "note": "accepted",
        "transfer": "new",
        "close": "resolved",
        "reopen": "illegal_transition",
    },
    "accepted_by_other": {
        "accept": "claimed_by_other",
        "reply": "claimed_by_other",
        "note": "accepted",
        "transfer": "claimed_by_other",
        "close": "claimed_by_other",
        "reopen": "illegal_transition",
    },
    "in_progress": {
        "accept": "in_progress",
        "reply": "in_progress",
        "note": "in_progress",
        "transfer": "new",
        "close": "resolved",
        "reopen": "illegal_transition",
    },
    "resolved": {
        "accept": "illegal_transition",
        "reply": "illegal_transition",
        "note": "resolved",
        "transfer": "illegal_transition",
        "close": "illegal_transition",
        "reopen": "in_progress",
    },
    "archived": {
        "accept": "illegal_transition",
        "reply": "illegal_transition",
        "note": "archived",
        "transfer": "illegal_transition",
        "close": "illegal_transition",
        "reopen": "illegal_transition",
    },
}


def _in_state(s: Session, state: str) -> Post:
    me = officer(s, "010001").officer_id
    other = officer(s, "010002").officer_id
    return {
        "new": lambda: make(s),
        "accepted_by_me": lambda: make(s, status="accepted", assignee_id=me),
        "accepted_by_other": lambda: make(s, status="accepted", assignee_id=other),
        "in_progress": lambda: make(s, status="in_progress", assignee_id=me),
        "resolved": lambda: make(
            s, status="resolved", assignee_id=me, resolved_at=NOW, resolution="好"
        ),
        "archived": lambda: make(
            s, status="archived", assignee_id=me, resolved_at=NOW, archived_at=NOW
        ),
    }[state]()


@pytest.mark.parametrize("state", list(TABLE))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_transition_table(s: Session, state: str, action: str) -> None:
    post = _in_state(s, state)
    before = (post.status, post.version, post.assignee_id, post.unit_id)
    expected = TABLE[state][action]
    actor = officer(s, "010001")
    if expected in ("illegal_transition", "claimed_by_other"):
        with pytest.raises(ApiError) as info:
            ACTIONS[action](s, post, actor)
        assert info.value.status == 409
        assert info.value.code == expected
        assert info.value.message.endswith("。")
        assert (post.status, post.version, post.assignee_id, post.unit_id) == before
        return
    out = ACTIONS[action](s, post, actor)
    assert post.status == expected
    if out.changed:
        assert post.version == before[1] + 1 and post.updated_at == NOW
    else:  # accepting what one already holds
        assert (action, state) in (("accept", "accepted_by_me"), ("accept", "in_progress"))
        assert post.version == before[1]


def test_illegal_transitions_say_why(s: Session) -> None:
    me = officer(s, "010001")
    resolved = _in_state(s, "resolved")
    with pytest.raises(ApiError) as info:
        workflow.accept(s, resolved, me, now=NOW)
    assert info.value.message == "帖子已办结，不能再受理；如需继续办理请先重新打开。"
    archived = _in_state(s, "archived")
    with pytest.raises(ApiError) as info:
        workflow.reopen(s, archived, me, reason="", now=NOW)
    assert info.value.message == "帖子已归档，不能重新打开。"
    held = _in_state(s, "accepted_by_other")
    with pytest.raises(ApiError) as info:
        workflow.accept(s, held, me, now=NOW)
    assert info.value.message == "该帖已由 李静（010002）受理，请勿重复受理。"
    assert info.value.extra["holder"] == {"id": held.assignee_id, "badge": "010002", "name": "李静"}


# ---------------------------------------------------------------- what each action sets
def test_accept_sets_holder_and_time(s: Session) -> None:
    post = make(s)
    me = officer(s, "010001")
    out = workflow.accept(s, post, me, now=NOW)
    assert out.changed and not out.acknowledged
    ((etype, payload, _prev),) = events(s, post)
    assert etype == "post.updated" and payload["action"] == "accept"
    assert payload["status"] == "accepted" and payload["version"] == post.version
    assert payload["actor"] == {"id": me.officer_id, "badge": "010001", "name": "张伟"}
    assert payload["idempotency_key"] == "key-010001"
    assert audit(s, post) == [("post.accept", "010001", "ws-test")]
    assert (post.status, post.assignee_id, post.accepted_at) == ("accepted", me.officer_id, NOW)
    assert timeline(s, post) == ["accepted"]


def test_reply_auto_accepts_and_counts(s: Session) -> None:
    post = make(s)
    me = officer(s, "010001")
    out = workflow.reply(s, post, me, body="已安排民警", now=NOW, max_chars=100)
    assert out.reply is not None and out.reply.id and out.reply.workstation == "ws-test"
    assert (post.status, post.assignee_id, post.reply_count) == ("in_progress", me.officer_id, 1)
    assert post.first_response_at == NOW
    later = NOW + timedelta(minutes=5)
    workflow.reply(s, post, me, body="已处理", now=later, max_chars=100)
    assert post.first_response_at == NOW and post.reply_count == 2
    assert timeline(s, post) == ["accepted", "replied", "replied"]


def test_reply_and_note_length_limits(s: Session) -> None:
    post = make(s)
    me = officer(s, "010001")
    with pytest.raises(ApiError) as info:
        workflow.reply(s, post, me, body="字" * 11, now=NOW, max_chars=10)
    assert (info.value.status, info.value.code) == (422, "text_too_long")
    assert info.value.message == "答复内容太长了：最多 10 个字，现在有 11 个字。"
    with pytest.raises(ApiError) as info:
        workflow.add_note(s, post, me, body=" \n ", now=NOW, max_chars=10)
    assert info.value.message == "备注内容不能为空。"
    assert post.version == 1 and timeline(s, post) == []


def test_leader_may_step_in_on_a_held_post(s: Session) -> None:
    post = _in_state(s, "accepted_by_other")
    holder = post.assignee_id
    leader = officer(s, "010901")  # 赵国庆, leader in the command centre
    workflow.reply(s, post, leader, body="领导答复", now=NOW, max_chars=100)
    assert post.status == "in_progress" and post.assignee_id == holder
    workflow.close(s, post, leader, resolution="办结", now=NOW)
    assert post.status == "resolved"


def test_transfer_resets_to_new_with_fresh_deadline(s: Session) -> None:
    post = _in_state(s, "in_progress")
    cmd = post.unit_id
    _transfer(
        s, post, officer(s, "010001"), unit_id=unit(s, "st-hebin"), reason="属地管辖", now=NOW
    )
    ((etype, payload, prev),) = events(s, post)
    assert (etype, payload["action"], prev) == ("post.dispatched", "transfer", cmd)
    assert (post.status, post.assignee_id, post.accepted_at) == ("new", None, None)
    assert post.unit_id == unit(s, "st-hebin") and post.transfer_count == 1
    assert post.deadline_at == NOW + timedelta(minutes=60)  # board 110
    entry = s.scalar(select(TimelineEntry).where(TimelineEntry.post_id == post.id))
    assert entry is not None
    assert (entry.action, entry.from_unit_id, entry.to_unit_id, entry.detail) == (
        "transferred",
        cmd,
        unit(s, "st-hebin"),
        "属地管辖",
    )


def test_transfer_target_must_exist_and_differ(s: Session) -> None:
    post = make(s)
    me = officer(s, "010001")
    with pytest.raises(ApiError) as info:
        _transfer(s, post, me, unit_id=99999, reason="x", now=NOW)
    assert (info.value.status, info.value.code) == (422, "unknown_unit")
    with pytest.raises(ApiError) as info:
        _transfer(s, post, me, unit_id=post.unit_id or 0, reason="x", now=NOW)
    assert (info.value.status, info.value.code) == (409, "same_unit")
    assert info.value.message == "帖子已经在市局指挥中心，无需转办。"


def test_close_and_reopen_fields(s: Session) -> None:
    post = make(s)
    me = officer(s, "010001")
    workflow.close(s, post, me, resolution="已电话回访", now=NOW)
    assert (post.status, post.resolved_at, post.resolution) == ("resolved", NOW, "已电话回访")
    assert post.assignee_id == me.officer_id  # closing an unclaimed post claims it
    later = NOW + timedelta(hours=2)
    workflow.reopen(s, post, me, reason="市民不满意", now=later)
    assert (post.status, post.resolved_at, post.resolution) == ("in_progress", None, None)
    assert post.deadline_at == later + timedelta(minutes=60)
    assert timeline(s, post) == ["accepted", "resolved", "reopened"]


# ---------------------------------------------------------------- silent reports
def test_acknowledge_first_wins(s: Session) -> None:
    post = make(s, board="silent")
    first, second = officer(s, "010001"), officer(s, "010002")
    out = workflow.acknowledge(s, post, first, now=NOW)
    assert out.changed
    assert [(t, p["action"]) for t, p, _ in events(s, post)] == [
        ("silent.acknowledged", "acknowledge")
    ]
    # Nobody held it: acknowledging also accepts it for the officer (API v1.1).
    assert (post.acknowledged_by_id, post.acknowledged_at, post.status, post.assignee_id) == (
        first.officer_id,
        NOW,
        "accepted",
        first.officer_id,
    )
    with pytest.raises(ApiError) as info:
        workflow.acknowledge(s, post, second, now=NOW + timedelta(seconds=1))
    assert (info.value.status, info.value.code) == (409, "already_acknowledged")
    assert info.value.message == "该静默报警已由 张伟（010001）确认接警，无需重复确认。"
    assert info.value.extra["acknowledged_by"]["badge"] == "010001"
    assert post.acknowledged_by_id == first.officer_id


def test_acknowledge_is_for_silent_reports_only(s: Session) -> None:
    with pytest.raises(ApiError) as info:
        workflow.acknowledge(s, make(s), officer(s, "010001"), now=NOW)
    assert (info.value.status, info.value.code) == (422, "not_silent_report")


@pytest.mark.parametrize("action", ["accept", "reply", "close"])
def test_claiming_a_silent_report_acknowledges_it(s: Session, action: str) -> None:
    post = make(s, board="silent")
    me = officer(s, "010003")
    out = ACTIONS[action](s, post, me)
    assert out.acknowledged
    assert (post.acknowledged_by_id, post.acknowledged_at) == (me.officer_id, NOW)
    assert "acknowledged" in timeline(s, post)
    # Every console hears the acknowledgement too (its alarm stops), from the same actor.
    (main, _, _), (ack, payload, _) = events(s, post)
    assert main != "silent.acknowledged" and ack == "silent.acknowledged"
    assert payload["actor"]["badge"] == "010003" and payload["idempotency_key"] == "key-010003"


# ---------------------------------------------------------------- the If-Match guard
def test_guard_runs_after_the_checks_and_before_any_change(s: Session) -> None:
    calls: list[int] = []

    def stale(post: Post) -> None:
        calls.append(post.version)
        raise ApiError(412, "stale_version", "过期")

    me = officer(s, "010001")
    post = make(s)
    with pytest.raises(ApiError) as info:
        workflow.reply(s, post, me, body="好", now=NOW, max_chars=100, guard=stale)
    assert info.value.status == 412 and calls == [1]
    assert (post.status, post.version, post.reply_count) == ("new", 1, 0)
    assert timeline(s, post) == []
    # A conflict is reported as such without consulting the guard.
    held = _in_state(s, "accepted_by_other")
    with pytest.raises(ApiError) as info:
        workflow.accept(s, held, me, now=NOW, guard=stale)
    assert info.value.code == "claimed_by_other" and calls == [1]


# ---------------------------------------------------------------- archiving
def test_archive_resolved_after_the_retention(s: Session) -> None:
    me = officer(s, "010001").officer_id
    now = utcnow()
    old = [
        make(s, status="resolved", assignee_id=me, resolved_at=now - timedelta(days=d))
        for d in (40, 35, 31)
    ]
    recent = make(s, status="resolved", assignee_id=me, resolved_at=now - timedelta(days=2))
    still_open = make(s, status="in_progress", assignee_id=me)
    assert jobs.archive_resolved(s, timedelta(days=30), now=now, limit=2) == 2
    assert [p.status for p in old] == ["archived", "archived", "resolved"]  # oldest first
    assert jobs.archive_resolved(s, timedelta(days=30), now=now, limit=2) == 1
    assert jobs.archive_resolved(s, timedelta(days=30), now=now) == 0
    assert all(p.status == "archived" and p.archived_at == now and p.version == 2 for p in old)
    assert recent.status == "resolved" and still_open.status == "in_progress"
    assert timeline(s, old[0]) == ["archived"]
    new_events = list(s.info[event_log.PENDING])  # written when the transaction commits
    assert [e.post_id for e in new_events] == [p.id for p in old]
    payload = json.loads(new_events[0].payload)
    assert payload["status"] == "archived" and payload["action"] == "archive"
    assert payload["actor"] is None
    with pytest.raises(ApiError):
        workflow.reopen(s, old[0], officer(s, "010001"), reason="", now=now)


def test_deadline_for_counts_board_minutes(s: Session) -> None:
    board = Board(code="x", name="x", deadline_minutes=90)
    assert workflow.deadline_for(s, board, NOW) == NOW + timedelta(minutes=90)


def test_deadline_for_counts_working_days_where_the_board_does(s: Session) -> None:
    # Complaints: 3 working days (migration 0009), over the National Day week of 2026.
    board = Board(code="complaint", name="警务投诉", deadline_minutes=4320)
    start = datetime(2026, 9, 30, 1, 0)
    assert workflow.deadline_for(s, board, start) == datetime(2026, 10, 10, 1, 0)
