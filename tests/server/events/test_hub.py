"""The live event stream over real loopback sockets: delivery, resume, reset, ping, scope."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from requests_sse import EventSource
from sqlalchemy import event as sa_event

from platform_server.config import ServerSettings
from platform_server.domain.intake import create_post
from platform_server.domain.security import token_hash
from platform_server.storage.engines import open_database
from platform_server.storage.models import Citizen
from tests.helpers import dbutil
from tests.helpers.databases import start_platform_on
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report
from tests.helpers.sse import SseReader
from tests.helpers.waiting import wait_until
from tests.server.conftest import StartPlatform

pytestmark = pytest.mark.integration


def _hub(platform: RunningPlatform) -> Any:
    return platform.ctx.hub


@pytest.fixture(scope="module")
def quick_platform(
    engine: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningPlatform]:
    """Pings every 0.5 s, so ping and auth re-check behaviour is quick to observe."""
    p = start_platform_on(engine, tmp_path_factory.mktemp("quick"), ping_seconds=0.5)
    yield p
    p.stop()


def test_stream_headers_and_ready_frame(platform: RunningPlatform) -> None:
    officer = platform.officer()
    with SseReader(platform.url, officer.token) as sse:
        assert sse.status == 200
        assert sse.headers["content-type"].startswith("text/event-stream")
        assert sse.headers["cache-control"] == "no-cache"
        assert sse.headers["x-accel-buffering"] == "no"
        ready = sse.ready()
        current = dbutil.scalar(platform, "SELECT coalesce(max(seq), 0) FROM events")
        assert ready.seq == ready.json["after"] == current
        assert ready.retry is not None


def test_post_created_arrives_within_a_second(platform: RunningPlatform) -> None:
    officer, citizen = platform.officer(), platform.citizen()
    with SseReader(platform.url, officer.token) as sse:
        sse.ready()
        sent = time.monotonic()
        post_id = citizen_post(citizen, "小区门口有人打架")
        frames = sse.until(lambda f: f.event == "post.created", timeout=2)
        assert frames[-1].at - sent < 1.0
        payload = frames[-1].json
        assert payload["id"] == post_id
        assert payload["title"] == "小区门口有人打架"
        assert payload["author"]["phone"] == "*******5678"  # masked in events
        seq = dbutil.scalar(
            platform, "SELECT seq FROM events WHERE post_id = ? AND type = 'post.created'", post_id
        )
        assert frames[-1].seq == seq


def test_requests_sse_client_receives_events(platform: RunningPlatform) -> None:
    """The same stream through `requests-sse`, the kind of client the console uses."""
    officer, citizen = platform.officer(), platform.citizen()
    got: list[Any] = []
    with EventSource(
        officer.url("/events"), timeout=10, headers={"Authorization": f"Bearer {officer.token}"}
    ) as source:
        timer = threading.Timer(0.3, lambda: citizen_post(citizen, "需要开具无犯罪记录证明"))
        timer.start()
        for ev in source:
            got.append(ev)
            if ev.type == "post.created":
                break
        timer.join()
    assert got[0].type == "stream.ready"
    assert got[-1].type == "post.created"
    assert "无犯罪记录证明" in (got[-1].data or "")
    assert got[-1].last_event_id.isdigit()


def test_resume_replays_exactly_the_missed_events(platform: RunningPlatform) -> None:
    officer, citizen = platform.officer(), platform.citizen()
    with SseReader(platform.url, officer.token) as sse:
        sse.ready()
        citizen_post(citizen, "断线前的帖子")
        last = sse.until(lambda f: f.event == "post.created")[-1].seq
    # Connection dropped; the world moves on.
    missed_ids = [citizen_post(citizen, f"断线期间的帖子{i}") for i in range(5)]
    expected = [
        s
        for (s,) in dbutil.rows(platform, "SELECT seq FROM events WHERE seq > ? ORDER BY seq", last)
    ]
    assert len(expected) == 5
    with SseReader(platform.url, officer.token, last_event_id=str(last)) as sse:
        assert sse.ready().seq == last
        frames = sse.events(timeout=1.5)
    assert [f.seq for f in frames] == expected
    assert [f.json["id"] for f in frames] == missed_ids
    # ?after= is the same resume point for clients that cannot set headers.
    with SseReader(platform.url, officer.token, after=last) as sse:
        sse.ready()
        assert [f.seq for f in sse.events(timeout=1.0)] == expected


def test_reset_when_too_far_behind(start_platform: StartPlatform) -> None:
    p = start_platform(event_retention=5)
    officer, citizen = p.officer(), p.citizen()
    for i in range(12):
        citizen_post(citizen, f"第{i}条")
    wait_until(lambda: dbutil.scalar(p, "SELECT count(*) FROM events") <= 5, timeout=5)
    oldest = dbutil.scalar(p, "SELECT min(seq) FROM events")
    assert oldest == 8
    with SseReader(p.url, officer.token, last_event_id="2") as sse:
        sse.ready()
        frame = sse.next()
        assert frame is not None and frame.event == "reset"
        assert frame.json["reason"] == "too_far_behind"
        assert frame.json["oldest_seq"] == oldest
        assert frame.json["current_seq"] == 12
        assert sse.next(timeout=2) is None and sse.eof, "the server closes after a reset"
    # Resuming from just before the oldest kept event is still a full replay.
    with SseReader(p.url, officer.token, last_event_id=str(oldest - 1)) as sse:
        sse.ready()
        assert [f.seq for f in sse.events(timeout=1.0)] == list(range(oldest, 13))


def test_reset_when_resuming_after_an_unknown_seq(platform: RunningPlatform) -> None:
    officer = platform.officer()
    with SseReader(platform.url, officer.token, last_event_id="987654321") as sse:
        sse.ready()
        frame = sse.next()
        assert frame is not None and frame.event == "reset"
        assert frame.json["reason"] == "unknown_seq"


def test_bad_last_event_id_is_422(platform: RunningPlatform) -> None:
    officer = platform.officer()
    with SseReader(platform.url, officer.token, last_event_id="abc") as sse:
        assert sse.status == 422
        assert "Last-Event-ID" in sse.body_text()
    r = officer.get("/events", params={"after": "-3"})
    assert r.status_code == 422


def test_ping_arrives_within_ping_seconds(quick_platform: RunningPlatform) -> None:
    officer = quick_platform.officer()
    with SseReader(quick_platform.url, officer.token) as sse:
        start = sse.ready().at
        pings = []
        while len(pings) < 3:
            frame = sse.next(timeout=2)
            assert frame is not None
            if frame.is_ping:
                pings.append(frame.at)
    gaps = [b - a for a, b in zip([start, *pings], pings, strict=False)]
    assert all(gap < 0.5 + 0.3 for gap in gaps), gaps


def test_revoked_token_ends_the_stream(quick_platform: RunningPlatform) -> None:
    officer = quick_platform.officer("010002")
    with SseReader(quick_platform.url, officer.token) as sse:
        sse.ready()
        assert officer.post("/auth/logout").status_code == 204
        frames = sse.events(timeout=2)
        assert frames and frames[-1].event == "stream.closed"
        assert frames[-1].json["reason"] == "token_revoked"
        assert sse.eof


def test_expired_token_ends_the_stream(quick_platform: RunningPlatform) -> None:
    officer = quick_platform.officer("010003")
    with SseReader(quick_platform.url, officer.token) as sse:
        sse.ready()
        dbutil.execute(
            quick_platform,
            "UPDATE officer_tokens SET expires_at = '2000-01-01 00:00:00.000000' "
            "WHERE token_hash = ?",
            token_hash(officer.token or ""),
        )
        frames = sse.events(timeout=2)
        assert frames and frames[-1].json["reason"] == "token_expired"
        assert sse.eof


def test_disconnect_releases_the_subscription(quick_platform: RunningPlatform) -> None:
    hub = _hub(quick_platform)
    officer = quick_platform.officer()
    before = hub.subscriber_count
    readers = [SseReader(quick_platform.url, officer.token) for _ in range(3)]
    for r in readers:
        r.ready()
    wait_until(lambda: hub.subscriber_count == before + 3)
    for r in readers:
        r.close()
    wait_until(lambda: hub.subscriber_count == before, timeout=3)


def test_events_are_scoped_to_what_the_officer_may_read(platform: RunningPlatform) -> None:
    station = platform.officer(dbutil.badge_in_unit(platform, "st-chengguan"))
    cmd = platform.officer("010001")
    leader = platform.officer("010900")
    admin = platform.officer("010999")
    citizen = platform.citizen()
    readers = {
        name: SseReader(platform.url, api.token)
        for name, api in (("station", station), ("cmd", cmd), ("leader", leader), ("admin", admin))
    }
    try:
        for r in readers.values():
            r.ready()
        silent_id = silent_report(citizen, "车上有人持刀抢劫，我不敢出声")
        marker = citizen_post(citizen, "作为结束标记的普通帖子")
        seen = {
            name: r.until(lambda f: f.event == "post.created" and f.json["id"] == marker)
            for name, r in readers.items()
        }
    finally:
        for r in readers.values():
            r.close()

    def silent_ids(frames: list[Any]) -> list[int]:
        return [f.json["id"] for f in frames if f.event == "silent.created"]

    assert silent_ids(seen["station"]) == []
    assert silent_ids(seen["cmd"]) == [silent_id]
    assert silent_ids(seen["leader"]) == [silent_id]
    assert silent_ids(seen["admin"]) == [silent_id]
    silent = next(f for f in seen["cmd"] if f.event == "silent.created").json
    assert silent["body"] == "车上有人持刀抢劫，我不敢出声"
    assert silent["kind"] == "silent_report"
    # A citizen caused it: no officer as actor; the request's Idempotency-Key comes along.
    assert silent["actor"] is None and silent["idempotency_key"]


def test_writes_by_another_process_reach_the_stream(platform: RunningPlatform) -> None:
    """No notify() from a foreign writer: the hub's poll must pick the event up."""
    officer = platform.officer()
    db = open_database(platform.db_url, create=False)
    try:
        with SseReader(platform.url, officer.token) as sse:
            sse.ready()
            with db.writing() as s:
                citizen = Citizen(nickname="另一个进程", phone=None)
                s.add(citizen)
                s.flush()
                post = create_post(
                    s,
                    ServerSettings(),
                    citizen,
                    "advice",
                    "建议增设红绿灯",
                    "路口车流大，建议增设红绿灯。",
                    [],
                    None,
                )
                post_id = post.id
            frame = sse.until(lambda f: f.event == "post.created", timeout=3)[-1]
            assert frame.json["id"] == post_id
    finally:
        db.dispose()


def test_fan_out_reads_the_log_once_per_wake_up(platform: RunningPlatform) -> None:
    """Twenty listeners, one new post: the event table is read about once, not twenty times."""
    ctx = platform.ctx
    officer, citizen = platform.officer(), platform.citizen()
    readers = [SseReader(platform.url, officer.token) for _ in range(20)]
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "FROM events" in statement and "max(events.seq)" not in statement:
            statements.append(statement)

    try:
        for r in readers:
            r.ready()
        sa_event.listen(ctx.db.read_engine, "before_cursor_execute", count)
        try:
            post_id = citizen_post(citizen, "二十个坐席同时在线")
            for r in readers:
                assert r.until(lambda f: f.event == "post.created")[-1].json["id"] == post_id
        finally:
            sa_event.remove(ctx.db.read_engine, "before_cursor_execute", count)
    finally:
        for r in readers:
            r.close()
    # One read for the notify, perhaps one more for the 1 s poll; never one per listener.
    assert 1 <= len(statements) <= 3, statements
