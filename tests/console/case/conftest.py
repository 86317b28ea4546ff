"""The case pane as two officers have it open: 010001 (张伟) and 010002 (李静)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.console import CaseConsole, make_case_console
from tests.helpers.platform import RunningPlatform


@pytest.fixture
def console(qtbot: Any, platform: RunningPlatform, tmp_path: Path) -> Iterator[CaseConsole]:
    """Duty officer 010001's case pane, files under tmp_path/c1."""
    c = make_case_console(qtbot, platform, tmp_path / "c1")
    yield c
    c.close()


@pytest.fixture
def second(qtbot: Any, platform: RunningPlatform, tmp_path: Path) -> Iterator[CaseConsole]:
    """Duty officer 010002's case pane, on another workstation (tmp_path/c2)."""
    c = make_case_console(qtbot, platform, tmp_path / "c2", badge="010002")
    yield c
    c.close()
