"""The seeded demo city that read-only tests share (`seeded_city`, `seeded_platform`).

500 historical posts over the 30 days before 2026-03-10 14:00 in the city (UTC+8),
from seed 7: the demo seeder's own output, as the embedded console shows it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from platform_server.demo.seed import seed_demo_city
from platform_server.storage.engines import open_database
from tests.helpers.platform import new_reference_database

NOW = datetime(2026, 3, 10, 6, 0)
POSTS = 500
SEED = 7
DAYS = 30


def build_seeded_city(path: Path, *, posts: int = POSTS, seed: int = SEED) -> None:
    """The demo city with its history at `path` (the same every time for a seed)."""
    new_reference_database(path)
    db = open_database(f"sqlite:///{path}")
    try:
        seed_demo_city(db, posts=posts, seed=seed, days=DAYS, now=NOW)
    finally:
        db.dispose()


def seed_city(url: str, *, posts: int = POSTS, seed: int = SEED) -> None:
    """The same city in the database at `url`, which holds the reference data already."""
    db = open_database(url)
    try:
        seed_demo_city(db, posts=posts, seed=seed, days=DAYS, now=NOW)
    finally:
        db.dispose()
