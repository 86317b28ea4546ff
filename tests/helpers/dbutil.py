"""Direct reads and writes on a running platform's database, for test set-up and checks.

Writes here stand in for "another process" (the seeder, a second server): they do
not wake the server's event hub, which must notice them by itself. SQL is written
once with ``?`` placeholders and runs on SQLite (sqlite3) and PostgreSQL (psycopg).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from typing import Any

import psycopg

from platform_server.events.listener import conninfo
from tests.helpers.platform import RunningPlatform


def connect(platform: RunningPlatform) -> sqlite3.Connection:
    """A sqlite3 connection to the platform's SQLite file (SQLite-only tests)."""
    assert platform.db_path is not None, "this platform runs on PostgreSQL"
    conn = sqlite3.connect(platform.db_path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


@contextmanager
def _cursor(platform: RunningPlatform) -> Iterator[tuple[Any, bool]]:
    """(cursor, is_postgresql), autocommitting."""
    if platform.db_path is not None:
        with closing(connect(platform)) as conn:
            yield conn.cursor(), False
        return
    with psycopg.connect(conninfo(platform.db_url), autocommit=True) as conn:
        yield conn.cursor(), True


def _sql(sql: str, pg: bool) -> str:
    return sql.replace("%", "%%").replace("?", "%s") if pg else sql


def _value(v: Any) -> Any:
    """Times as SQLAlchemy stores them in SQLite, so a check reads the same on both."""
    return v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v


def rows(platform: RunningPlatform, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with _cursor(platform) as (cur, pg):
        cur.execute(_sql(sql, pg), params)
        return [tuple(_value(v) for v in r) for r in cur.fetchall()]


def scalar(platform: RunningPlatform, sql: str, *params: Any) -> Any:
    found = rows(platform, sql, *params)
    return found[0][0] if found else None


def execute(platform: RunningPlatform, sql: str, *params: Any) -> int:
    with _cursor(platform) as (cur, pg):
        cur.execute(_sql(sql, pg), params)
        return int(cur.rowcount)


TABLES = (
    "posts",
    "mentions",
    "timeline",
    "events",
    "attachments",
    "ratings",
    "idempotency",
    "citizens",
    "citizen_tokens",
    "officer_tokens",
)


def counts(platform: RunningPlatform) -> dict[str, int]:
    """Row counts of every table a failed request must not have touched."""
    with _cursor(platform) as (cur, _pg):
        out = {}
        for t in TABLES:
            cur.execute(f"SELECT count(*) FROM {t}")
            out[t] = int(cur.fetchone()[0])
        return out


def badge_in_unit(platform: RunningPlatform, unit_code: str, role: str = "officer") -> str:
    badge = scalar(
        platform,
        "SELECT o.badge FROM officers o JOIN units u ON u.id = o.unit_id "
        "WHERE u.code = ? AND o.role = ? ORDER BY o.badge LIMIT 1",
        unit_code,
        role,
    )
    assert badge, f"no {role} in unit {unit_code}"
    return str(badge)


def unit_id(platform: RunningPlatform, code: str) -> int:
    return int(scalar(platform, "SELECT id FROM units WHERE code = ?", code))
