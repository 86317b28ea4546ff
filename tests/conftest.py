"""Shared fixtures: a real platform server on loopback over a real SQLite file, and
strict logs (a test fails on any unexpected warning from our own code)."""

from __future__ import annotations

import gc
import itertools
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
)

import tests.helpers.platform as platform_helpers
from tests.helpers.console_expected_logs import patterns_for
from tests.helpers.logfail import expected_patterns, unexpected_records
from tests.helpers.platform import RunningPlatform
from tests.helpers.seeded import build_seeded_city

pytest_plugins = ("pytester",)  # tests/test_logfail.py runs a small suite in-process

_test_counter = itertools.count()


@pytest.fixture(scope="session", autouse=True)
def _collect_garbage_on_the_gui_thread_only() -> Iterator[None]:
    """The console's rule (console/gc_guard.py) in tests too.

    The platform server, stream and pool threads run in the test process; an automatic
    collection on one of them that frees a Qt object crashes the whole run (seen once as
    a segfault on the uvicorn thread). Collections happen here, on the main thread.
    """
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect(2 if next(_test_counter) % 20 == 0 else 1)


# ---------------------------------------------------------------- strict logs
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The console tests' declared warnings (tests/helpers/console_expected_logs.py)."""
    for item in items:
        for pattern in patterns_for(item.nodeid):
            item.add_marker(pytest.mark.expected_log(pattern))


@pytest.fixture(autouse=True)
def _fail_on_unexpected_warnings(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """A warning or error from our own loggers fails the test (qutebrowser's logfail).

    Declare one a test provokes on purpose with
    ``@pytest.mark.expected_log(r"regex on 'logger.name: message'")``.
    """
    yield
    records = [r for when in ("setup", "call", "teardown") for r in caplog.get_records(when)]
    bad = unexpected_records(records, expected_patterns(request.node))
    if bad:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in bad)
        pytest.fail(f"unexpected log records (fix them, or mark them expected_log):\n{lines}")


# ---------------------------------------------------------------- platforms
@pytest.fixture(scope="session", autouse=True)
def _reference_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every platform database starts as a copy of one built once per run."""
    platform_helpers.TEMPLATE_DIR = tmp_path_factory.mktemp("reference")
    yield
    platform_helpers.TEMPLATE_DIR = None


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """One server per test module (reference data only, no posts)."""
    p = RunningPlatform.start(
        tmp_path_factory.mktemp("platform") / "platform.sqlite3", escalation_seconds=2.0
    )
    yield p
    p.stop()


@pytest.fixture
def fresh_platform(tmp_path: Path) -> Iterator[RunningPlatform]:
    """A server of this test's own, for tests that need an empty event log."""
    p = RunningPlatform.start(tmp_path / "platform.sqlite3", escalation_seconds=2.0)
    yield p
    p.stop()


@pytest.fixture(scope="session")
def seeded_city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded demo city's database file, built once per run. Read it; never write it."""
    path = tmp_path_factory.mktemp("seeded") / "city.sqlite3"
    build_seeded_city(path)
    return path


@pytest.fixture(scope="session")
def seeded_platform(
    seeded_city: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningPlatform]:
    """A server on a copy of the seeded city, shared by the whole run.

    Only for tests that read: they may sign in (officers and citizens), but change no
    post, officer or setting, and create nothing a later test could see.
    """
    path = tmp_path_factory.mktemp("seeded-platform") / "city.sqlite3"
    with sqlite3.connect(seeded_city) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    p = RunningPlatform.serve(path, escalation_seconds=2.0)
    yield p
    p.stop()
