"""Upgrading a database's schema in place with the migrations in `storage/migrations`.

`upgrade(engine)` brings any database to the newest schema in one transaction:

- a new, empty database runs every migration from the first;
- a database made before migrations existed (tables made by ``create_all``, no
  ``alembic_version``) is stamped at the baseline revision it matches and upgraded
  from there, so a deployed city keeps its data;
- an up-to-date database costs one query.

On PostgreSQL the whole upgrade holds a transaction-scoped advisory lock, so several
server processes starting together migrate once and the others wait and find it
done; DDL there is transactional, so a failed migration leaves nothing half-done.
SQLite serialises it with its write lock (the write engine begins IMMEDIATE).
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"  # the schema `create_all` made before migrations existed
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('duty_console.migrate'))"


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration: our script folder, the caller's connection."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision."""
    found = ScriptDirectory.from_config(config()).get_current_head()
    assert found is not None
    return found


def current(connection: Connection) -> str | None:
    """The revision a database is at (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the database to `revision` (default: newest); returns the revision it was at."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(_LOCK)
        before = current(conn)
        target = head() if revision == "head" else revision
        if before == target:
            return before
        cfg = config(conn)
        if before is None and inspect(conn).has_table("posts"):
            log.info("database predates migrations: stamping it at the baseline %s", BASELINE)
            command.stamp(cfg, BASELINE)
            before = BASELINE
        command.upgrade(cfg, revision)
        log.info("database schema upgraded from %s to %s", before or "nothing", target)
        return before
