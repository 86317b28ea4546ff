"""The platform on PostgreSQL at 1,000,000 posts: list, search, event fan-out, write lock.

    .venv/bin/python bench/bench_postgres.py --pg-port PORT [--sqlite PATH]
    .venv/bin/python bench/bench_postgres.py --engine sqlite [--sqlite PATH]   (the same, SQLite)
        [--streams 1000] [--events 20] [--runs 40] [--skip build,summary,list,search,fanout]

Needs a running PostgreSQL 15 cluster on 127.0.0.1:PORT (user postgres, trust), e.g.
the tests' kind (tests/helpers/postgres.py). The database `bench_million` is built
once and reused:

1. the very city bench/seed_million.py made for SQLite (1,000,000 posts of the real
   seeder over 365 days, every child row), copied row for row by
   bench/copy_to_postgres.py, so both engines are measured on the same data.
2. List pages (GET /posts, limit 100) as officer 010001 and as the admin.
3. Search (?q=) with 1-, 2-, 3- and 6-character terms, common and rare.
   (2 and 3 in the steady state: after the server has read its KPI copy.)
4. Event fan-out: S SSE streams (asyncio + httpx, one process) over 1 server process,
   then over 3 (streams spread round-robin, the reports all posted to the first, so
   two thirds of the deliveries cross processes by LISTEN/NOTIFY); E silent reports,
   one every 0.25 s; latency = POST response received → event parsed, for every
   (stream, report) pair; delivered/expected.
5. The dashboard's KPI tiles, `/stats/summary` uncached: a citizen posts before each
   request, so the figure cache never answers (what a busy city's dashboard sees). The
   city, then a station's leader; 30 days, 7 days and today. Also when the server's
   columnar copy of the posts was ready after start (`stats.columns`; until then the
   tiles come from SQL).
6. The event-log lock at peak: 8 threads posting silent reports as fast as they can
   for 10 s; requests per second, POST p50/p99, and the time transactions waited for
   the event-log lock (pg_locks sampled) — what writing events in commit order costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg
import requests
from sqlalchemy import delete, func, select

from bench import copy_to_postgres
from bench.common import (
    API,
    ServerProcess,
    bearer,
    citizen_token,
    login,
    machine_line,
    ms_row,
    now_s,
)
from platform_server.demo.reference_data import OFFICERS
from platform_server.storage.engines import open_database
from platform_server.storage.models import Base, Post

DB = "bench_million"
BENCH_NICKNAMES = ("基准", "压测")  # the citizens this script posts as
# The leader of the city-centre station (城关派出所) in the demo city's reference data.
STATION_LEADER = next(o.badge for o in OFFICERS if o.role == "leader" and o.unit == "st-chengguan")
TERMS = {
    "1-char": ["户", "车", "狗", "噪", "骗"],
    "2-char": ["户口", "台球", "噪音", "电动", "诈骗"],
    "3-char": ["派出所", "足浴店", "身份证", "电动车", "停车场"],
    "6-char": ["小区门口路灯", "身份证丢失了", "请尽快处理谢", "电动车被偷了", "不存在的句子"],
}


def conninfo(port: int, db: str = "postgres") -> str:
    return f"host=127.0.0.1 port={port} user=postgres dbname={db}"


def url_of(port: int) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DB}"


# ---------------------------------------------------------------- 1. the database
def build(port: int, sqlite_path: Path) -> None:
    """The SQLite city copied into PostgreSQL once (reused while it is complete)."""
    with psycopg.connect(conninfo(port), autocommit=True) as c:
        if c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB,)).fetchone():
            with psycopg.connect(conninfo(port, DB)) as d:
                done = d.execute(
                    "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_posts_text_grams'"
                ).fetchone()
                n = d.execute("SELECT count(*) FROM posts").fetchone()[0]  # type: ignore[index]
            if done and n:
                print(f"database {DB}: {n:,} posts (reused)")
                return
            c.execute(f"DROP DATABASE {DB} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {DB}")
    copy_to_postgres.copy(sqlite_path, url_of(port))


def remove_bench_posts(db_url: str) -> None:
    """Delete what earlier runs of this script posted (its citizens' nicknames), and every
    row of theirs: searches and the KPI tiles then see the city, not thousands of test
    reports on top of it."""
    db = open_database(db_url, create=False)
    mine = select(Post.id).where(Post.author_nickname.in_(BENCH_NICKNAMES))
    try:
        with db.writing() as s:
            n = s.scalar(select(func.count()).select_from(mine.subquery())) or 0
            for table in reversed(Base.metadata.sorted_tables):
                if table.name != "posts" and "post_id" in table.c:
                    s.execute(delete(table).where(table.c.post_id.in_(mine)))
            s.execute(delete(Post).where(Post.id.in_(mine)))
        if n and db.is_postgresql:  # index scans would step over the dead rows until then
            with db.write_engine.connect() as c:
                c.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM (ANALYZE) posts, events, timeline"
                )
    finally:
        db.dispose()
    print(f"removed {n:,} posts of earlier benchmark runs")


# ---------------------------------------------------------------- 2/3. list and search
def timed_gets(url: str, token: str, params: dict[str, Any], runs: int) -> list[float]:
    http = requests.Session()
    out = []
    http.get(url + API + "/posts", params=params, headers=bearer(token), timeout=60)  # warm
    for _ in range(runs):
        t = time.perf_counter()
        r = http.get(url + API + "/posts", params=params, headers=bearer(token), timeout=60)
        out.append(time.perf_counter() - t)
        r.raise_for_status()
    return out


def bench_list_search(url: str, runs: int) -> None:
    officer, admin = login(url, "010001"), login(url, "010999")
    print("\nlist (100 rows)")
    for label, token, params in [
        ("default, officer", officer, {}),
        ("default, admin", admin, {}),
        ("status=new", officer, {"status": "new"}),
        ("open, by priority", officer, {"status": "new,accepted,in_progress", "sort": "priority"}),
    ]:
        print(ms_row(label, timed_gets(url, token, {"limit": 100, **params}, runs)))
    print("\nsearch (q=, 50 rows, admin)")
    for label, terms in TERMS.items():
        times: list[float] = []
        for term in terms:
            times += timed_gets(url, admin, {"q": term, "limit": 50}, max(4, runs // 5))
        print(ms_row(f"{label} ({', '.join(terms[:3])} …)", times))


# ---------------------------------------------------------------- 5. KPI tiles
def bench_summary(server: ServerProcess, runs: int, started: float) -> None:
    loaded = _wait_for_log(server.log_path, "figure columns loaded", 600)
    print(f"\nKPI tiles (/stats/summary), uncached; figure columns: {loaded}")
    print(f"  ready {time.monotonic() - started:.1f} s after the server was started")
    http = requests.Session()
    citizen = citizen_token(server.url, "基准", "13900000000")
    leaders = {"city (admin)": login(server.url, "010999")}
    leaders["station leader"] = login(server.url, STATION_LEADER)
    for who, token in leaders.items():
        for period in ("30d", "7d", "today"):
            times = []
            for i in range(runs):
                r = http.post(
                    server.url + API + "/public/posts",
                    json={"board": "110", "title": f"基准{i}", "body": "统计基准测试。"},
                    headers={**bearer(citizen), "Idempotency-Key": f"tiles-{who}-{period}-{i}"},
                    timeout=60,
                )
                r.raise_for_status()
                t = time.perf_counter()
                r = http.get(
                    server.url + API + "/stats/summary",
                    params={"period": period},
                    headers=bearer(token),
                    timeout=60,
                )
                times.append(time.perf_counter() - t)
                r.raise_for_status()
            print(ms_row(f"{who}, {period}", times))


def _wait_for_log(path: Path, text: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in path.read_text(errors="replace").splitlines()[::-1]:
            if text in line:
                return line.split(text, 1)[1].strip(": ")
        time.sleep(0.5)
    raise TimeoutError(f"no '{text}' in {path} after {timeout:.0f} s")


# ---------------------------------------------------------------- 4. fan-out
async def _stream(
    client: httpx.AsyncClient,
    url: str,
    token: str,
    got: dict[int, float],
    ready: asyncio.Event,
    counter: list[int],
    total: int,
) -> None:
    headers = {**bearer(token), "Accept": "text/event-stream"}
    try:
        await _read(client, url, headers, got, ready, counter, total)
    except httpx.HTTPError as exc:  # counted as missing deliveries
        print(f"  stream to {url} ended: {exc!r}", flush=True)


async def _read(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    got: dict[int, float],
    ready: asyncio.Event,
    counter: list[int],
    total: int,
) -> None:
    async with client.stream("GET", url + API + "/events", headers=headers) as r:
        event = None
        async for line in r.aiter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "stream.ready":
                counter[0] += 1
                if counter[0] == total:
                    ready.set()
            elif line.startswith("data:") and event == "silent.created":
                got[json.loads(line[5:])["id"]] = now_s()
            elif not line:
                event = None


async def _fanout(urls: list[str], tokens: list[str], streams: int, events: int) -> None:
    limits = httpx.Limits(max_connections=streams + 10, max_keepalive_connections=streams + 10)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60, read=None), limits=limits) as client:
        received: list[dict[int, float]] = [{} for _ in range(streams)]
        ready, counter = asyncio.Event(), [0]
        tasks = [
            asyncio.create_task(
                _stream(
                    client,
                    urls[i % len(urls)],
                    tokens[i % len(tokens)],
                    received[i],
                    ready,
                    counter,
                    streams,
                )
            )
            for i in range(streams)
        ]
        await asyncio.wait_for(ready.wait(), 120)
        citizen = citizen_token(urls[0], "压测", "13800000000")
        sent: dict[int, tuple[float, float]] = {}  # id → (POST sent, its response back)

        def post(i: int) -> tuple[int, float, float]:
            before = now_s()
            r = requests.post(
                urls[0] + API + "/public/silent-reports",
                json={"body": f"压测报警{i}", "location": {"lat": 31.2, "lon": 121.5}},
                headers=bearer(citizen),
                timeout=30,
            )
            return int(r.json()["id"]), before, now_s()  # stamped on the posting thread

        for i in range(events):
            pid, before, after = await asyncio.to_thread(post, i)
            sent[pid] = (before, after)
            await asyncio.sleep(0.25)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(len(g) < events for g in received):
            await asyncio.sleep(0.2)
        for t in tasks:
            t.cancel()
        # An event can be parsed before the poster has its response: those count as 0.
        lat = [max(0.0, g[i] - at[1]) for g in received for i, at in sent.items() if i in g]
        from_sent = [g[i] - at[0] for g in received for i, at in sent.items() if i in g]
        delivered = sum(1 for g in received for i in sent if i in g)
        print(ms_row(f"{len(urls)} proc, {streams} streams, from POST sent", from_sent))
        print(
            ms_row(
                f"{len(urls)} proc, {streams} streams, from response",
                lat,
                f"{delivered}/{streams * events} delivered",
            )
        )


def bench_fanout(db_url: str, streams: int, events: int, folder: Path) -> None:
    print(f"\nevent fan-out: {events} silent reports, 1 every 0.25 s, POST → parsed")
    # SQLite serves one process (the embedded default); PostgreSQL one and three.
    for n in (1,) if db_url.startswith("sqlite") else (1, 3):
        logs = [folder / f"s{i}.server.log" for i in range(n)]
        for log in logs:
            log.unlink(missing_ok=True)
        servers = [
            ServerProcess(folder / f"s{i}", db_url=db_url, log_path=log).start()
            for i, log in enumerate(logs)
        ]
        try:
            # Steady state: each process has read its KPI copy of the posts (start-up work
            # that takes both cores for seconds at a million posts).
            for log in logs:
                _wait_for_log(log, "figure columns loaded", 600)
            tokens = [login(s.url, "010999", f"bench-{i}") for i, s in enumerate(servers)]
            asyncio.run(_fanout([s.url for s in servers], tokens, streams, events))
        finally:
            for s in servers:
                s.close()


# ---------------------------------------------------------------- 5. the event-log lock
def bench_lock(url: str, port: int, seconds: float = 10.0, threads: int = 8) -> None:
    token = citizen_token(url, "压测", "13800000001")
    stop = time.monotonic() + seconds
    times: list[float] = []
    waits: list[int] = []

    def post() -> None:
        http = requests.Session()
        while time.monotonic() < stop:
            t = time.perf_counter()
            http.post(
                url + API + "/public/silent-reports",
                json={"body": "锁"},
                headers=bearer(token),
                timeout=30,
            ).raise_for_status()
            times.append(time.perf_counter() - t)

    def sample() -> None:
        with psycopg.connect(conninfo(port, DB), autocommit=True) as c:
            while time.monotonic() < stop:
                row = c.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND NOT granted AND objid = %s",
                    (0x64757479,),
                ).fetchone()
                waits.append(int(row[0]) if row else 0)  # type: ignore[index]
                time.sleep(0.005)

    with ThreadPoolExecutor(threads + 1) as pool:
        pool.submit(sample)
        for f in [pool.submit(post) for _ in range(threads)]:
            f.result()
    print(
        f"\nwrites at peak ({threads} threads, {seconds:.0f} s): "
        f"{len(times) / seconds:.0f} silent reports/s"
    )
    print(ms_row("POST /public/silent-reports", times))
    busy = sum(1 for w in waits if w) / max(1, len(waits))
    print(
        f"  transactions queued on the event-log lock: {busy:.0%} of samples, "
        f"mean {sum(waits) / max(1, len(waits)):.2f} waiting"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pg-port", type=int, default=0)
    p.add_argument(
        "--engine",
        choices=("postgresql", "sqlite"),
        default="postgresql",
        help="sqlite: the same list, search and fan-out (one process) on the --sqlite file",
    )
    p.add_argument("--sqlite", type=Path, default=Path("/tmp/duty-bench/million.sqlite3"))
    p.add_argument("--streams", type=int, default=1000)
    p.add_argument("--events", type=int, default=20)
    p.add_argument("--runs", type=int, default=40)
    p.add_argument("--skip", default="")
    args = p.parse_args()
    skip = set(args.skip.split(","))
    print(machine_line())
    pg = args.engine == "postgresql"
    if pg and "build" not in skip:
        build(args.pg_port, args.sqlite)
    db_url = url_of(args.pg_port) if pg else f"sqlite:///{args.sqlite}"
    print(f"engine: {args.engine}")
    remove_bench_posts(db_url)
    folder = Path("/tmp/duty-bench") / args.engine
    folder.mkdir(parents=True, exist_ok=True)
    if not {"list", "search", "lock"} <= skip:
        log = folder / "main.server.log"
        log.unlink(missing_ok=True)
        with ServerProcess(folder / "main", db_url=db_url, log_path=log) as server:
            # Timed in the steady state: the start-up load of the dashboard's figure
            # columns (about 11 s at a million posts) shares the process's CPU until then.
            _wait_for_log(log, "figure columns loaded", 600)
            if not {"list", "search"} <= skip:
                bench_list_search(server.url, args.runs)
            if pg and "lock" not in skip:
                bench_lock(server.url, args.pg_port)
    if "summary" not in skip:
        log = folder / "tiles.server.log"
        log.unlink(missing_ok=True)
        started = time.monotonic()
        with ServerProcess(folder / "tiles", db_url=db_url, log_path=log) as server:
            bench_summary(server, args.runs, started)
    if "fanout" not in skip:
        bench_fanout(db_url, args.streams, args.events, folder)
    print("\n" + machine_line())


if __name__ == "__main__":
    main()
