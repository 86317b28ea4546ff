"""Time every dashboard figure for the whole city over 30 days on a 1,000,000-post database.

    .venv/bin/python bench/bench_stats.py [--db PATH] [--posts N] [--days D] [--runs R]

Builds the database on first use (or reuses one already at --db with enough posts;
any platform database works, e.g. one made by the demo seeder) and prints, for each
figure and each endpoint, the cold time and the median of R warm runs, computed as
the server computes it (SQL on the SQLite file, no cache), then each endpoint over
loopback HTTP through a real server (first request computes, repeats are served
from the stats cache while no event arrives), and the dashboard's whole load: all
endpoints at once from 4 threads. Target: every figure under 300 ms.

The generator writes rows straight into SQLite (minutes, not hours): posts spread
over D days ending now with a day/night profile, board mix, transfers to stations,
first responses, resolutions, ratings, silent reports with acknowledgement times,
and the timeline entries and replies the workload figures count. Titles are short
placeholders; the full-text index is not filled (the figures never read it).
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
from sqlalchemy import select

from platform_server.config import ServerSettings
from platform_server.demo.reference_data import (
    DEMO_ADMIN_BADGE,
    DEMO_PASSWORD,
    install_reference_data,
)
from platform_server.domain.scope import viewer_for
from platform_server.embedded import EmbeddedServer
from platform_server.stats import figures as stats_figures
from platform_server.stats import load as stats_load
from platform_server.stats import measures as stats
from platform_server.stats.sql import Window, resolve_period, spread
from platform_server.storage.engines import open_database
from platform_server.storage.models import Board, Officer, Unit, utcnow

DEFAULT_DB = Path("/tmp/duty-console-bench/stats-1m.sqlite3")

# board code → share of posts
BOARD_MIX = {
    "110": 0.10, "traffic": 0.20, "hukou": 0.14, "exit-entry": 0.08, "public-order": 0.15,
    "tips": 0.04, "complaint": 0.03, "12345": 0.12, "advice": 0.05, "silent": 0.01,
}  # fmt: skip
# Beijing hour-of-day weights: quiet nights, busy mornings and evenings.
HOUR_WEIGHTS = [2, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 9, 8, 9, 9, 9, 8, 8, 9, 10, 9, 7, 5, 3]


POST_COLUMNS = (
    "id", "kind", "board_id", "title", "body", "citizen_id", "author_nickname", "author_phone",
    "channel", "status", "unit_id", "assignee_id", "created_at", "updated_at", "deadline_at",
    "accepted_at", "first_response_at", "resolved_at", "archived_at", "resolution", "version",
    "pinned", "lat", "lon", "accuracy_m", "address", "suppress_receipt", "acknowledged_by_id",
    "acknowledged_at", "escalated_at", "transfer_count", "reply_count", "attachment_count",
    "rating_score",
)  # fmt: skip


def ts(epoch: float) -> str:
    """The text SQLAlchemy stores for a naive-UTC DateTime on SQLite."""
    dt = datetime.fromtimestamp(epoch, UTC)
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def build(path: Path, posts: int, days: int, seed: int = 7) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    db = open_database(url)  # schema, full-text table and triggers
    with db.writing() as s:
        install_reference_data(s)
        units = {u.id: u for u in s.scalars(select(Unit))}
        boards = {b.code: b for b in s.scalars(select(Board))}
        officers: dict[int, list[int]] = {}
        for o in s.scalars(select(Officer).where(Officer.role == "officer")):
            officers.setdefault(o.unit_id, []).append(o.id)
    db.dispose()

    rng = random.Random(seed)
    code_of = {u.id: u.code for u in units.values()}
    stations = [u.id for u in units.values() if u.kind == "station"]
    municipal = [u.id for u in units.values() if u.kind == "municipal"]
    cmd = next(uid for uid, code in code_of.items() if code == "cmd")
    codes = list(BOARD_MIX)
    weights = list(BOARD_MIX.values())
    now = time.time()
    start = now - days * 86400
    day_weights = [w / sum(HOUR_WEIGHTS) for w in HOUR_WEIGHTS]

    created = _creation_times(rng, posts, days, start, now, day_weights)

    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("DROP TRIGGER IF EXISTS posts_fts_ai")  # re-created on next open
    post_rows: list[tuple[Any, ...]] = []
    timeline: list[tuple[Any, ...]] = []
    replies: list[tuple[Any, ...]] = []
    ratings: list[tuple[Any, ...]] = []
    for pid, t in enumerate(created, start=1):
        code = rng.choices(codes, weights)[0]
        board = boards[code]
        unit = board.default_unit_id or cmd
        transferred, unit = _handed_on(rng, code, unit, stations, municipal)
        staff = officers.get(unit) or officers[cmd]
        assignee = rng.choice(staff)
        deadline = t + board.deadline_minutes * 60
        silent = code == "silent"
        first = t + min(rng.lognormvariate(math.log(1200), 1.0), 5 * 86400)
        resolve = first + rng.lognormvariate(math.log(6 * 3600 if not silent else 1200), 1.1)
        if rng.random() < 0.004:  # a few stuck cases keep an overdue backlog
            resolve = now + 86400
        accepted = t + (first - t) * 0.4
        first_at, resolved_at, archived_at = None, None, None
        status = "accepted" if accepted < now else "new"
        if first < now:
            status, first_at = "in_progress", ts(first)
            replies.append((pid, assignee, unit, "已收到，正在处理。", "bench", ts(first)))
        if resolve < now:
            status, resolved_at = "resolved", ts(resolve)
            if resolve < now - 7 * 86400:
                status, archived_at = "archived", ts(resolve + 7 * 86400)
            timeline.append((pid, ts(resolve), "resolved", "officer", assignee, None, None, ""))
        if accepted < now:
            timeline.append((pid, ts(accepted), "accepted", "officer", assignee, None, None, ""))
        if transferred is not None and accepted < now:
            who = rng.choice(officers[cmd])
            when = ts(t + (accepted - t) / 2)
            timeline.append((pid, when, "transferred", "officer", who, transferred, unit, ""))
        ack_by = ack_at = escalated = None
        if silent:
            ack_by, ack_at, escalated = _acknowledgement(rng, t, now, assignee)
        score = None
        if resolved_at and rng.random() < 0.4:
            score = rng.choices([1, 2, 3, 4, 5], [5, 5, 10, 30, 50])[0]
            comment = "回复太慢" if score <= 2 else ""
            ratings.append((pid, score, comment, ts(min(resolve + 3600, now - 1))))
        updated = max(x for x in (t, first, resolve, accepted) if x < now)
        post_rows.append((
            pid, "silent_report" if silent else "post", board.id, f"测试帖子 {pid}", "", None,
            "市民", None, "board", status, unit, assignee, ts(t), ts(updated), ts(deadline),
            ts(accepted) if accepted < now else None, first_at, resolved_at, archived_at,
            None, 1, 0, None, None, None, None, 0, ack_by, ack_at, escalated,
            0 if transferred is None else 1, 1 if first_at else 0, 0, score,
        ))  # fmt: skip
        if len(post_rows) >= 50_000:
            _flush(con, post_rows, timeline, replies, ratings)
    _flush(con, post_rows, timeline, replies, ratings)
    con.execute("ANALYZE")
    con.commit()
    con.close()


def _handed_on(
    rng: random.Random, code: str, unit: int, stations: list[int], municipal: list[int]
) -> tuple[int | None, int]:
    """(the unit a post was transferred from or None, the unit holding it now)."""
    if code in ("110", "public-order") and rng.random() < 0.6:
        return unit, rng.choice(stations)
    if code == "12345" and rng.random() < 0.5:
        return unit, rng.choice(municipal)
    return None, unit


def _creation_times(
    rng: random.Random, posts: int, days: int, start: float, now: float, day_weights: list[float]
) -> list[float]:
    created = []
    for _ in range(posts):
        day = math.floor(rng.uniform(0, days))
        hour = rng.choices(range(24), day_weights)[0]
        # Beijing hour h is UTC hour h − 8 of the same Beijing day
        t = start + day * 86400 + (hour - 8) * 3600 + rng.uniform(0, 3600)
        created.append(min(max(t, start), now - 1))
    created.sort()
    return created


def _acknowledgement(
    rng: random.Random, t: float, now: float, assignee: int
) -> tuple[int | None, str | None, str | None]:
    """(acknowledged_by, acknowledged_at, escalated_at) of a silent report made at t."""
    ack_by = ack_at = escalated = None
    ack = rng.lognormvariate(math.log(10), 0.45)
    if t + ack < now:
        ack_by, ack_at = assignee, ts(t + ack)
    if ack > 15:
        escalated = ts(t + 15)
    return ack_by, ack_at, escalated


def _flush(
    con: sqlite3.Connection, posts: list, timeline: list, replies: list, ratings: list
) -> None:
    marks = ",".join("?" * len(POST_COLUMNS))
    con.executemany(f"INSERT INTO posts ({', '.join(POST_COLUMNS)}) VALUES ({marks})", posts)
    con.executemany(
        "INSERT INTO timeline (post_id, at, action, actor_kind, officer_id, from_unit_id,"
        " to_unit_id, detail) VALUES (?,?,?,?,?,?,?,?)",
        timeline,
    )
    con.executemany(
        "INSERT INTO replies (post_id, officer_id, unit_id, body, workstation, created_at)"
        " VALUES (?,?,?,?,?,?)",
        replies,
    )
    con.executemany(
        "INSERT INTO ratings (post_id, score, comment, created_at) VALUES (?,?,?,?)", ratings
    )
    con.commit()
    for rows in (posts, timeline, replies, ratings):
        rows.clear()
    print(".", end="", flush=True)


def bring_up_to_date(path: Path) -> None:
    """Indexes the models gained since the database was built, and planner statistics.

    Opening the database does both, as the server does on start (`open_database`).
    """
    open_database(f"sqlite:///{path}").dispose()


def post_count(path: Path) -> int:
    if not path.exists():
        return 0
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM posts").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """(cold ms, median warm ms)."""
    t0 = time.perf_counter()
    fn()
    cold = (time.perf_counter() - t0) * 1000
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        warm.append((time.perf_counter() - t0) * 1000)
    return cold, statistics.median(warm)


def bench_sql(path: Path, runs: int, url: str = "") -> list[tuple[str, float, float]]:
    """Each figure and endpoint computed directly (no response cache, nothing shared).

    `url`: another database with the same city instead (PostgreSQL:
    bench/copy_to_postgres.py copies the SQLite one).
    """
    db = open_database(url or f"sqlite:///{path}")
    w = resolve_period("30d", None, None, utcnow())
    p = stats.previous_window(w)
    results = []
    with db.reading() as s:
        admin = s.scalars(select(Officer).where(Officer.role == "admin")).first()
        assert admin is not None
        scope = stats.resolve_scope(s, viewer_for(s, admin), None)  # every unit
        in_window = stats.created_figures(s, scope, w).created
        print(
            f"\n{db.url.split('://')[0]}: posts in the database: "
            f"{post_count(path) if not url else '(copy)'}; created in the 30-day window: "
            f"{in_window:,}; open now: {stats.open_now(s, scope):,}\n"
        )

        def spread_of(win: Window, which: str) -> Any:
            return spread([r[0] for r in stats_figures.durations(s, scope, win, which)])

        figures: dict[str, Callable[[], Any]] = {
            "open now": lambda: stats.open_now(s, scope),
            "open at previous end": lambda: stats.open_at(s, scope, w.prev_until, w.now),
            "overdue now": lambda: stats.overdue_now(s, scope, w.now),
            "overdue at previous end": lambda: stats.overdue_at(s, scope, w.prev_until),
            "silent unacknowledged": lambda: stats.silent_unacknowledged_at(s, scope, None),
            "created + compliance + clearance (one pass)": lambda: stats.created_figures(
                s, scope, w
            ),
            "first response median/p90": lambda: spread_of(w, "first"),
            "first response median, previous period": lambda: spread_of(p, "first"),
            "resolution median/p90": lambda: spread_of(w, "resolution"),
            "satisfaction average": lambda: stats.satisfaction_avg(s, scope, w),
            "deadline compliance": lambda: stats.compliance(s, scope, w),
            "24-hour clearance": lambda: stats.clearance(s, scope, w),
            "silent ack within 15/20 s": lambda: stats.silent_within(s, scope, w),
            "backlog per day": lambda: stats_load.backlog(s, scope, w, [0] * len(w.days())),
            "[endpoint] summary (all KPIs × 2 periods)": lambda: stats_figures.summary(s, scope, w),
            "[endpoint] workload": lambda: stats_load.workload(s, scope, w),
            "[endpoint] volume (+ backlog)": lambda: stats_load.volume(s, scope, w),
            "[endpoint] times (by board, unit, histogram)": lambda: stats_figures.times(
                s, scope, w
            ),
            "[endpoint] deadlines": lambda: stats_load.deadlines(s, scope, w),
            "[endpoint] satisfaction": lambda: stats_figures.satisfaction(s, scope, w),
            "[endpoint] silent": lambda: stats_figures.silent(s, scope, w),
            "[endpoint] clearance": lambda: stats_figures.clearance_out(s, scope, w),
        }
        for name, fn in figures.items():
            cold, warm = timed(fn, runs)
            results.append((name, cold, warm))
    db.dispose()
    return results


ENDPOINTS = (
    "summary", "workload", "volume", "times", "deadlines", "satisfaction", "silent", "clearance",
)  # fmt: skip


def _signed_in(url: str) -> requests.Session:
    api = requests.Session()
    r = api.post(
        url + "/api/v1/auth/login",
        json={"badge": DEMO_ADMIN_BADGE, "password": DEMO_PASSWORD, "workstation": "bench"},
        timeout=60,
    )
    r.raise_for_status()
    api.headers["Authorization"] = "Bearer " + r.json()["token"]
    return api


def bench_http(path: Path, runs: int) -> list[tuple[str, float, float]]:
    """Over loopback: the first request of each endpoint computes, repeats hit the cache.

    The first request of `times` may reuse the durations `summary` just read (same
    event seq and minute), as it does when the dashboard asks for both at once.
    """
    results = []
    with EmbeddedServer(ServerSettings(db_url=f"sqlite:///{path}")) as server:
        api = _signed_in(server.url)
        for name in ENDPOINTS:

            def get(name: str = name) -> None:
                api.get(
                    f"{server.url}/api/v1/stats/{name}", params={"period": "30d"}, timeout=60
                ).raise_for_status()

            cold, warm = timed(get, runs)
            results.append((f"GET /stats/{name} (first / cached)", cold, warm))
    return results


def bench_first_load(path: Path, runs: int) -> list[tuple[str, float, float]]:
    """The dashboard's load: every endpoint at once from 4 threads, as the console asks.

    Cold on a freshly started server (nothing cached; what a dashboard sees after an
    event), then the median of repeats (cached: a second screen, a period switch back).
    """
    results = []
    with EmbeddedServer(ServerSettings(db_url=f"sqlite:///{path}")) as server:
        sessions = [_signed_in(server.url) for _ in ENDPOINTS]

        def load() -> None:
            def one(i: int) -> None:
                sessions[i].get(
                    f"{server.url}/api/v1/stats/{ENDPOINTS[i]}",
                    params={"period": "30d"},
                    timeout=60,
                ).raise_for_status()

            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(one, range(len(ENDPOINTS))))

        cold, warm = timed(load, runs)
        results.append(("all 8 endpoints at once, 4 threads (first / cached)", cold, warm))
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--posts", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument(
        "--db-url",
        default="",
        help="time the figures on this database instead (e.g. the PostgreSQL copy of --db); "
        "implies --no-http",
    )
    ap.add_argument("--build-only", action="store_true", help="make the database, time nothing")
    args = ap.parse_args()

    have = post_count(args.db)
    if have < args.posts * 0.99:
        if args.db.exists():
            sys.exit(f"{args.db} holds {have:,} posts, fewer than asked; remove it or pick --db")
        print(f"building {args.posts:,} posts over {args.days} days in {args.db} ", end="")
        t0 = time.perf_counter()
        build(args.db, args.posts, args.days)
        print(f" {time.perf_counter() - t0:.0f} s")
    bring_up_to_date(args.db)
    if args.build_only:
        return
    rows = bench_sql(args.db, args.runs, args.db_url)
    if not args.no_http and not args.db_url:
        rows += bench_http(args.db, args.runs)
        rows += bench_first_load(args.db, args.runs)
    width = max(len(r[0]) for r in rows)
    print(f"{'figure (city, 30 days)':<{width}}  {'cold ms':>8}  {'warm ms':>8}")
    for name, cold, warm in rows:
        flag = "" if max(cold, warm) < 300 else "  ← over 300 ms"
        print(f"{name:<{width}}  {cold:8.1f}  {warm:8.1f}{flag}")


if __name__ == "__main__":
    main()
