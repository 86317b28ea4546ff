"""Fresh platform databases on either engine, for the tests that run on both.

SQLite: a file copied from the reference database built once per run
(`tests.helpers.platform.new_reference_database`). PostgreSQL: a database cloned
from a template that holds the migrated schema and the reference data, in the
session's private cluster (`tests.helpers.postgres.Cluster`), which starts the first
time a test asks for a PostgreSQL database and stops at the end of the run
(`stop_cluster`, called by tests/server/conftest.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from platform_server.demo.reference_data import install_reference_data
from platform_server.storage.engines import open_database
from tests.helpers.platform import RunningPlatform, new_reference_database
from tests.helpers.postgres import Cluster

ENGINES = ("sqlite", "postgresql")
REFERENCE = "duty_reference"

_running: list[Cluster] = []  # the run's cluster, once started
_templates: set[str] = set()
_names = itertools.count(1)


def cluster() -> Cluster:
    """The run's PostgreSQL cluster, started on first use; a missing install FAILS the test."""
    if not _running:
        try:
            _running.append(Cluster.start())
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
    return _running[0]


def stop_cluster() -> None:
    while _running:
        _running.pop().stop()
    _templates.clear()


def template(name: str, build: Callable[[str], None], *, on_reference: bool = False) -> str:
    """A template database made once per run by `build(url)` (connections closed after).

    `on_reference`: it starts as a copy of the reference database (schema + reference data).
    """
    c = cluster()
    if name not in _templates:
        c.drop_database(name)
        base = template(REFERENCE, _reference) if on_reference else "template0"
        url = c.create_database(name, template=base)
        build(url)
        _templates.add(name)
    return name


def _reference(url: str) -> None:
    db = open_database(url)
    try:
        with db.writing() as s:
            install_reference_data(s)
    finally:
        db.dispose()


def new_database(
    engine: str, folder: Path, *, reference: bool = True, from_template: str | None = None
) -> str:
    """The URL of a new database: migrated with reference data, or empty (`reference=False`).

    SQLite files go in `folder` (a test's tmp_path); `from_template`: a PostgreSQL
    template made with `template()` to copy instead of the reference data.
    """
    if engine == "sqlite":
        path = folder / "platform.sqlite3"
        if reference:
            new_reference_database(path)
        return f"sqlite:///{path}"
    c = cluster()
    name = f"t{next(_names)}"
    if not reference:
        return c.create_database(name)
    return c.create_database(name, template=from_template or template(REFERENCE, _reference))


def sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def start_platform_on(engine: str, folder: Path, **settings: Any) -> RunningPlatform:
    """A running platform on a new database of `engine` with the reference data."""
    return RunningPlatform.serve_url(new_database(engine, folder), **settings)
