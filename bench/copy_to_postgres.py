"""Copy a platform database from SQLite to PostgreSQL, row for row, for benchmarks.

    .venv/bin/python bench/copy_to_postgres.py --sqlite PATH --pg-url URL

So both engines are measured on the very same city (bench/seed_million.py makes the
SQLite one in ≈ 6 min; seeding PostgreSQL row by row through the seeder would take
the better part of an hour on 2 cores). The target database is made by the
platform's own migrations; the `ix_*` indexes are dropped for the load and built
again after it (their stored definitions), then the id sequences are moved past the
copied ids and the tables VACUUM ANALYZEd (index-only scans need the visibility map).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
from sqlalchemy.engine import make_url

from platform_server.storage.engines import open_database, sync_id_sequences
from platform_server.storage.models import Base

BATCH = 20_000


def copy(sqlite_path: Path, pg_url: str) -> None:
    db = open_database(pg_url)  # migrations: the schema, as a deployment has it
    db.dispose()
    conninfo = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    started = time.monotonic()
    with psycopg.connect(conninfo, autocommit=True) as pg:
        indexes = pg.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = 'public' AND indexname LIKE 'ix\\_%'"
        ).fetchall()
        for name, _ddl in indexes:
            pg.execute(f'DROP INDEX "{name}"')  # type: ignore[arg-type]
        for table in Base.metadata.sorted_tables:
            cols = [c.name for c in table.columns]
            names = ", ".join(cols)
            if pg.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone():  # type: ignore[arg-type]
                pg.execute(f"TRUNCATE {table.name} CASCADE")  # type: ignore[arg-type]
            t = time.monotonic()
            n = 0
            rows = src.execute(f"SELECT {names} FROM {table.name}")
            with pg.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as cp:  # type: ignore[arg-type]
                while batch := rows.fetchmany(BATCH):
                    for row in batch:
                        cp.write_row(row)
                    n += len(batch)
            print(f"  {table.name:<16} {n:>10,} rows  {time.monotonic() - t:6.1f} s", flush=True)
        t = time.monotonic()
        for _name, ddl in indexes:
            pg.execute(ddl)
        print(f"  indexes rebuilt       {time.monotonic() - t:6.1f} s", flush=True)
    db = open_database(pg_url, create=False)
    with db.writing() as s:
        sync_id_sequences(s)
    db.dispose()
    with psycopg.connect(conninfo, autocommit=True) as pg:
        t = time.monotonic()
        pg.execute("VACUUM ANALYZE")
        print(f"  VACUUM ANALYZE        {time.monotonic() - t:6.1f} s", flush=True)
    print(f"copied {sqlite_path} → {pg_url} in {time.monotonic() - started:.0f} s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sqlite", type=Path, required=True)
    p.add_argument("--pg-url", required=True)
    args = p.parse_args()
    copy(args.sqlite, args.pg_url)


if __name__ == "__main__":
    main()
