"""Hotspots (预警研判): false alerts per day over the demo history, and how soon a staged
wave is reported.

    .venv/bin/python bench/bench_hotspots.py [--posts 20000] [--days 90] [--skip-live]

1. Seeds the demo city's history (`platform_server.demo.seed`, the generator the demo
   platform uses; no wave staged in it) into a fresh SQLite file and replays the
   platform's own detection (`geo.hotspots.detect` + `domain.hotspots.record_spikes`) in
   time order at every post's arrival in a board and district that then has at least
   `hotspot_min_count` posts in the window — every moment a check could alarm. Every
   hotspot stored is a false alert (target: at most 1 a day).
2. Starts `platform-server serve` on that database (the hotspot check every 30 s, the
   default), listens to the event stream as 西关's leader, stages a heating wave in 西关
   (`demo.wave`, 12 posts over 4 minutes) and reports the time from the post that
   crossed the threshold to `hotspot.detected` (target: at most 60 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import defaultdict, deque
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
from sqlalchemy import select

from bench.common import API, ServerProcess, bearer, login, machine_line
from platform_server.config import ServerSettings
from platform_server.demo.seed import seed_demo_city
from platform_server.demo.wave import stage_wave
from platform_server.domain.hotspots import record_spikes
from platform_server.geo.hotspots import area_of, baseline_counts, detect, threshold
from platform_server.storage.engines import open_database
from platform_server.storage.hotspot_models import Hotspot
from platform_server.storage.models import Board, Post, Unit, utcnow

NOW = datetime(2026, 12, 1, 8, 0)


def replay_history(db_path: Path, posts: int, days: int) -> None:
    settings = ServerSettings()
    minutes = int(settings.hotspot_window_minutes)
    window, min_count = timedelta(minutes=minutes), settings.hotspot_min_count
    db = open_database(f"sqlite:///{db_path}")
    t0 = time.perf_counter()
    seed_demo_city(db, posts=posts, days=days, now=NOW)
    print(f"seeded {posts} posts over {days} days in {time.perf_counter() - t0:.0f} s")
    with db.reading() as s:
        rows = [
            (p.created_at, p.board_id, area_of(p))
            for p in s.scalars(
                select(Post).where(Post.kind != "silent_report").order_by(Post.created_at, Post.id)
            )
        ]
    recent: dict[tuple[int, int], deque[datetime]] = defaultdict(deque)
    checks, t0 = 0, time.perf_counter()
    for created, board_id, area in rows:
        if area is None:
            continue
        q = recent[(board_id, area)]
        q.append(created)
        while q and q[0] <= created - window:
            q.popleft()
        if len(q) < min_count:
            continue
        checks += 1
        with db.writing() as s:
            record_spikes(s, detect(s, created, window, min_count), created, minutes)
    spent = time.perf_counter() - t0
    with db.reading() as s:
        found = s.execute(
            select(Hotspot, Board.code, Unit.name)
            .join(Board, Board.id == Hotspot.board_id)
            .join(Unit, Unit.id == Hotspot.unit_id)
            .order_by(Hotspot.detected_at)
        ).all()
    db.dispose()
    span = (rows[-1][0] - rows[0][0]).total_seconds() / 86400 if rows else 1.0
    print(
        f"replayed {len(rows)} posts: {checks} checks that could alarm, "
        f"{spent:.0f} s ({1000 * spent / max(checks, 1):.1f} ms a check)"
    )
    for h, board, unit in found:
        print(
            f"  false alert {h.detected_at:%Y-%m-%d %H:%M} {board} {unit} "
            f"{h.terms.replace(chr(9), '/')} count {h.count} baseline {h.baseline:g}"
        )
    per_day = len(found) / span
    print(f"false alerts: {len(found)} in {span:.1f} days = {per_day:.2f} a day (target ≤ 1)")


def _listen(
    url: str, token: str, got: list[tuple[datetime, dict[str, Any]]], ready: threading.Event
) -> None:
    with requests.get(url + API + "/events", headers=bearer(token), stream=True, timeout=600) as r:
        event = ""
        for raw in r.iter_lines(decode_unicode=True):
            ready.set()
            if raw.startswith("event:"):
                event = raw[6:].strip()
            elif raw.startswith("data:") and event == "hotspot.detected":
                got.append((utcnow(), json.loads(raw[5:])))
                return


def live_wave(db_path: Path, wave_posts: int, wave_minutes: float) -> None:
    with ServerProcess(db_path) as server:
        db = open_database(f"sqlite:///{db_path}", create=False)
        with db.reading() as s:
            leader = s.scalar(select(Unit.id).where(Unit.code == "st-xiguan"))
        token = login(server.url, _leader_badge(db_path))
        got: list[tuple[datetime, dict[str, Any]]] = []
        ready = threading.Event()
        listener = threading.Thread(
            target=_listen, args=(server.url, token, got, ready), daemon=True
        )
        listener.start()
        ready.wait(30)
        made = stage_wave(
            server.url,
            kind="heating",
            station="st-xiguan",
            posts=wave_posts,
            minutes=wave_minutes,
            seed=14,
        )
        listener.join(120)
        if not got:
            print("the wave was NOT reported within 2 minutes of its last post")
            return
        received, h = got[0]
        with db.reading() as s:
            counts = baseline_counts(
                s,
                s.scalar(select(Board.id).where(Board.code == h["board"])) or 0,
                h["unit_id"],
                h["terms"],
                datetime.fromisoformat(h["detected_at"].rstrip("Z")),
                timedelta(minutes=h["window_minutes"]),
            )
            created = sorted(s.scalars(select(Post.created_at).where(Post.id.in_(h["post_ids"]))))
        db.dispose()
        _median, needed = threshold(counts, ServerSettings().hotspot_min_count)
        crossed = created[min(needed, len(created)) - 1]
        print(
            f"staged {len(made)} heating posts in 西关 over {wave_minutes:g} min; "
            f"threshold {needed} (baseline {h['baseline']:g}); district unit {leader}"
        )
        print(
            f"reported {(received - crossed).total_seconds():.1f} s after the post that "
            f"crossed the threshold (target ≤ 60 s); members {len(h['post_ids'])}, "
            f"terms {h['terms']}"
        )


def _leader_badge(db_path: Path) -> str:
    import sqlite3

    with sqlite3.connect(db_path) as c:
        row = c.execute(
            "SELECT o.badge FROM officers o JOIN units u ON u.id = o.unit_id "
            "WHERE u.code = 'st-xiguan' AND o.role = 'leader' ORDER BY o.badge LIMIT 1"
        ).fetchone()
    return str(row[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--wave-posts", type=int, default=12)
    ap.add_argument("--wave-minutes", type=float, default=4.0)
    ap.add_argument("--skip-live", action="store_true")
    args = ap.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hotspots.sqlite3"
        replay_history(path, args.posts, args.days)
        if not args.skip_live:
            live_wave(path, args.wave_posts, args.wave_minutes)


if __name__ == "__main__":
    main()
