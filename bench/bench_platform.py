"""List, search and event fan-out latency of a real platform server over 1,000,000 posts.

    .venv/bin/python bench/bench_platform.py [--db PATH] [--posts N] [--quick]
        [--runs R] [--clients C] [--events E] [--client-procs P] [--skip list,search,fanout]

The database is the demo city built by bench/seed_million.py (natural Chinese text,
full handling history), made once at --db (default /tmp/duty-bench/million.sqlite3,
or posts-N.sqlite3 for another --posts) and reused; the full-text index is checked
to cover every post (rebuilt if not) before anything is measured. The server is
`platform-server serve` on 127.0.0.1 in its own process; every figure is wall time
seen by a client over loopback, warm cache (one untimed request first).

1. List pages (GET /posts, limit = the console's page size of 100) as officer 010001:
   each filter the queue offers, R requests each (default 60), p50/p95/p99.
2. Full-text search (?q=) with 2-, 3- and 6-character words taken from the demo text
   generator (platform_server/demo/text.py, demo/corpus.py): common, rare and absent
   terms; "share" is the fraction of a 10,000-post random sample containing the term.
3. Event fan-out: C stream clients (default 100; every demo officer who may read
   ordinary posts signs in once, cmd officers sign in again for the rest) read
   GET /events with requests-sse, one thread each, spread over P processes. Then E
   posts (default 50) are created through the citizen API, one every 0.2 s.
   Delivery latency = from the moment the creating POST's response has arrived at
   the poster, to the moment a client has parsed that post's `post.created` event,
   for every (client, event) pair; all clocks are CLOCK_MONOTONIC on this machine.
   Also printed: the same from just before the POST was sent, the time until the
   last of the C clients has it, missing deliveries, and the POST latency itself.
The run is bounded (a deadline on every wait) and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
from requests_sse import EventSource

from bench.common import (
    API,
    MILLION,
    ServerProcess,
    bearer,
    citizen_token,
    default_db,
    ensure_search_index,
    ensure_seeded_db,
    login,
    machine_line,
    ms_row,
    now_s,
    summarize,
)

PAGE = 100  # console/views/queue_feed.py PAGE_SIZE
OPEN = "accepted,in_progress,new"

# (length, label, term). Shares measured on the 1,000,000-post city are printed live.
SEARCH_TERMS: list[tuple[str, str]] = [
    ("common", "户口"),
    ("common", "监控"),
    ("rare", "台球"),
    ("rare", "老挝"),
    ("absent", "鲸鱼"),
    ("common", "派出所"),
    ("common", "电动车"),
    ("rare", "足浴店"),
    ("rare", "肯尼亚"),
    ("absent", "长颈鹿"),
    ("common", "请民警来看看"),
    ("common", "身上没带手机"),
    ("rare", "八十六岁老人"),
    ("rare", "金色公馆最近"),
    ("absent", "火星探测任务"),
]


# ---------------------------------------------------------------- list and search
def timed_get(
    http: requests.Session, url: str, params: dict[str, Any], runs: int
) -> tuple[list[float], dict[str, Any]]:
    """One untimed request (warm-up), then `runs` timed ones; every answer must be 200."""
    last: dict[str, Any] = {}
    times: list[float] = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        r = http.get(url, params=params, timeout=120)
        dt = time.perf_counter() - t0
        if r.status_code != 200:
            raise RuntimeError(f"GET {url} {params} → {r.status_code}: {r.text[:300]}")
        if i:
            times.append(dt)
        else:
            last = r.json()
    return times, last


def pick_station(http: requests.Session, base: str) -> tuple[int, str]:
    units = http.get(base + API + "/units", timeout=30).json()
    stations = [u for u in units if u["kind"] == "station"]
    return int(stations[0]["id"]), str(stations[0]["name"])


def bench_lists(http: requests.Session, base: str, runs: int) -> None:
    station_id, station_name = pick_station(http, base)
    first = http.get(base + API + "/posts", params={"limit": PAGE}, timeout=120).json()
    cursor = first["next_cursor"]
    cases: list[tuple[str, dict[str, Any]]] = [
        ("default (newest first)", {}),
        ("status=new", {"status": "new"}),
        ("board=traffic", {"board": "traffic"}),
        (f"unit={station_id} ({station_name})", {"unit": station_id}),
        ("assignee=me", {"assignee": "me"}),
        ("overdue=true", {"overdue": "true"}),
        ("kind=silent_report", {"kind": "silent_report"}),
        ("sort=deadline (all statuses)", {"sort": "deadline"}),
        ("sort=deadline, open statuses", {"sort": "deadline", "status": OPEN}),
        ("sort=priority, open (console default)", {"sort": "priority", "status": OPEN}),
        ("page 2 via cursor (default)", {"cursor": cursor}),
    ]
    print(f"\nList pages: GET {API}/posts?limit={PAGE} as 010001, {runs} requests each")
    for label, params in cases:
        times, page = timed_get(http, base + API + "/posts", {"limit": PAGE, **params}, runs)
        more = "more" if page.get("next_cursor") else "last page"
        print(ms_row(label, times, f"{len(page['items'])} rows, {more}", width=40), flush=True)


def sample_shares(db_path: Path, terms: list[str], size: int = 10_000) -> dict[str, float]:
    """Fraction of a random sample of posts whose title or body contains each term."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        top = int(con.execute("SELECT max(id) FROM posts").fetchone()[0])
        rng = random.Random(1)
        ids = rng.sample(range(1, top + 1), min(size, top))
        texts: list[str] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = con.execute(f"SELECT title, body FROM posts WHERE id IN ({marks})", chunk)
            texts.extend(f"{t or ''}\n{b or ''}" for t, b in rows)
    finally:
        con.close()
    return {t: sum(t in x for x in texts) / max(1, len(texts)) for t in terms}


def bench_search(http: requests.Session, base: str, db_path: Path, runs: int) -> None:
    shares = sample_shares(db_path, [t for _k, t in SEARCH_TERMS])
    print(f"\nFull-text search: GET {API}/posts?q=…&limit={PAGE} (newest first), {runs} each")
    for kind, term in SEARCH_TERMS:
        times, page = timed_get(http, base + API + "/posts", {"q": term, "limit": PAGE}, runs)
        label = f"{len(term)} chars {kind:<6} {term}"
        extra = f"share {shares[term] * 100:5.2f}%  {len(page['items'])} rows"
        print(ms_row(label, times, extra, width=30), flush=True)


# ---------------------------------------------------------------- fan-out
class _DroppedError(Exception):
    pass


class _Readers:
    """Stream readers of one client process: what they received, who is ready, who failed."""

    def __init__(self, url: str, stop: Any) -> None:
        self.url = url
        self.stop = stop
        self.records: list[tuple[int, int, float]] = []
        self.lock = threading.Lock()
        self.ready = threading.Semaphore(0)
        self.failures: list[str] = []

    @staticmethod
    def _on_error() -> None:
        raise _DroppedError

    def read(self, idx: int, token: str) -> None:
        source = EventSource(
            self.url + API + "/events",
            session=requests.Session(),
            timeout=(10, 30),  # type: ignore[arg-type]
            max_connect_retry=0,
            on_error=self._on_error,
            headers=bearer(token),
        )
        try:
            source.connect(0)
            for msg in source:
                t = now_s()
                if msg.type == "stream.ready":
                    self.ready.release()
                elif msg.type == "post.created":
                    pid = int(json.loads(msg.data or "{}").get("id", 0))
                    with self.lock:
                        self.records.append((idx, pid, t))
                if self.stop.is_set():
                    return
        except _DroppedError:
            pass
        except Exception as exc:  # one broken client is reported, not fatal
            self.failures.append(f"client {idx}: {exc!r}")
            self.ready.release()


def _client_process(
    url: str,
    tokens: list[tuple[int, str]],
    ready_q: Any,
    result_q: Any,
    stop: Any,
    deadline_s: float,
) -> None:
    """C stream readers on threads; reports readiness, then every post.created receipt."""
    readers = _Readers(url, stop)
    for idx, token in tokens:
        threading.Thread(target=readers.read, args=(idx, token), daemon=True).start()
    got = 0
    for _ in tokens:
        if not readers.ready.acquire(timeout=max(1.0, deadline_s - now_s())):
            break
        got += 1
    ready_q.put((got - len(readers.failures), readers.failures))
    while not stop.is_set() and now_s() < deadline_s:
        stop.wait(0.2)
    with readers.lock:
        result_q.put(list(readers.records))


def officers_for_fanout(base: str, token: str, clients: int) -> list[str]:
    """Badges that read every ordinary post: all officers and the admin, then cmd again."""
    officers = requests.get(base + API + "/officers", headers=bearer(token), timeout=30).json()
    readers = [o["badge"] for o in officers if o["role"] in ("officer", "admin")]
    cmd_unit = next(o["unit_id"] for o in officers if o["badge"] == "010001")
    cmd = [o["badge"] for o in officers if o["unit_id"] == cmd_unit and o["role"] == "officer"]
    badges = readers[:clients]
    i = 0
    while len(badges) < clients:
        badges.append(cmd[i % len(cmd)])
        i += 1
    return badges


def bench_fanout(base: str, clients: int, events: int, procs: int, gap: float) -> None:
    print(f"\nEvent fan-out: {clients} stream clients in {procs} processes, {events} posts")
    first = login(base, "010001", "bench-fanout")
    badges = officers_for_fanout(base, first, clients)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        tokens = list(
            pool.map(lambda ib: login(base, ib[1], f"bench-sse-{ib[0]:03d}"), enumerate(badges))
        )
    print(f"{len(set(badges))} distinct officers signed in {clients} times "
          f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip

    ctx = mp.get_context("spawn")
    ready_q, result_q, stop = ctx.Queue(), ctx.Queue(), ctx.Event()
    deadline = now_s() + 60 + events * gap + 30
    indexed = list(enumerate(tokens))
    workers = [
        ctx.Process(
            target=_client_process,
            args=(base, indexed[p::procs], ready_q, result_q, stop, deadline),
            daemon=True,
        )
        for p in range(procs)
    ]
    for w in workers:
        w.start()
    try:
        connected, failures = 0, []
        for _ in workers:
            n, f = ready_q.get(timeout=max(1.0, deadline - now_s()))
            connected += n
            failures += f
        print(
            f"{connected} of {clients} streams live"
            + (f"; failures: {failures[:3]}" if failures else "")
        )
        time.sleep(0.5)

        citizen = citizen_token(base, "压测市民", "13900009999")
        http = requests.Session()
        http.headers.update(bearer(citizen))
        rng = random.Random(7)
        from platform_server.demo import text as demo_text

        sent: dict[int, tuple[float, float]] = {}
        for n in range(events):
            pt = demo_text.compose_post("110", rng)
            body = {"board": "110", "title": pt.title, "body": pt.body, "mentions": []}
            headers = {"Idempotency-Key": f"bench-fanout-{time.time_ns()}-{n}"}
            t_send = now_s()
            r = http.post(base + API + "/public/posts", json=body, headers=headers, timeout=30)
            t_back = now_s()
            if r.status_code != 201:
                raise RuntimeError(f"citizen post → {r.status_code}: {r.text[:300]}")
            sent[int(r.json()["id"])] = (t_send, t_back)
            time.sleep(gap)
        time.sleep(2.0)  # the last event's stragglers
        stop.set()
        records: list[tuple[int, int, float]] = []
        for _ in workers:
            records += result_q.get(timeout=30)
    finally:
        stop.set()
        for w in workers:
            w.join(5)
            if w.is_alive():
                w.terminate()

    from_back: list[float] = []
    from_send: list[float] = []
    last_client: dict[int, float] = {}
    seen: set[tuple[int, int]] = set()
    for idx, pid, t in records:
        if pid not in sent or (idx, pid) in seen:
            continue
        seen.add((idx, pid))
        t_send, t_back = sent[pid]
        from_back.append(t - t_back)
        from_send.append(t - t_send)
        last_client[pid] = max(last_client.get(pid, 0.0), t - t_back)
    expected = connected * len(sent)
    early = sum(1 for v in from_back if v < 0)
    print(ms_row("POST /public/posts (201)", [b - s for s, b in sent.values()], width=40))
    print(ms_row("delivery: POST returned → parsed", from_back,
                 f"({early} parsed before the POST returned)", width=40))  # fmt: skip
    print(ms_row("delivery: POST sent → parsed", from_send, width=40))
    print(ms_row(f"per event: until all {connected} have it", list(last_client.values()), width=40))
    missing = expected - len(seen)
    print(f"deliveries {len(seen)} of {expected} expected; missing {missing}")
    s = summarize(v * 1000 for v in from_back)
    print(
        f"FAN-OUT p50 {s.p50:.1f} ms  p99 {s.p99:.1f} ms  ({clients} clients × {len(sent)} events)"
    )


# ---------------------------------------------------------------- main
def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=None, help="default: /tmp/duty-bench/…")
    p.add_argument("--posts", type=int, default=MILLION, help="size of the city to build")
    p.add_argument("--quick", action="store_true", help="fewer requests (20), 20 clients")
    p.add_argument("--runs", type=int, default=None, help="requests per list/search case")
    p.add_argument("--clients", type=int, default=None)
    p.add_argument("--events", type=int, default=None)
    p.add_argument("--client-procs", type=int, default=4)
    p.add_argument("--gap", type=float, default=0.2, help="seconds between created posts")
    p.add_argument("--skip", default="", help="comma list of list,search,fanout")
    args = p.parse_args()
    runs = args.runs or (20 if args.quick else 60)
    clients = args.clients or (20 if args.quick else 100)
    events = args.events or (10 if args.quick else 50)
    skip = set(filter(None, args.skip.split(",")))

    db_path = ensure_seeded_db(args.db or default_db(args.posts), args.posts)
    posts, indexed, rebuilt = ensure_search_index(db_path)
    print(machine_line())
    print(f"database {db_path}: {posts:,} posts, full-text index covers {indexed:,}"
          + (" (rebuilt now)" if rebuilt else ""))  # fmt: skip

    with ServerProcess(db_path) as server:
        print(f"platform-server serve at {server.url} (log: {server.log_path})")
        http = requests.Session()
        http.headers.update(bearer(login(server.url, "010001", "bench-list")))
        if "list" not in skip:
            bench_lists(http, server.url, runs)
        if "search" not in skip:
            bench_search(http, server.url, db_path, runs)
        if "fanout" not in skip:
            bench_fanout(server.url, clients, events, max(1, args.client_procs), args.gap)


if __name__ == "__main__":
    main()
