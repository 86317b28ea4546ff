"""Workers stop within 200 ms on the GUI thread whatever the network does — here a
platform that accepts connections and never answers (sign-out, token expiry and
re-sign-in must never freeze the window) — and an interrupted send is safe to repeat."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.api.client import PlatformClient
from console.api.outbox import Outbox
from console.api.outbox_sender import OutboxSender
from console.api.stream import EventStream
from tests.helpers.client import signed_in_client
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.silent_server import silent_server

pytestmark = pytest.mark.integration

LIMIT = 0.2  # seconds


def timed(call: Any) -> float:
    t0 = time.monotonic()
    call()
    return time.monotonic() - t0


def test_event_stream_stop_is_prompt_against_a_platform_that_never_answers(
    qtbot: QtBot,
) -> None:
    with silent_server() as server:
        stream = EventStream(PlatformClient(server.url), connect_timeout=10, dead_after=30)
        states: list[str] = []
        stream.state_changed.connect(lambda s, *_a: states.append(s))
        stream.start("any-token")
        qtbot.waitUntil(lambda: server.accepted == 1, timeout=5000)
        took = timed(stream.stop)
        assert took < LIMIT, f"stop() took {took:.3f} s"
        assert not stream.running
        qtbot.waitUntil(lambda: states[-1:] == ["stopped"], timeout=1000)
        # started again (re-sign-in) and stopped again: just as prompt
        stream.start("another-token")
        qtbot.waitUntil(lambda: server.accepted == 2, timeout=5000)
        assert timed(stream.stop) < LIMIT


def test_outbox_sender_stop_is_prompt_with_a_request_in_flight(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with silent_server() as server:
        client = PlatformClient(server.url, token="t", timeout=30)
        outbox = Outbox(tmp_path / "outbox.sqlite3", owner="010001@test")
        sender = OutboxSender(outbox, client)
        sender.start()
        item = sender.submit("note", 1, {"body": "已电话联系报警人"})
        qtbot.waitUntil(lambda: server.accepted == 1, timeout=5000)
        qtbot.waitUntil(lambda: outbox.get(item.id).state == "sending", timeout=5000)  # type: ignore[union-attr]
        took = timed(sender.stop)
        assert took < LIMIT, f"stop() took {took:.3f} s"
        assert not sender.running
        # the interrupted item is still on disk, waiting to be sent again
        assert outbox.get(item.id).state == "sending"  # type: ignore[union-attr]
        outbox.close()


def test_an_interrupted_send_is_delivered_once_after_restart(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path
) -> None:
    client = signed_in_client(platform.url, workstation="stop-test")
    pid = citizen_post(platform, "夜里楼上一直有人砸东西")
    path = tmp_path / "outbox.sqlite3"
    owner = f"010001@{platform.url}"
    with silent_server() as server:
        hung = PlatformClient(server.url, token=client.token, timeout=30)
        outbox = Outbox(path, owner=owner)
        sender = OutboxSender(outbox, hung)
        sender.start()
        item = sender.submit("note", pid, {"body": "已联系物业"})
        qtbot.waitUntil(lambda: server.accepted == 1, timeout=5000)
        assert timed(sender.stop) < LIMIT
        outbox.close()
    # the console starts again, this time reaching the platform
    outbox = Outbox(path, owner=owner)
    sender = OutboxSender(outbox, client)
    sender.start()
    qtbot.waitUntil(lambda: outbox.get(item.id).state == "sent", timeout=10_000)  # type: ignore[union-attr]
    sender.stop()
    outbox.close()
    assert [n.body for n in client.get_post(pid).notes] == ["已联系物业"]
