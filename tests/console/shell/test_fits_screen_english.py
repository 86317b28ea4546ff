"""The console in English (its source language) on a 1920×1080 screen at 125 %: English
labels are half as long again as Chinese ones, and the case's action buttons then wrap
onto a second row instead of widening the window past the screen (it was 1,606 px on a
1,536 px screen)."""

from __future__ import annotations

from typing import Any

import pytest

from console.session import Session
from tests.console.shell.test_fits_screen import SCREENS, officer, problems, styled
from tests.helpers.platform import RunningPlatform, silent_report

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("styled")]
__all__ = ["officer", "styled"]  # the fixtures, shared with the Chinese fit tests


def test_a_silent_reports_case_fits_in_english(
    qtbot: Any, platform: RunningPlatform, officer: Session
) -> None:
    first = silent_report(platform, "Robbery on the bus, I am in the back row and cannot talk")
    qtbot.waitUntil(lambda: first in officer.banner.shown_post_ids, timeout=10_000)
    officer.open_case(first)
    view = officer.case_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == first, timeout=10_000)
    assert view.action_bar.accept_action.text() == "Accept"  # English, not the catalogue
    must = {
        "acknowledge button": officer.banner.first_ack_button(),
        "status bar": officer.window.status,
        "private send button": view.private.send_button,
    }
    assert problems(officer.window, SCREENS["1920x1080@125%"], must) == []
    bar = view.action_bar
    buttons = [b for b in bar.findChildren(type(view.loop.buttons["extension"])) if b.isVisible()]
    assert len({b.y() for b in buttons}) == 2  # two rows of buttons, each whole on screen
    assert all(b.visibleRegion().boundingRect().size() == b.size() for b in buttons)
