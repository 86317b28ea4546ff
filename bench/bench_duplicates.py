"""Precision and recall of the platform's likely duplicates (`/posts/{id}/similar`).

    .venv/bin/python bench/bench_duplicates.py [--days 3] [--per-day 780] [--seed 14]

Generates a labelled set of demo posts in a fresh SQLite file: the demo city's post mix
(boards, templates, stations, locations) at `--per-day` posts a day, and among them
groups with known duplicates:
- neighbours: other citizens writing up the same matter at the same place (the same
  template with the same particulars — street, shop, plate …, their own opening and
  closing words, sometimes their own title), located a few hundred metres and up to a
  day apart;
- repeats: the same citizen asking again on the same board within two days.
Every other post is a negative (40 % of them located), including many hard ones: the
same template about a different street in the same district the same day, and the
same question asked in nearly the same words by different citizens. Then it asks
`platform_server.geo.similar.likely_duplicates` — the function behind the route — for
every post of a group and for as many ordinary posts, and counts, over (post, listed)
pairs, how many listed ones are true duplicates (precision) and how many true
duplicates were listed (recall). Target: precision >= 0.9, recall >= 0.8.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from platform_server.demo import text as demo_text
from platform_server.demo.corpus import CLOSERS, OPENERS, POSTS
from platform_server.demo.reference_data import install_reference_data
from platform_server.geo.similar import likely_duplicates
from platform_server.storage.engines import open_database
from platform_server.storage.models import Board, Citizen, Post

M_PER_DEG = 111_320.0


@dataclass
class Draft:
    board: str
    title: str
    body: str
    citizen: int
    at: datetime
    lat: float | None
    lon: float | None
    group: int | None = None  # posts of one group are duplicates of each other


def _render(
    rng: random.Random, template: tuple[str, str, object], slots: demo_text.Slots
) -> tuple[str, str]:
    title_t, body_t, _route = template
    opener = rng.choice(OPENERS) if rng.random() < 0.6 else ""
    closer = rng.choice(CLOSERS) if rng.random() < 0.7 else ""
    title = demo_text.fill(title_t, slots)[: demo_text.MAX_TITLE]
    return title, opener + demo_text.fill(body_t, slots) + closer


def generate(rng: random.Random, days: int, per_day: int) -> list[Draft]:
    boards = sorted(POSTS)
    start = datetime(2026, 11, 1)
    total = days * per_day
    drafts: list[Draft] = []
    group = 0
    for i in range(total):
        board = rng.choice(boards)
        station = rng.choice(demo_text.STATION_CODES)
        template = rng.choice(POSTS[board])
        slots = demo_text.Slots(rng, station)
        title, body = _render(rng, template, slots)
        at = start + timedelta(seconds=rng.uniform(0, days * 86400))
        roll = rng.random()
        located = roll < 0.05 or rng.random() < 0.4  # a matter neighbours share has a place
        lat, lon, _acc, _addr = demo_text.location(rng, station)
        citizen = 10_000 + i
        first = Draft(board, title, body, citizen, at, lat if located else None, lon)
        if not located:
            first.lon = None
        drafts.append(first)
        if roll < 0.05:  # neighbours: 1-3 others write up the same matter
            group += 1
            first.group = group
            for _ in range(rng.randint(1, 3)):
                t2, b2 = _render(rng, template, slots)
                if rng.random() < 0.3:  # their own words for the title
                    t2 = rng.choice(OPENERS).rstrip("，！") + "：" + t2
                near = located
                drafts.append(
                    Draft(
                        board,
                        t2,
                        b2,
                        50_000 + len(drafts),
                        at + timedelta(minutes=rng.uniform(5, 24 * 60)),
                        lat + rng.gauss(0, 200) / M_PER_DEG if near else None,
                        lon + rng.gauss(0, 200) / M_PER_DEG if near else None,
                        group,
                    )
                )
        elif roll < 0.09:  # the same citizen asks again (with or without a place)
            group += 1
            first.group = group
            again = rng.choice(POSTS[board]) if rng.random() < 0.3 else template
            t2, b2 = _render(rng, again, slots)
            drafts.append(
                Draft(
                    board,
                    t2,
                    b2,
                    citizen,
                    at + timedelta(hours=rng.uniform(1, 48)),
                    first.lat,
                    first.lon,
                    group,
                )
            )
    return drafts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--per-day", type=int, default=780)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    drafts = generate(rng, args.days, args.per_day)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/duplicates.sqlite3")
        with db.writing() as s:
            install_reference_data(s)
            boards = {b.code: b for b in s.scalars(select(Board))}
            for c in sorted({d.citizen for d in drafts}):
                s.add(Citizen(id=c, nickname=f"市民{c}"))
            s.flush()
            rows = []
            for d in drafts:
                b = boards[d.board]
                row = Post(
                    board_id=b.id,
                    title=d.title,
                    body=d.body,
                    citizen_id=d.citizen,
                    unit_id=b.default_unit_id,
                    created_at=d.at,
                    updated_at=d.at,
                    lat=d.lat,
                    lon=d.lon,
                )
                s.add(row)
                rows.append(row)
            s.flush()
            ids = [r.id for r in rows]
        group_of = {pid: d.group for pid, d in zip(ids, drafts, strict=True)}
        members: dict[int, set[int]] = {}
        for pid, g in group_of.items():
            if g is not None:
                members.setdefault(g, set()).add(pid)
        in_groups = [pid for pid, g in group_of.items() if g is not None]
        ordinary = [pid for pid, g in group_of.items() if g is None]
        asked = in_groups + rng.sample(ordinary, min(len(ordinary), len(in_groups)))
        listed = correct = wanted = 0
        by_reason: dict[str, list[int]] = {}
        t0 = time.perf_counter()
        with db.reading() as s:
            for pid in asked:
                post = s.get(Post, pid)
                assert post is not None
                truth = members.get(group_of[pid] or -1, set()) - {pid}
                found = likely_duplicates(s, post, None)
                hits = [f for f in found if f.post.id in truth]
                listed += len(found)
                correct += len(hits)
                wanted += len(truth)
                for f in found:
                    by_reason.setdefault(f.reason_code, [0, 0])[f.post.id in truth] += 1
        elapsed = time.perf_counter() - t0
        db.dispose()
    precision = correct / listed if listed else 1.0
    recall = correct / wanted if wanted else 1.0
    print(f"posts: {len(drafts)} over {args.days} days; duplicate groups: {len(members)}")
    print(f"asked: {len(asked)} posts ({len(in_groups)} in groups), {elapsed:.1f} s")
    print(f"listed: {listed}, true duplicates listed: {correct}, true duplicates: {wanted}")
    for code, (wrong, right) in sorted(by_reason.items()):
        print(f"  {code}: {right} right, {wrong} wrong")
    print(f"precision: {precision:.3f} (target >= 0.90)")
    print(f"recall:    {recall:.3f} (target >= 0.80)")
    print(f"per post:  {1000 * elapsed / max(1, len(asked)):.0f} ms")


if __name__ == "__main__":
    main()
