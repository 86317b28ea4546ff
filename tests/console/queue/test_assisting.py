"""联办 in the whole console against the real platform: a complaint (a restricted board)
dispatched to 城关派出所 with 河滨派出所 assisting reaches a 河滨 officer's console live, first
in the queue among what waits for their signature; they open it (the pane says their
unit assists: no public reply or private message), sign their part and record it in an
internal note, and the row leaves the signing group."""

from __future__ import annotations

from typing import Any

import pytest

from console.views.queue.model import TITLE
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.posts import ids

pytestmark = pytest.mark.integration


def _badge(platform: RunningPlatform, unit_code: str) -> str:
    unit = ids(platform)["unit"][unit_code]
    officers = platform.officer("010001").get("/officers").json()
    return str(
        next(o["badge"] for o in officers if o["unit_id"] == unit and o["role"] == "officer")
    )


def test_an_assisting_station_signs_a_restricted_case_from_its_queue(
    qtbot: Any, platform: RunningPlatform
) -> None:
    unit = ids(platform)["unit"]
    hebin = unit["st-hebin"]
    app = make_app(platform, badge=_badge(platform, "st-hebin"), password=PASSWORD)
    try:
        session = signed_in(qtbot, app)
        model = session.model
        before = citizen_post(platform, "公园长椅损坏", board="12345")
        qtbot.waitUntil(lambda: model.row_of(before) is not None, timeout=5000)

        pid = citizen_post(platform, "投诉交警执法时态度粗暴", board="complaint")
        inspector = platform.officer(_badge(platform, "inspect"))
        body = {
            "unit_id": unit["st-chengguan"],
            "reason": "城关所主办，河滨所协助调取执法记录",
            "assist_unit_ids": [hebin],
        }
        assert inspector.act(pid, "transfer", body).status_code == 200
        # A complaint is private: it reaches 河滨's queue only as its assisting unit.
        qtbot.waitUntil(lambda: model.post_ids()[:1] == [pid], timeout=5000)
        row = model.row_of(pid)
        assert row is not None
        assert model.index(row, TITLE).data().startswith("[to sign]")

        session.open_case(pid)
        view = session.case_view
        qtbot.waitUntil(view.loop.actions_["sign"].isEnabled, timeout=10_000)
        assert not view.loop.buttons["return"].isEnabled()  # the lead unit's step
        assert view.note_action.isEnabled()  # an assisting unit records its part
        # … and the pane says what its part is; the lead unit answers the citizen.
        said = view.action_bar.state_label.text()
        assert said == "Assisting: sign, then note your part", said
        assert not view.editor.public_button.isEnabled()
        assert view.editor.public_button.toolTip() == said
        assert view.private.edit.isReadOnly()  # no private message to the author either
        view.loop.actions_["sign"].trigger()

        def signed() -> bool:
            d = view.detail
            return (
                d is not None
                and d.dispatch is not None
                and (d.dispatch.assist_signed_unit_ids == (hebin,))
            )

        qtbot.waitUntil(signed, timeout=10_000)
        # Signed: no longer first as waiting for 河滨's signature.
        qtbot.waitUntil(
            lambda: not model.index(model.row_of(pid), TITLE).data().startswith("[to sign]"),
            timeout=5000,
        )

        view.note_action.trigger()
        view.editor.edit.setPlainText("河滨所已调取执法记录仪视频，移交城关所。")
        view.editor.request_send()

        def noted() -> bool:
            d = view.detail
            return d is not None and any(n.unit_id == hebin for n in d.notes)

        qtbot.waitUntil(noted, timeout=10_000)
        stored = platform.officer(_badge(platform, "st-chengguan")).get(f"/posts/{pid}").json()
        assert [(n["body"], n["unit_id"]) for n in stored["notes"]] == [
            ("河滨所已调取执法记录仪视频，移交城关所。", hebin)
        ]
    finally:
        dispose(app)
