"""Shared fixtures: a real platform server on loopback over a real SQLite file."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"
)

from tests.platform_fixture import RunningPlatform


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
