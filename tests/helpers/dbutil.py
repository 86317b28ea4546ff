"""Direct reads and writes on a running platform's SQLite file, for test set-up and checks.

Writes here stand in for "another process" (the seeder, a second server): they do
not wake the server's event hub, which must notice them by itself.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tests.helpers.platform import RunningPlatform


def connect(platform: RunningPlatform) -> sqlite3.Connection:
    conn = sqlite3.connect(platform.db_path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def rows(platform: RunningPlatform, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = connect(platform)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def scalar(platform: RunningPlatform, sql: str, *params: Any) -> Any:
    found = rows(platform, sql, *params)
    return found[0][0] if found else None


def execute(platform: RunningPlatform, sql: str, *params: Any) -> int:
    conn = connect(platform)
    try:
        cur = conn.execute(sql, params)
        return cur.rowcount
    finally:
        conn.close()


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
    conn = connect(platform)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


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
