"""An open stream's credentials are re-checked with every other stream's, not one by one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import event as sa_event

from tests.helpers import dbutil
from tests.helpers.databases import start_platform_on
from tests.helpers.platform import RunningPlatform, silent_report
from tests.helpers.sse import SseReader
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def guarded(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """Pings every 0.4 s, so the credential checks are quick to observe."""
    p = start_platform_on(engine, tmp_path_factory.mktemp("guard"), ping_seconds=0.4)
    yield p
    p.stop()


def test_an_officer_moved_to_another_unit_has_the_stream_closed_with_a_sentence(
    guarded: RunningPlatform,
) -> None:
    badge = dbutil.badge_in_unit(guarded, "st-chengguan")
    officer = guarded.officer(badge)
    with SseReader(guarded.url, officer.token) as sse:
        sse.ready()
        dbutil.execute(
            guarded,
            "UPDATE officers SET unit_id = ? WHERE badge = ?",
            dbutil.unit_id(guarded, "traffic"),
            badge,
        )
        frames = sse.events(timeout=3)
        assert frames and frames[-1].event == "stream.closed"
        assert frames[-1].json["reason"] == "scope_changed"
        assert "重新连接" in frames[-1].json["message"]
        assert sse.eof


def test_forty_open_streams_cost_one_token_query_per_check_not_one_each(
    guarded: RunningPlatform,
) -> None:
    """At a city's scale (hundreds of consoles) a query per stream per ping starved the
    connection pool: reports waited and streams died. The checks run together."""
    guard: Any = guarded.ctx.guard
    token_queries = [0]

    def count(_conn: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if "FROM officer_tokens" in statement:
            token_queries[0] += 1

    engine = guarded.ctx.db.read_engine
    with ExitStack() as streams:
        readers = [
            streams.enter_context(SseReader(guarded.url, guarded.officer().token))
            for _ in range(40)
        ]
        for r in readers:
            r.ready()
        sa_event.listen(engine, "before_cursor_execute", count)
        try:
            passes = guard.passes
            wait_until(lambda: guard.passes >= passes + 4, timeout=10)
            checks = guard.passes - passes
            queries = token_queries[0]
        finally:
            sa_event.remove(engine, "before_cursor_execute", count)
        # Every stream still open and live: a silent report reaches all forty.
        report = silent_report(guarded)
        for r in readers:
            r.until(lambda f: f.event == "silent.created" and f.json["id"] == report, timeout=5)
    assert queries <= checks + 1, (queries, checks)
