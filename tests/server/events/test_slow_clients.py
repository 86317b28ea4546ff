"""Clients that stop reading are dropped after the write timeout and lose nothing when
they resume; the hub's replay ring is capped by bytes as well as by count."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE
from platform_server.domain import posts as workflow
from platform_server.domain.origin import Origin
from platform_server.domain.scope import viewer_for
from platform_server.storage.models import Officer, Post, utcnow
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.sse import SseReader
from tests.helpers.waiting import wait_until

pytestmark = [
    pytest.mark.integration,
    pytest.mark.expected_log(r"platform_server\.api\.routes\.events: event stream"),
]

NOTE = "值班记录：" + "现场情况说明。" * 700  # about 15 KB of UTF-8 per post.noted event


@pytest.fixture
def impatient(tmp_path: Path) -> Iterator[RunningPlatform]:
    """A platform that drops a stream after 1 s without progress, with a 256 KiB ring."""
    p = RunningPlatform.start(
        tmp_path / "platform.sqlite3",
        stream_write_timeout_seconds=1.0,
        event_ring_max_bytes=256 * 1024,
    )
    yield p
    p.stop()


def _add_notes(platform: RunningPlatform, post_id: int, count: int) -> None:
    """`count` internal notes on a post, in one transaction through the domain."""
    ctx = platform.ctx
    with ctx.write() as db:
        officer = db.scalar(select(Officer).where(Officer.badge == DEMO_ADMIN_BADGE))
        assert officer is not None
        origin = Origin(officer=viewer_for(db, officer, "bench"))
        post = db.get(Post, post_id)
        assert post is not None
        for _ in range(count):
            workflow.add_note(db, post, origin, body=NOTE, now=utcnow(), max_chars=20_000)


def _hub_caught_up(platform: RunningPlatform) -> int:
    """Wait until the hub has read every event in the table; returns the newest seq."""
    newest = dbutil.scalar(platform, "SELECT coalesce(max(seq), 0) FROM events")
    wait_until(lambda: platform.ctx.hub.last_seq >= newest, what="the hub read the log")
    return int(newest)


def _stalled_stream(url: str, token: str) -> tuple[socket.socket, int]:
    """A raw client with a tiny receive buffer: reads the stream's first frame, then
    never reads again. Returns the socket and the seq the stream started after."""
    u = urlsplit(url)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((u.hostname or "127.0.0.1", u.port or 80))
    request = (
        f"GET /api/v1/events HTTP/1.1\r\nHost: {u.netloc}\r\n"
        f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
    )
    sock.sendall(request.encode())
    sock.settimeout(10)
    head = b""
    while b"event: stream.ready" not in head or b"\n\n" not in head.split(b"stream.ready", 1)[1]:
        head += sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 200")
    after = int(head.split(b"id: ", 1)[1].split(b"\r", 1)[0].split(b"\n", 1)[0])
    return sock, after


def test_a_client_that_stops_reading_is_dropped_and_resumes_losing_nothing(
    impatient: RunningPlatform,
) -> None:
    admin = impatient.officer(DEMO_ADMIN_BADGE)
    post_id = citizen_post(impatient)
    hub = impatient.ctx.hub
    _hub_caught_up(impatient)
    sock, after = _stalled_stream(impatient.url, admin.token or "")
    wait_until(lambda: hub.subscriber_count == 1, what="the stalled client subscribed")

    _add_notes(impatient, post_id, 400)  # ≈ 6 MB of events: more than any socket buffers

    wait_until(lambda: hub.subscriber_count == 0, timeout=30, what="the stalled client dropped")
    # The connection is gone, not merely idle: reading now ends (EOF or reset) quickly.
    sock.settimeout(10)
    started = time.monotonic()
    try:
        while sock.recv(1 << 20):
            assert time.monotonic() - started < 10, "the server kept the connection open"
    except ConnectionResetError:
        pass
    sock.close()

    # Later it resumes from where it was and gets every event, in order.
    with SseReader(impatient.url, admin.token, last_event_id=str(after)) as again:
        assert again.status == 200
        frames = again.until(lambda f: f.id is not None and f.seq >= after + 400, timeout=30)
    noted = [f.seq for f in frames if f.event == "post.noted"]
    assert noted == list(range(after + 1, after + 401)), "every note, in order, no gaps"


def test_the_replay_ring_is_capped_by_bytes(impatient: RunningPlatform) -> None:
    hub = impatient.ctx.hub
    post_id = citizen_post(impatient)
    first = _hub_caught_up(impatient)
    _add_notes(impatient, post_id, 60)  # ≈ 2 MB of events against a 256 KiB ring
    wait_until(lambda: hub.last_seq >= first + 60, what="the hub read the notes")
    assert 0 < hub.ring_bytes <= 256 * 1024
    # Events older than the ring still reach a client resuming from before them.
    admin = impatient.officer(DEMO_ADMIN_BADGE)
    with SseReader(impatient.url, admin.token, last_event_id=str(first)) as reader:
        frames = reader.until(lambda f: f.id is not None and f.seq >= first + 60, timeout=15)
    got = [f.seq for f in frames if f.event == "post.noted"]
    assert got == list(range(first + 1, first + 61))
