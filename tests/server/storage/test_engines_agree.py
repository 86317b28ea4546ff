"""Search gives the same posts on SQLite and PostgreSQL, for the same city and query.

The same seeded city (one seed, one clock: the same ids) runs on both engines at
once; every query goes through the API as the console sends it, all pages, and the
two lists of ids must be identical — one- and two-character terms (FTS5 vocabulary
vs the grams index), three and more (FTS5 trigram vs pg_trgm), several terms, Latin
letters in either case, and terms that occur nowhere.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE
from tests.helpers import databases
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.seeded import seed_city

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def admins(seeded_city: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Api]]:
    path = tmp_path_factory.mktemp("agree") / "city.sqlite3"
    with sqlite3.connect(seeded_city) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    seeded = databases.template("duty_seeded", seed_city, on_reference=True)
    pg_url = databases.new_database("postgresql", Path(), from_template=seeded)
    platforms = [RunningPlatform.serve(path), RunningPlatform.serve_url(pg_url)]
    yield [p.officer(DEMO_ADMIN_BADGE) for p in platforms]
    for p in platforms:
        p.stop()


def all_ids(api: Api, q: str) -> list[int]:
    ids: list[int] = []
    params: dict[str, object] = {"q": q, "limit": 200}
    while True:
        page = api.get("/posts", params=params).json()
        ids += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            return ids
        params["cursor"] = page["next_cursor"]


def queries(api: Api) -> list[str]:
    """Pieces of real posts of every length, plus fixed cases."""
    rng = random.Random(5)
    texts = [p["title"] for p in api.get("/posts", params={"limit": 200}).json()["items"]]
    out = ["户口", "派出所", "的", "报警", "户口 办理", "不存在的词语", "Ab", "ab", "110", "%", "_"]
    for text in rng.sample(texts, 12):
        for n in (1, 2, 3, 6):
            if len(text) >= n:
                start = rng.randrange(len(text) - n + 1)
                piece = text[start : start + n]
                if piece.strip() == piece and " " not in piece:
                    out.append(piece)
    return list(dict.fromkeys(out))


def test_every_query_finds_the_same_posts_on_both_engines(admins: list[Api]) -> None:
    sqlite_admin, pg_admin = admins
    assert all_ids(sqlite_admin, "") == all_ids(pg_admin, "")  # the same city
    asked = queries(sqlite_admin)
    assert len(asked) > 40
    found_any = 0
    for q in asked:
        on_sqlite, on_pg = all_ids(sqlite_admin, q), all_ids(pg_admin, q)
        assert on_sqlite == on_pg, q
        found_any += bool(on_sqlite)
    assert found_any > 35  # real terms find posts; the comparison is not of empty lists
