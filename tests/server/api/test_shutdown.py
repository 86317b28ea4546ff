"""Stopping the platform with consoles connected is prompt, and they are told the stream ended."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from tests.helpers.platform import RunningPlatform
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration


def test_server_stops_promptly_with_open_event_streams(fresh_platform: RunningPlatform) -> None:
    api = fresh_platform.officer()
    ended: list[float] = []
    opened = threading.Event()

    def listen() -> None:
        with requests.get(api.url("/events"), headers=api.headers(), stream=True, timeout=30) as r:
            for _line in r.iter_lines():
                opened.set()
        ended.append(time.monotonic())

    readers = [threading.Thread(target=listen, daemon=True) for _ in range(3)]
    for t in readers:
        t.start()
    assert opened.wait(5)
    hub = fresh_platform.ctx.hub
    wait_until(lambda: hub.subscriber_count == 3, what="all three streams subscribed")

    started = time.monotonic()
    fresh_platform.stop()
    stopped = time.monotonic() - started
    for t in readers:
        t.join(5)

    assert stopped < 1.5, f"shutdown waited {stopped:.1f} s for open streams"
    assert len(ended) == 3  # every console saw its stream end (and will reconnect)
