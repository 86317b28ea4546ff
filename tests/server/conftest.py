"""Fixtures the server test packages share, and the two engines they run on.

Every server test that uses a platform (`platform`, `fresh_platform`,
`seeded_platform`, or `start_platform`) runs twice, on SQLite and on PostgreSQL
(`engine`, a session-scoped parameter: pytest runs all SQLite cases, then all
PostgreSQL ones, so each engine's shared platforms are built once). PostgreSQL is
the run's private cluster (`tests.helpers.databases`), started by the first test
that needs it and stopped at the end; without PostgreSQL installed those tests FAIL
and say how to install it. The console tests stay on SQLite (tests/conftest.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE
from tests.helpers import databases
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.queue_data import install_queue_posts
from tests.helpers.seeded import seed_city

StartPlatform = Callable[..., RunningPlatform]


@pytest.fixture(scope="session", params=databases.ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql": the database engine of this test case."""
    return str(request.param)


@pytest.fixture(scope="session", autouse=True)
def _postgres_cluster() -> Iterator[None]:
    yield
    databases.stop_cluster()


@pytest.fixture
def start_platform(
    engine: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StartPlatform]:
    """Start a platform of this test's own on a new database of `engine` (stopped after)."""
    started: list[RunningPlatform] = []

    def start(**settings: Any) -> RunningPlatform:
        p = _start(engine, tmp_path_factory.mktemp("platform"), **settings)
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()


_start = databases.start_platform_on


@pytest.fixture(scope="module")
def platform(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """One server per test module and engine (reference data only, no posts)."""
    p = _start(engine, tmp_path_factory.mktemp("platform"), escalation_seconds=2.0)
    yield p
    p.stop()


@pytest.fixture
def fresh_platform(engine: str, tmp_path: Path) -> Iterator[RunningPlatform]:
    """A server of this test's own, for tests that need an empty event log."""
    p = _start(engine, tmp_path, escalation_seconds=2.0)
    yield p
    p.stop()


@pytest.fixture(scope="session")
def seeded_platform(
    engine: str, seeded_city: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningPlatform]:
    """A server on a copy of the seeded city, shared by the whole run (per engine).

    Only for tests that read: they may sign in (officers and citizens), but change no
    post, officer or setting, and create nothing a later test could see.
    """
    if engine == "sqlite":
        path = tmp_path_factory.mktemp("seeded-platform") / "city.sqlite3"
        with sqlite3.connect(seeded_city) as src, sqlite3.connect(path) as dst:
            src.backup(dst)
        url = f"sqlite:///{path}"
    else:
        seeded = databases.template("duty_seeded", seed_city, on_reference=True)
        url = databases.new_database(engine, Path(), from_template=seeded)
    p = RunningPlatform.serve_url(url, escalation_seconds=2.0)
    yield p
    p.stop()


@pytest.fixture(scope="module")
def admin(platform: RunningPlatform) -> Api:
    """The demo admin, signed in to the module's platform: sees every post and figure."""
    return platform.officer(DEMO_ADMIN_BADGE)


@pytest.fixture(scope="module")
def queue_posts(platform: RunningPlatform) -> dict[str, int]:
    """The queue tests' known posts (tests/helpers/queue_data.py) in the module's platform."""
    return install_queue_posts(platform)
