"""PostgreSQL restarts under a running city: consoles carry on and nothing is lost.

Two server processes on a cluster of this test's own; streams open on both; the
cluster is restarted (every connection cut) between two batches of silent reports.
Citizens' apps retry a failed report with the same Idempotency-Key, as the console's
outbox does; every stream must end up with every report exactly once, in seq order,
resuming with Last-Event-ID if its stream was cut.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE, DEMO_PASSWORD
from tests.helpers.databases import _reference
from tests.helpers.platform import Api, new_key
from tests.helpers.postgres import Cluster
from tests.helpers.processes import ServerProcess
from tests.helpers.sse import SseReader

pytestmark = pytest.mark.integration


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    c = Cluster.start(prefix="duty-pg-restart-")
    yield c
    c.stop()


def report(url: str, body: str, retries: list[int]) -> int:
    """A silent report as a citizen's app sends it: retried with its key until accepted."""
    key = new_key()
    deadline = time.monotonic() + 30
    attempt = 0
    while True:
        try:
            citizen = Api(url)
            r = citizen.post("/public/session", {"nickname": "匿名", "phone": None})
            if r.status_code == 200:
                citizen.token = r.json()["token"]
                r = citizen.post(
                    "/public/silent-reports",
                    {"body": body, "location": {"lat": 31.2, "lon": 121.5, "accuracy_m": 20}},
                    headers={"Idempotency-Key": key},
                )
                if r.status_code == 201:
                    retries.append(attempt)
                    return int(r.json()["id"])
            assert r.status_code >= 500, r.text  # only the outage may refuse it
        except requests.RequestException:
            pass
        attempt += 1
        assert time.monotonic() < deadline, "the platform never came back"
        time.sleep(0.2)


class Watch:
    """One console's stream: resumes from its last event whenever the stream ends."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token
        self.reports: list[int] = []
        self.seqs: list[int] = []
        self.reconnects = 0
        self.reader = SseReader(url, token)
        self.reader.ready()

    def collect(self, want: set[int], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not want <= set(self.reports):
            assert time.monotonic() < deadline, f"missing {sorted(want - set(self.reports))}"
            frame = self.reader.next(timeout=1)
            if frame is None:
                if self.reader.eof:
                    self._resume()
                continue
            if frame.event is None:
                continue
            self.seqs.append(frame.seq)
            if frame.event == "silent.created":
                self.reports.append(frame.json["id"])

    def _resume(self) -> None:
        self.reader.close()
        self.reconnects += 1
        last = str(self.seqs[-1]) if self.seqs else None
        self.reader = SseReader(self.url, self.token, last_event_id=last)
        self.reader.ready()

    def close(self) -> None:
        self.reader.close()


def test_restart_mid_stream_loses_nothing(cluster: Cluster, tmp_path: Path) -> None:
    url = cluster.create_database("city")
    _reference(url)
    servers = [ServerProcess.start(url, tmp_path) for _ in range(2)]
    watches: list[Watch] = []
    try:
        for s in servers:
            api = Api(s.url)
            r = api.post(
                "/auth/login",
                {"badge": DEMO_ADMIN_BADGE, "password": DEMO_PASSWORD, "workstation": "w"},
            )
            watches.append(Watch(s.url, r.json()["token"]))
        retries: list[int] = []
        before = {report(servers[i % 2].url, f"重启前{i}", retries) for i in range(10)}
        for w in watches:
            w.collect(before)
        cluster.restart("fast")
        after = {report(servers[i % 2].url, f"重启后{i}", retries) for i in range(10)}
        everything = before | after
        for w in watches:
            w.collect(everything)
            assert sorted(w.reports) == sorted(everything), "each report exactly once"
            assert w.seqs == sorted(set(w.seqs)), "in seq order, never twice"
        # The log itself kept everything, in order: a console starting now replays it all.
        with SseReader(servers[0].url, watches[0].token, after=0) as replay:
            replay.ready()
            frames = replay.until(
                lambda f: f.event == "silent.created" and f.json["id"] == max(everything)
            )
            replayed = [f.json["id"] for f in frames if f.event == "silent.created"]
        assert sorted(replayed) == sorted(everything)
    finally:
        for w in watches:
            w.close()
        for s in servers:
            s.stop()
