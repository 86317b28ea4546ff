"""Alembic's environment for the platform's migrations (run by `storage.migrate`).

The connection comes from the caller (`config.attributes["connection"]`), so a
migration runs inside the transaction `storage.migrate` opened; nothing here reads
alembic.ini or the environment. SQLite alters tables in batch mode (copy and move),
since it cannot drop or alter columns in place.
"""

from __future__ import annotations

from alembic import context

from platform_server.storage.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
