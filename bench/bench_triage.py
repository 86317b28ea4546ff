"""Accuracy of the triage suggestion (`/posts/{id}/suggestion`) on a held-out month.

    .venv/bin/python bench/bench_triage.py [--posts 20000] [--days 90]

Seeds the demo city's history (`platform_server.demo.seed`, the same generator the demo
platform uses) into a fresh SQLite file, trains the model
(`platform_server.geo.triage.train`) on everything before the last 30 days, and asks it
about every citizen post of those 30 days: board top-1 (target >= 85 %), the unit for
posts that were handled to the end, and the training time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from platform_server.demo.seed import seed_demo_city
from platform_server.geo.triage import DONE, train
from platform_server.storage.engines import open_database
from platform_server.storage.models import Board, Post

NOW = datetime(2026, 12, 1, 8, 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=90)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/triage.sqlite3")
        t0 = time.perf_counter()
        seed_demo_city(db, posts=args.posts, days=args.days, now=NOW)
        seeded = time.perf_counter() - t0
        cut = NOW - timedelta(days=30)
        with db.reading() as s:
            t0 = time.perf_counter()
            model = train(s, cut)
            trained = time.perf_counter() - t0
            assert model is not None, "too little history to train on"
            held = s.execute(
                select(Post.title, Post.body, Board.code, Post.unit_id, Post.status)
                .join(Board, Board.id == Post.board_id)
                .where(Post.kind != "silent_report", Post.created_at >= cut)
            ).all()
        db.dispose()
    t0 = time.perf_counter()
    guesses = [model.suggest(t, b) for t, b, *_ in held]
    per = (time.perf_counter() - t0) / max(1, len(held))
    board_ok = sum(g.board == code for g, (_, _, code, _, _) in zip(guesses, held, strict=True))
    handled = [(g, unit) for g, (*_, unit, st) in zip(guesses, held, strict=True) if st in DONE]
    unit_ok = sum(g.unit_id == unit for g, unit in handled)
    sure = [(g, code) for g, (_, _, code, _, _) in zip(guesses, held, strict=True)
            if g.confidence >= 0.8]  # fmt: skip
    sure_ok = sum(g.board == code for g, code in sure)
    print(f"history: {args.posts} posts over {args.days} days (seeded in {seeded:.0f} s)")
    print(f"trained on {model.trained_on} posts before {cut:%Y-%m-%d} in {trained:.1f} s")
    print(f"held-out month: {len(held)} citizen posts")
    print(f"board top-1: {board_ok / len(held):.1%} (target >= 85 %)")
    print(f"unit (handled posts, {len(handled)}): {unit_ok / max(1, len(handled)):.1%}")
    print(f"confidence >= 0.8: {len(sure)} posts, board right {sure_ok / max(1, len(sure)):.1%}")
    print(f"per suggestion: {per * 1000:.1f} ms")


if __name__ == "__main__":
    main()
