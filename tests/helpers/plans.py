"""Query plans on both engines, for the tests that check an index serves a query.

SQLite: ``EXPLAIN QUERY PLAN``, the planner's own choice (statistics are fresh).
PostgreSQL: ``EXPLAIN`` with sequential scans, bitmap scans and sorts priced out: on
a test-sized table its planner rightly prefers reading everything, so the question
asked is whether an index *can* answer the query in the right order; where none
fits, the plan keeps its Seq Scan or Sort node in spite of the settings.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

PRICED_OUT = ("enable_seqscan", "enable_bitmapscan", "enable_sort", "enable_incremental_sort")


def explain(conn: Connection, statement: str, parameters: Any = None) -> list[str]:
    """The plan's lines for a statement as the driver received it (inside a transaction)."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters or ())
        return [r[3] for r in rows]
    for setting in PRICED_OUT:
        conn.exec_driver_sql(f"SET LOCAL {setting} = off")
    rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters or {})
    return [r[0] for r in rows]


def pg_scans_of(plan: list[str], table: str) -> list[str]:
    """The PostgreSQL plan lines that read `table` (its scans)."""
    return [line.strip().lstrip("-> ") for line in plan if f" on {table}" in line]
