"""EventStream against the real platform: live events, resume without gaps, states."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.api.client import PlatformClient
from console.api.stream import EventStream
from console.store import CaseStore
from platform_server.config import ServerSettings
from platform_server.embedded import EmbeddedServer, free_port
from tests.helpers.client import signed_in_client
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


class Watch:
    """Everything a stream reported, in arrival order (on the GUI thread)."""

    def __init__(self, stream: EventStream) -> None:
        self.events: list[tuple[int, str, dict[str, Any]]] = []
        self.states: list[tuple[str, int, Any]] = []
        self.connects = 0
        self.resyncs = 0
        self.auth_failures: list[str] = []
        stream.event_received.connect(lambda s, t, d: self.events.append((s, t, d)))
        stream.state_changed.connect(lambda s, a, since: self.states.append((s, a, since)))
        stream.connected.connect(self._connected)
        stream.resync_required.connect(self._resync)
        stream.auth_failed.connect(self.auth_failures.append)

    def _connected(self) -> None:
        self.connects += 1

    def _resync(self) -> None:
        self.resyncs += 1

    @property
    def seqs(self) -> list[int]:
        return [s for s, _, _ in self.events]

    @property
    def state(self) -> str | None:
        return self.states[-1][0] if self.states else None


def event_seqs(db_path: Path) -> list[int]:
    with sqlite3.connect(db_path) as db:
        return [r[0] for r in db.execute("SELECT seq FROM events ORDER BY seq")]


@pytest.fixture
def streams() -> Iterator[list[EventStream]]:
    made: list[EventStream] = []
    yield made
    for s in made:
        s.stop()


def make_stream(streams: list[EventStream], client: PlatformClient, **kw: Any) -> EventStream:
    s = EventStream(client, **kw)
    streams.append(s)
    return s


def test_live_events_arrive_in_order(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    client = signed_in_client(platform.url, workstation="stream-test")
    stream = make_stream(streams, client)
    watch = Watch(stream)
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)
    assert [s for s, _, _ in watch.states] == ["connecting", "live"]

    citizen = platform.citizen()
    ids = [citizen_post(citizen, f"楼道起火 {i}") for i in range(3)]
    qtbot.waitUntil(lambda: len(watch.events) == 3, timeout=5000)
    assert [t for _, t, _ in watch.events] == ["post.created"] * 3
    assert [d["id"] for _, _, d in watch.events] == ids
    assert watch.events[0][2]["title"] == "楼道起火 0"
    assert watch.seqs == sorted(set(watch.seqs))
    assert stream.last_seq == watch.seqs[-1]


def test_resume_after_server_restart_has_no_gap_and_no_duplicate(
    qtbot: QtBot, fresh_platform: RunningPlatform, streams: list[EventStream]
) -> None:
    client = signed_in_client(fresh_platform.url, workstation="stream-test")
    stream = make_stream(streams, client, backoff_initial=0.5, backoff_max=1.0)
    watch = Watch(stream)
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)
    citizen = fresh_platform.citizen()
    for i in range(3):
        citizen_post(citizen, f"重启前 {i}")
    qtbot.waitUntil(lambda: len(watch.events) == 3, timeout=5000)

    # restart: same port, same database file
    port = fresh_platform.server.port
    fresh_platform.server.stop()
    qtbot.waitUntil(lambda: watch.state in ("reconnecting", "offline"), timeout=10000)
    settings = ServerSettings(db_url=f"sqlite:///{fresh_platform.db_path}", escalation_seconds=2.0)
    fresh_platform.server = EmbeddedServer(settings, port=port).start()
    # events written while the console is still backing off must be replayed
    for i in range(4):
        citizen_post(citizen, f"重启后 {i}")
    qtbot.waitUntil(lambda: len(watch.events) >= 7, timeout=15000)
    # A last post: the stream is in order, so whatever else was coming (a duplicate)
    # would have arrived before it.
    marker = citizen_post(citizen, "最后一条")
    qtbot.waitUntil(lambda: watch.events[-1][2]["id"] == marker, timeout=5000)

    assert watch.connects == 2
    assert watch.seqs == event_seqs(fresh_platform.db_path)
    assert len(set(watch.seqs)) == len(watch.seqs) == 8
    reconnecting = [(s, a) for s, a, _ in watch.states if s == "reconnecting"]
    assert reconnecting and reconnecting[0][1] == 1
    assert watch.states[-1][0] == "live"


def test_resume_from_a_seq_replays_what_was_missed(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    client = signed_in_client(platform.url, workstation="stream-test")
    citizen = platform.citizen()
    before = event_seqs(platform.db_path)
    for i in range(5):
        citizen_post(citizen, f"离线期间 {i}")
    mine = event_seqs(platform.db_path)[len(before) :]
    assert len(mine) == 5
    stream = make_stream(streams, client)
    watch = Watch(stream)
    stream.start(client.token or "", mine[1])  # the console had seen two of them
    qtbot.waitUntil(lambda: len(watch.events) == 3, timeout=5000)
    marker = citizen_post(citizen, "之后的新帖")  # nothing else may come before it
    qtbot.waitUntil(lambda: watch.events[-1][2]["id"] == marker, timeout=5000)
    assert watch.seqs[:-1] == mine[2:]


@pytest.mark.expected_log(r"console\.api\.stream: event stream reset: unknown_seq")
def test_unknown_resume_point_asks_for_a_resync_and_stays_live(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    client = signed_in_client(platform.url, workstation="stream-test")
    stream = make_stream(streams, client)
    watch = Watch(stream)
    stream.start(client.token or "", 10_000)  # e.g. the platform's database was replaced
    qtbot.waitUntil(lambda: watch.resyncs == 1 and watch.state == "live", timeout=5000)
    citizen_post(platform.citizen(), "重置之后")
    qtbot.waitUntil(lambda: len(watch.events) == 1, timeout=5000)
    assert watch.events[0][2]["title"] == "重置之后"


@pytest.mark.expected_log(r"console\.api\.stream: event stream refused the token")
def test_refused_token_stops_with_auth_failed(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    stream = make_stream(streams, PlatformClient(platform.url))
    watch = Watch(stream)
    stream.start("not-a-token", None)
    qtbot.waitUntil(lambda: watch.state == "stopped", timeout=5000)
    assert watch.auth_failures == ["登录凭证无效，请重新登录。"]
    assert watch.connects == 0
    qtbot.waitUntil(lambda: not stream.running, timeout=2000)


def test_revoked_token_ends_the_open_stream(
    qtbot: QtBot, tmp_path: Path, streams: list[EventStream]
) -> None:
    p = RunningPlatform.start(tmp_path / "p.sqlite3", escalation_seconds=2.0, ping_seconds=0.2)
    try:
        client = signed_in_client(p.url, workstation="stream-test")
        token = client.token or ""
        stream = make_stream(streams, client)
        watch = Watch(stream)
        stream.start(token, None)
        qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)
        client.logout()
        qtbot.waitUntil(lambda: watch.state == "stopped", timeout=5000)
        assert watch.auth_failures and "退出登录" in watch.auth_failures[0]
    finally:
        stream.stop()
        p.stop()


def test_silent_link_is_declared_dead_and_resumed(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    # the platform pings every 5 s; a 1 s dead-timer must fire and reconnect cleanly
    client = signed_in_client(platform.url, workstation="stream-test")
    stream = make_stream(streams, client, dead_after=1.0, backoff_initial=0.2)
    watch = Watch(stream)
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: watch.connects >= 2, timeout=8000)
    citizen_post(platform.citizen(), "重连后的新帖")
    qtbot.waitUntil(lambda: len(watch.events) == 1, timeout=8000)
    # Another dead-timer reconnect later, the post has still arrived exactly once.
    connects = watch.connects
    qtbot.waitUntil(lambda: watch.connects > connects, timeout=8000)
    assert len(watch.events) == 1
    assert "reconnecting" in [s for s, _, _ in watch.states]


def test_a_dropped_live_link_is_retried_at_once_not_after_the_backoff(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    # A silent report may be waiting: after a live link drops, the first retry must
    # not sit out the backoff (here 5 s); only failed retries back off.
    client = signed_in_client(platform.url, workstation="stream-test")
    stream = make_stream(streams, client, dead_after=1.0, backoff_initial=5.0)
    watch = Watch(stream)
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)
    dropped_at = time.monotonic()
    qtbot.waitUntil(lambda: watch.connects == 2, timeout=4000)  # 1 s dead-timer + quick retry
    assert time.monotonic() - dropped_at < 2.5


def test_a_quick_platform_restart_is_rejoined_within_a_fraction_of_a_second(
    qtbot: QtBot,
    fresh_platform: RunningPlatform,
    streams: list[EventStream],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Reports posted right after a restart must not wait out a 1 s (here 5 s) backoff.
    client = signed_in_client(fresh_platform.url, workstation="stream-test")
    stream = make_stream(streams, client, backoff_initial=5.0)
    watch = Watch(stream)
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)
    port = fresh_platform.server.port
    fresh_platform.server.stop()
    qtbot.waitUntil(lambda: watch.state == "reconnecting", timeout=5000)
    # The platform stays down until the console's quick retries have met it closed twice.
    caplog.set_level(logging.INFO, logger="console.api.stream")
    refused = lambda: sum("connect failed" in r.getMessage() for r in caplog.records)  # noqa: E731
    qtbot.waitUntil(lambda: refused() >= 2, timeout=5000)
    settings = ServerSettings(db_url=f"sqlite:///{fresh_platform.db_path}", escalation_seconds=2.0)
    fresh_platform.server = EmbeddedServer(settings, port=port).start()
    back_at = time.monotonic()
    qtbot.waitUntil(lambda: watch.connects == 2, timeout=6000)
    assert time.monotonic() - back_at < 1.0


# It starts with a made-up token; the platform may answer it before the real one.
@pytest.mark.expected_log(r"console\.api\.stream: event stream refused the token")
def test_offline_then_platform_appears(
    qtbot: QtBot, tmp_path: Path, streams: list[EventStream], platform_on_port: Any
) -> None:
    port = free_port()
    client = PlatformClient(f"http://127.0.0.1:{port}")
    stream = make_stream(streams, client, backoff_initial=0.1, backoff_max=0.3, offline_after=0.5)
    watch = Watch(stream)
    stream.start("token-for-later", None)
    qtbot.waitUntil(lambda: watch.state == "offline", timeout=5000)
    names = [s for s, _, _ in watch.states]
    assert names[0] == "connecting" and "reconnecting" in names
    offline = next(st for st in watch.states if st[0] == "offline")
    first_down = next(st for st in watch.states if st[0] == "reconnecting")
    assert offline[2] == first_down[2]  # "offline since" = when it first went down
    assert offline[1] >= 2  # attempts keep counting

    server = platform_on_port(tmp_path / "late.sqlite3", port)
    try:
        token = signed_in_client(server.url, workstation="stream-test").token or ""
        stream.start(token, None)  # the app restarts the stream with a real token
        qtbot.waitUntil(lambda: watch.state == "live", timeout=5000)
    finally:
        stream.stop()
        server.stop()


def test_stop_is_prompt_and_clean(
    qtbot: QtBot, platform: RunningPlatform, streams: list[EventStream]
) -> None:
    client = signed_in_client(platform.url, workstation="stream-test")
    stream = make_stream(streams, client)
    watch = Watch(stream)
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)
    t0 = time.monotonic()
    stream.stop()
    assert time.monotonic() - t0 < 1.0  # not the 15 s dead-timer, not the 5 s ping
    assert not stream.running
    qtbot.waitUntil(lambda: watch.state == "stopped", timeout=2000)
    stream.stop()  # twice is fine


def test_store_follows_the_stream_through_a_silent_report(
    qtbot: QtBot, fresh_platform: RunningPlatform, streams: list[EventStream]
) -> None:
    zhang, li = (
        signed_in_client(fresh_platform.url, "010001", "stream-test"),
        signed_in_client(fresh_platform.url, "010002", "stream-test"),
    )
    store = CaseStore()
    store.set_reference(boards=zhang.boards(), units=zhang.units(), officers=zhang.officers())
    store.set_viewer(zhang.me())
    seen: list[tuple[str, int]] = []
    for name in ("post_added", "silent_created", "silent_acknowledged", "silent_escalated"):
        getattr(store, name).connect(lambda p, *_a, n=name: seen.append((n, p.id)))
    store.post_removed.connect(lambda pid: seen.append(("post_removed", pid)))
    stream = make_stream(streams, zhang)
    stream.event_received.connect(store.apply_event)
    watch = Watch(stream)
    stream.start(zhang.token or "", None)
    qtbot.waitUntil(lambda: watch.connects == 1, timeout=5000)

    citizen = fresh_platform.citizen()
    report = {"body": "我被困在出租车里，司机不让下车", "location": {"lat": 36.06, "lon": 120.38}}
    first = citizen.post("/public/silent-reports", report).json()["id"]
    qtbot.waitUntil(lambda: ("silent_created", first) in seen, timeout=5000)
    assert [p.id for p in store.open_unacknowledged_silent()] == [first]

    li.acknowledge(first, li.get_post(first).version)
    qtbot.waitUntil(lambda: ("silent_acknowledged", first) in seen, timeout=5000)
    acked = store.get(first)
    assert acked is not None and acked.acknowledged_by is not None
    assert acked.acknowledged_by.name == "李静"
    assert store.open_unacknowledged_silent() == []

    second = citizen.post("/public/silent-reports", {"body": "有人跟踪我"}).json()["id"]
    qtbot.waitUntil(lambda: ("silent_escalated", second) in seen, timeout=10000)
    escalated = store.get(second)
    assert escalated is not None and escalated.escalated_at is not None

    # 李静 acknowledged it, so she holds it (API v1.1): she hands it on.
    hebin = next(u for u in zhang.units() if u.code == "st-hebin")
    li.transfer(first, li.get_post(first).version, hebin.id, "属河滨辖区")
    qtbot.waitUntil(lambda: ("post_removed", first) in seen, timeout=5000)
    assert first not in store
    assert [n for n, pid in seen if pid == first].count("silent_created") == 1


def test_the_platform_names_the_key_so_an_own_action_comes_back_as_its_echo(
    qtbot: QtBot, fresh_platform: RunningPlatform, streams: list[EventStream]
) -> None:
    """Live: the Idempotency-Key this console sent comes back in the event of its
    action; the same officer's action from another console is news."""
    client = signed_in_client(fresh_platform.url, workstation="desk-1")
    other_desk = signed_in_client(fresh_platform.url, workstation="desk-2")
    store = CaseStore()
    stream = make_stream(streams, client)
    stream.event_received.connect(store.apply_event)
    seen: list[tuple[str, bool]] = []
    store.post_added.connect(lambda post: seen.append((post.status, store.is_echo(post))))
    store.post_changed.connect(lambda new, _old: seen.append((new.status, store.is_echo(new))))
    stream.start(client.token or "", None)
    qtbot.waitUntil(lambda: stream.state == "live", timeout=10_000)

    pid = citizen_post(fresh_platform, "楼道堆放杂物堵塞消防通道")
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)
    store.remember_own_key("desk-1-accept")
    accepted = client.act(pid, "accept", 1, idem_key="desk-1-accept")
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    other_desk.act(pid, "close", accepted.version, {"resolution": "已清理。"}, "desk-2-close")
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=10_000)
    assert seen == [("new", False), ("accepted", True), ("resolved", False)]
