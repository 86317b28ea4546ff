"""The triage suggestion in the transfer dialog, against a real platform with history:
shown in words with a button to choose its unit, never applied by itself."""

from __future__ import annotations

import random
from typing import Any

import pytest

from platform_server.demo.seed import seed_demo_city
from platform_server.demo.text import compose_post
from platform_server.storage.engines import open_database
from tests.helpers.console import CaseConsole
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def history(platform: RunningPlatform) -> RunningPlatform:
    db = open_database(f"sqlite:///{platform.db_path}", create=False)
    seed_demo_city(db, posts=800, seed=14, days=30)
    db.dispose()
    return platform


def test_the_transfer_dialog_shows_the_suggestion_and_never_applies_it(
    qtbot: Any, history: RunningPlatform, console: CaseConsole
) -> None:
    text = compose_post("traffic", random.Random(3), "st-hebin")
    # A traffic matter posted on the public-order board (it lands with the command centre).
    post_id = citizen_post(history, text.title, text.body, board="public-order")
    # The platform trains its model in a thread; the dialog asks once it is ready.
    officer = history.officer()
    wait_until(lambda: officer.get(f"/posts/{post_id}/suggestion").status_code == 200, timeout=120)
    view = console.view
    view.load(post_id)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == post_id)
    view.start_transfer()
    dialog = view.active_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.suggestion.isHidden(), timeout=30_000)
    words = dialog.suggestion.text()
    assert "交管" in words  # the board its words belong on, by name
    assert dialog.unit_id() is None  # nothing chosen by itself
    assert dialog.use_suggestion.isVisibleTo(dialog)
    dialog.use_suggestion.click()
    chosen = dialog.unit_id()
    assert chosen is not None and chosen == dialog._triage_unit
    assert console.store.unit_name(chosen) in words
    assert not dialog.ok_button.isEnabled()  # the officer still gives the reason
    dialog.reject()
    assert console.outbox.items(post_id) == []
