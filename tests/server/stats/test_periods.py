"""Periods in Beijing days and shifts, and figures that read only covering indexes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from platform_server.stats import figures as stats_figures
from platform_server.stats import load as stats_load
from platform_server.stats import measures as stats
from platform_server.stats.sql import resolve_period
from platform_server.storage.engines import open_database
from platform_server.storage.models import utcnow
from tests.helpers.plans import explain, pg_scans_of
from tests.helpers.platform import RunningPlatform
from tests.helpers.stats_cast import SINCE, UNTIL, Cast, utc

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("cast")]


# ---------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("now", "period", "since", "prev_since"),
    [
        # 23:59 Beijing still belongs to the 10th; one minute later the 11th begins.
        ("2025-03-10T15:59:00", "today", "2025-03-09T16:00:00", "2025-03-08T16:00:00"),
        ("2025-03-10T16:00:00", "today", "2025-03-10T16:00:00", "2025-03-09T16:00:00"),
        ("2025-03-10T23:59:00", "shift", "2025-03-10T12:00:00", "2025-03-10T00:00:00"),  # 07:59
        ("2025-03-11T00:00:00", "shift", "2025-03-11T00:00:00", "2025-03-10T12:00:00"),  # 08:00
        ("2025-03-11T12:00:00", "shift", "2025-03-11T12:00:00", "2025-03-11T00:00:00"),  # 20:00
        ("2025-03-11T04:00:00", "7d", "2025-03-04T16:00:00", "2025-02-25T16:00:00"),
        ("2025-03-11T04:00:00", "30d", "2025-02-09T16:00:00", "2025-01-10T16:00:00"),
    ],
)
def test_periods_use_beijing_days_and_shifts(
    now: str, period: str, since: str, prev_since: str
) -> None:
    w = resolve_period(period, None, None, utc(now))
    assert (w.since, w.until, w.prev_since) == (utc(since), utc(now), utc(prev_since))
    assert w.prev_until - w.prev_since == w.until - w.since


def test_window_days_and_day_ends() -> None:
    w = resolve_period("custom", utc(SINCE[:-1]), utc("2025-03-11T04:00:00"), utc(UNTIL[:-1]))
    assert w.days() == ["2025-03-10", "2025-03-11"]
    assert w.day_ends() == [utc("2025-03-10T16:00:00"), utc("2025-03-11T04:00:00")]


# ---------------------------------------------------------------- speed: plans and cache
def test_period_figures_read_only_covering_indexes(platform: RunningPlatform, cast: Cast) -> None:
    """At a million posts a figure that reads post rows takes seconds: every statement
    behind the city's period figures must be answered from an index alone."""
    db = open_database(platform.db_url, create=False)
    statements: list[tuple[str, Any]] = []

    def remember(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: bool) -> None:
        statements.append((stmt, params))

    event.listen(db.read_engine, "before_cursor_execute", remember)
    w = resolve_period("custom", utc(SINCE[:-1]), utc(UNTIL[:-1]), utcnow())
    try:
        with db.reading() as s:
            scope = stats.StatScope("all", None, "全部单位", frozenset())
            for fn in (
                stats_figures.summary,
                stats_figures.times,
                stats_figures.satisfaction,
                stats_figures.silent,
                stats_figures.clearance_out,
                stats_load.volume,
            ):
                fn(s, scope, w)
            event.remove(db.read_engine, "before_cursor_execute", remember)
            plans = {
                stmt: explain(s.connection(), stmt, params)
                for stmt, params in statements
                if "FROM posts" in stmt and "title" not in stmt  # the unhappy list shows titles
            }
    finally:
        db.dispose()
    assert len(plans) > 10
    for stmt, plan in plans.items():
        if platform.engine == "sqlite":
            reads = [p for p in plan if p.startswith(("SCAN posts", "SEARCH posts"))]
            assert reads, stmt
            assert all("COVERING INDEX" in p for p in reads), (stmt, plan)
        else:
            # The counterpart: every read of posts goes through an index. (PostgreSQL
            # prices index-only and plain index scans together, and on a table this
            # small either wins, so "covering" is SQLite's check alone.)
            reads = pg_scans_of(plan, "posts")
            assert reads, (stmt, plan)
            assert all(p.startswith("Index") for p in reads), ("\n".join(plan), stmt)
