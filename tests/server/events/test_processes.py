"""Three server processes on one PostgreSQL database, as a city deploys them.

Every case here is about more than one process sharing a database, which SQLite
(the embedded default, one process) is not meant for; so these run on PostgreSQL
only, each process a real `platform-server serve` started as a subprocess.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE, DEMO_PASSWORD
from tests.helpers import databases
from tests.helpers.concurrency import race
from tests.helpers.platform import Api, new_key, silent_report
from tests.helpers.posts import citizen_post, error, if_match
from tests.helpers.processes import ServerProcess
from tests.helpers.sse import Frame, SseReader
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration

REPORTS = 200


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return databases.new_database("postgresql", tmp_path_factory.mktemp("processes"))


@pytest.fixture(scope="module")
def servers(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ServerProcess]]:
    folder = tmp_path_factory.mktemp("servers")
    with ThreadPoolExecutor(3) as pool:
        started = list(
            pool.map(
                lambda _: ServerProcess.start(db_url, folder, "--escalation-seconds", "2"),
                range(3),
            )
        )
    yield started
    for s in started:
        s.stop()


def sign_in(url: str, badge: str, workstation: str = "proc-test") -> Api:
    api = Api(url)
    r = api.post(
        "/auth/login", {"badge": badge, "password": DEMO_PASSWORD, "workstation": workstation}
    )
    r.raise_for_status()
    api.token = r.json()["token"]
    return api


def test_every_stream_on_every_process_gets_every_report_once_in_order(
    servers: list[ServerProcess],
) -> None:
    readers = [
        SseReader(s.url, sign_in(s.url, DEMO_ADMIN_BADGE).token) for s in servers for _ in range(2)
    ]
    try:
        for r in readers:
            r.ready()
        targets = [servers[i % 3].url for i in range(REPORTS)]
        with ThreadPoolExecutor(8) as pool:
            posted = set(
                pool.map(lambda t: silent_report(t[1], f"第{t[0]}号无声报警"), enumerate(targets))
            )
        assert len(posted) == REPORTS
        for reader in readers:
            frames: list[Frame] = []
            reports: list[int] = []

            def done(f: Frame, frames: list[Frame] = frames, reports: list[int] = reports) -> bool:
                if f.event is not None:
                    frames.append(f)
                    if f.event == "silent.created":
                        reports.append(f.json["id"])
                return len(reports) >= REPORTS

            reader.until(done, timeout=30)
            assert sorted(reports) == sorted(posted), "every report exactly once"
            seqs = [f.seq for f in frames]
            assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "in seq order, no gap"
    finally:
        for r in readers:
            r.close()


def test_parallel_accepts_across_processes_have_one_winner(servers: list[ServerProcess]) -> None:
    badges = ("010001", "010002", "010003", "010004")
    officers = [sign_in(servers[i % 3].url, b) for i, b in enumerate(badges)]
    for _ in range(3):
        pid = citizen_post(servers[0].url)
        results = race(
            [partial(a.post, f"/posts/{pid}/accept", headers=if_match(1)) for a in officers]
        )
        codes = sorted(r.status_code for r in results)
        assert codes == [200] + [409] * (len(badges) - 1), codes
        winner = next(r for r in results if r.status_code == 200).json()["assignee_id"]
        for r in results:
            if r.status_code == 409:
                assert error(r)["code"] == "claimed_by_other"
                assert error(r)["holder"]["id"] == winner


def test_parallel_notes_across_processes_lose_no_update(servers: list[ServerProcess]) -> None:
    pid = citizen_post(servers[1].url)
    apis = [sign_in(s.url, "010001", f"ws-{i}") for i, s in enumerate(servers)]
    results = race(
        [
            partial(a.post, f"/posts/{pid}/notes", {"body": f"备注{i}-{n}"})
            for i, a in enumerate(apis)
            for n in range(4)
        ]
    )
    assert [r.status_code for r in results] == [201] * 12
    assert sorted(int(r.headers["ETag"].strip('"')) for r in results) == list(range(2, 14))
    assert apis[0].get(f"/posts/{pid}").json()["version"] == 13


def test_repeats_of_one_idempotency_key_are_replays_never_errors(
    servers: list[ServerProcess],
) -> None:
    pid = citizen_post(servers[2].url)
    apis = [sign_in(servers[i % 3].url, "010001", f"ws-{i}") for i in range(6)]
    headers = {"Idempotency-Key": new_key()}
    body = {"body": "您好，已安排民警处理。"}
    results = race([partial(a.post, f"/posts/{pid}/replies", body, headers=headers) for a in apis])
    codes = [r.status_code for r in results]
    assert all(c in (201, 409) for c in codes), codes
    created = [r for r in results if r.status_code == 201]
    assert len({r.json()["id"] for r in created}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") != "true" for r in created) == 1
    detail = apis[0].get(f"/posts/{pid}").json()
    assert len(detail["replies"]) == 1 and detail["reply_count"] == 1


def test_each_report_escalates_exactly_once_with_three_processes(
    servers: list[ServerProcess],
) -> None:
    admin = sign_in(servers[0].url, DEMO_ADMIN_BADGE)
    reports = [silent_report(servers[i % 3].url, f"没人确认的报警{i}") for i in range(6)]
    with SseReader(servers[1].url, admin.token, after=0) as sse:
        escalated: list[int] = []

        def seen_all(f: Frame) -> bool:
            if f.event == "silent.escalated" and f.json["id"] in reports:
                escalated.append(f.json["id"])
            return set(escalated) == set(reports)

        sse.until(seen_all, timeout=20)
        # Every process checks every second; a second escalation would follow within that.
        extra = sse.events(timeout=2.5)
    assert sorted(escalated) == sorted(reports)
    assert not [f for f in extra if f.event == "silent.escalated" and f.json["id"] in reports]
    wait_until(
        lambda: all(admin.get(f"/posts/{r}").json()["escalated_at"] for r in reports), timeout=5
    )


def test_serve_workers_runs_that_many_processes_on_one_port(db_url: str, tmp_path: Path) -> None:
    server = ServerProcess.start(db_url, tmp_path, "--workers", "2")
    try:
        workers = [
            p
            for p in Path("/proc").glob("[0-9]*")
            if _parent(p) == server.proc.pid and _is_worker(p)
        ]
        assert len(workers) == 2, server.output()
        admin_token = sign_in(server.url, DEMO_ADMIN_BADGE).token
        readers = [SseReader(server.url, admin_token) for _ in range(6)]
        try:
            for r in readers:
                r.ready()
            posted = {silent_report(server.url, f"多进程{i}") for i in range(10)}
            for r in readers:
                got: set[int] = set()

                def all_in(f: Frame, got: set[int] = got) -> bool:
                    if f.event == "silent.created":
                        got.add(f.json["id"])
                    return got >= posted

                r.until(all_in, timeout=10)
                assert got >= posted
        finally:
            for r in readers:
                r.close()
    finally:
        server.stop()


def _parent(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _is_worker(proc: Path) -> bool:
    try:
        cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return b"multiprocessing" in cmd and b"resource_tracker" not in cmd
