"""Shared fixtures: a real platform server on loopback over a real SQLite file."""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
)

from tests.helpers.platform import RunningPlatform

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


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """One server per test module (reference data only, no posts)."""
    p = RunningPlatform.start(
        tmp_path_factory.mktemp("platform") / "platform.sqlite3", escalation_seconds=2.0
    )
    yield p
    p.stop()


@pytest.fixture
def fresh_platform(tmp_path) -> Iterator[RunningPlatform]:
    """A server of this test's own, for tests that need an empty event log."""
    p = RunningPlatform.start(tmp_path / "platform.sqlite3", escalation_seconds=2.0)
    yield p
    p.stop()
