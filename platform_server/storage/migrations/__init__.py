"""Alembic migrations of the platform's schema, for SQLite and PostgreSQL alike.

`versions/` holds one file per schema change; `platform_server.storage.migrate` runs
them (`platform-server migrate`, and every server and demo start). They ship inside
the package, so `pip install` and the PyInstaller bundle carry them.
"""
