"""What waits for my unit's signature (待签收) in the whole console against the real platform:
first in the queue, in its own group, counting down to the sign deadline; an overdue
dispatch chimes on the receiving unit's console like a new post (never the alarm) and
the row stays marked until somebody signs for it."""

from __future__ import annotations

from typing import Any

import pytest

from console.views.queue.model import DEADLINE, TITLE, URGENCY_ROLE
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.posts import ids

pytestmark = pytest.mark.integration


def _station_badge(platform: RunningPlatform) -> str:
    unit = ids(platform)["unit"]["st-chengguan"]
    officers = platform.officer("010001").get("/officers").json()
    return str(
        next(o["badge"] for o in officers if o["unit_id"] == unit and o["role"] == "officer")
    )


def _dispatch(platform: RunningPlatform, pid: int) -> None:
    body = {"unit_id": ids(platform)["unit"]["st-chengguan"], "reason": "属地管辖，请签收办理"}
    assert platform.officer("010001").act(pid, "transfer", body).status_code == 200


def test_waiting_for_my_signature_comes_first_and_an_overdue_dispatch_chimes(
    qtbot: Any, start_platform: Any
) -> None:
    # Six seconds to sign for a dispatch; the platform checks twice a second.
    platform: RunningPlatform = start_platform(
        "signing", sign_deadline_default_minutes=0.1, dispatch_check_seconds=0.3
    )
    station = _station_badge(platform)
    # An urgent case the station has already signed for: first in priority order otherwise.
    urgent = citizen_post(platform, "有人持刀在店内滋事", board="110")
    assert platform.officer("010001").act(urgent, "priority", {"priority": 1}).status_code == 200
    _dispatch(platform, urgent)
    assert platform.officer(station).act(urgent, "sign").status_code == 200

    app = make_app(platform, badge=station, password=PASSWORD)
    try:
        session = signed_in(qtbot, app)
        model, player = session.model, session.player
        qtbot.waitUntil(lambda: model.row_of(urgent) is not None, timeout=5000)

        waiting = citizen_post(platform, "小区消防通道被占用", board="12345")
        _dispatch(platform, waiting)
        # (it may arrive first as a new post of the command centre, then as dispatched)
        qtbot.waitUntil(lambda: model.post_ids()[:2] == [waiting, urgent], timeout=5000)
        row = model.row_of(waiting)
        assert row is not None
        title = model.index(row, TITLE).data()
        assert title.startswith("[to sign]")
        first = model.index(row, DEADLINE).data()
        assert first.startswith("sign 00:0")  # six seconds, counted to the second
        assert model.index(row, DEADLINE).data(URGENCY_ROLE) == "near"
        chimes = player.played_once().count("chime")

        # Past the deadline: the platform says so, the console chimes, the row turns red.
        qtbot.waitUntil(lambda: player.played_once().count("chime") > chimes, timeout=15_000)
        row = model.row_of(waiting)
        assert row is not None
        assert model.index(row, TITLE).data().startswith("[sign overdue]")
        assert model.index(row, DEADLINE).data().startswith("sign late")
        assert model.index(row, DEADLINE).data(URGENCY_ROLE) == "over"
        assert not [c for c in player.calls if c[0] == "play_loop"]  # never the alarm
        assert session.policy.open_alarms == []

        # Signed for: the mark goes, the row falls back into the priority order.
        assert platform.officer(station).act(waiting, "sign").status_code == 200
        qtbot.waitUntil(lambda: model.post_ids()[:2] == [urgent, waiting], timeout=5000)
        row = model.row_of(waiting)
        assert row is not None
        assert model.index(row, TITLE).data() == "小区消防通道被占用"
        assert not model.index(row, DEADLINE).data().startswith("sign")
    finally:
        dispose(app)
