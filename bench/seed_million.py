"""Build a big demo city with the real seeder and print how long each part took.

    .venv/bin/python bench/seed_million.py [--posts 1000000] [--days 365] [--db PATH] [--fresh]

Uses `platform_server.demo.seed.seed_demo_city` as it is (realistic Chinese text, full
handling history, full-text index rebuilt once at the end), so the database it
leaves behind is a faithful large city for the list, search and dashboard
benchmarks. Prints wall and CPU time, rows per second and the file size. An
existing database at --db is reused (the seeder refuses to seed twice) unless
--fresh is given.
"""

from __future__ import annotations

import argparse
import logging
import resource
import time
from pathlib import Path

from platform_server.demo.seed import seed_demo_city
from platform_server.storage.engines import open_database

DEFAULT_DB = Path("/tmp/duty-console-bench/seed-million.sqlite3")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--posts", type=int, default=1_000_000)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--seed", type=int, default=20261122)
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--fresh", action="store_true", help="delete an existing database first")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    db = open_database(f"sqlite:///{args.db}")
    wall = time.monotonic()
    stats = seed_demo_city(db, posts=args.posts, seed=args.seed, days=args.days)
    wall = time.monotonic() - wall
    db.dispose()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(stats)
    if stats.skipped:
        return
    rows = (
        stats.posts
        + stats.replies
        + stats.notes
        + stats.timeline
        + stats.ratings
        + stats.attachments
        + stats.mentions
        + stats.citizens
    )
    size = sum(
        Path(f"{args.db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{args.db}{s}").exists()
    )
    print(f"posts            {stats.posts:>12,}")
    print(f"all rows         {rows:>12,}")
    print(f"wall time        {wall:>12.1f} s")
    print(f"cpu user/sys     {usage.ru_utime:>8.1f} / {usage.ru_stime:.1f} s")
    print(f"posts per second {stats.posts / wall:>12,.0f}")
    print(f"rows per second  {rows / wall:>12,.0f}")
    print(f"database size    {size / 1e6:>12,.0f} MB  ({args.db})")


if __name__ == "__main__":
    main()
