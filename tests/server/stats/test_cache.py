"""The figure cache: answers from the cache until the event log moves, never across
scopes, one computation for identical requests arriving together."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import partial

import pytest

from platform_server.stats.cache import FigureCache, window_key
from platform_server.stats.sql import resolve_period
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import citizen_post
from tests.helpers.stats_cast import SINCE, UNTIL, ok, utc
from tests.helpers.waiting import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("cast")]


def test_repeated_requests_are_served_from_the_cache(fresh_platform: RunningPlatform) -> None:
    admin = fresh_platform.officer("010999")
    citizen_post(fresh_platform)
    for _ in range(3):  # a pair of requests inside one minute
        first, again = ok(admin, "summary", period="today"), ok(admin, "summary", period="today")
        if first["window"]["generated_at"][:16] == again["window"]["generated_at"][:16]:
            break
    # The second was not computed again: it carries the first one's computing time.
    assert again["window"]["generated_at"] == first["window"]["generated_at"]
    assert again == first


def test_every_event_shows_at_the_next_request(fresh_platform: RunningPlatform) -> None:
    admin = fresh_platform.officer("010999")
    before = ok(admin, "summary", period="today")
    times_before = ok(admin, "times", period="today")
    assert (before["created"]["value"], before["open"]["value"]) == (0, 0)
    assert times_before["first_response"]["overall"]["count"] == 0

    pid = citizen_post(fresh_platform)
    s = ok(admin, "summary", period="today")
    assert (s["created"]["value"], s["open"]["value"]) == (1, 1)
    assert s["first_response_median_s"]["value"] is None
    assert ok(admin, "volume", period="today")["total"] == 1

    officer = fresh_platform.officer("010001")
    assert officer.act(pid, "accept").status_code == 200
    r = officer.post(f"/posts/{pid}/replies", {"body": "已受理"}, headers={"Idempotency-Key": "k1"})
    assert r.status_code == 201, r.text
    # The durations the tiles and the times chart share were read again as well.
    t = ok(admin, "times", period="today")
    assert t["first_response"]["overall"]["count"] == 1
    s = ok(admin, "summary", period="today")
    assert s["first_response_median_s"]["value"] == t["first_response"]["overall"]["median_s"]
    assert s["first_response_median_s"]["value"] >= 0
    w = ok(admin, "workload", period="today")
    mine = next(o for o in w["officers"] if o["badge"] == "010001")
    assert (mine["accepted"], mine["replied"], mine["open"]) == (1, 1, 1)


def test_scopes_do_not_share_cached_figures(fresh_platform: RunningPlatform) -> None:
    citizen_post(fresh_platform, board="110")  # lands at the command centre
    city = ok(fresh_platform.officer("010999"), "summary", period="today")
    own = ok(fresh_platform.officer("010001"), "summary", period="today")
    assert (city["window"]["scope"], city["created"]["value"]) == ("all", 1)
    assert (own["window"]["scope"], own["created"]["value"]) == ("self", 0)  # not assigned


# ---------------------------------------------------------------- the cache itself
def test_identical_requests_arriving_together_compute_once() -> None:
    cache = FigureCache()
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> str:
        calls.append(1)
        gate.wait(5)
        return "figures"

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(cache.get_or_compute, "summary", 7, compute) for _ in range(4)]
        wait_until(lambda: cache.waiting == 3, what="three requests wait for the first")
        gate.set()
        assert [f.result(timeout=5) for f in futures] == ["figures"] * 4
    assert len(calls) == 1
    assert cache.get_or_compute("summary", 7, lambda: "again") == "figures"


def test_a_new_event_drops_every_older_entry() -> None:
    cache = FigureCache()
    cache.get_or_compute("summary", 7, lambda: "at 7")
    cache.get_or_compute("times", 7, lambda: "at 7")
    assert cache.get_or_compute("summary", 8, lambda: "at 8") == "at 8"
    assert len(cache) == 1
    # A computation that started before the event is returned but not kept.
    assert cache.get_or_compute("times", 7, lambda: "late") == "late"
    assert len(cache) == 1


def test_a_failed_computation_is_not_cached() -> None:
    cache = FigureCache()

    def broken() -> str:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cache.get_or_compute("k", 1, broken)
    assert cache.get_or_compute("k", 1, lambda: "ok") == "ok"
    assert len(cache) == 1


def test_the_cache_keeps_only_the_most_recent_entries() -> None:
    cache = FigureCache(max_entries=3)
    for i in range(5):
        cache.get_or_compute(i, 1, partial(int, i))
    assert len(cache) == 3
    assert cache.get_or_compute(0, 1, lambda: "again") == "again"  # dropped, computed anew
    assert cache.get_or_compute(4, 1, lambda: "stale") == 4


def test_cache_keys_move_with_the_minute_not_the_second() -> None:
    at = datetime(2025, 3, 11, 4, 0, 5)
    same = resolve_period("30d", None, None, at + timedelta(seconds=50))
    later = resolve_period("30d", None, None, at + timedelta(seconds=60))
    assert window_key(resolve_period("30d", None, None, at)) == window_key(same)
    assert window_key(same) != window_key(later)
    custom = resolve_period("custom", utc(SINCE[:-1]), utc(UNTIL[:-1]), at)
    assert window_key(custom) != window_key(resolve_period("custom", utc(SINCE[:-1]), at, at))
