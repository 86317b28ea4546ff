"""Likely duplicates in the case pane against a real platform: listed with the reason,
merged under the open case through the outbox, and unmerged from the duplicate's case."""

from __future__ import annotations

from typing import Any

import pytest

from platform_server.demo.text import STATIONS
from tests.helpers.console import CaseConsole
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration

HEBIN = STATIONS["st-hebin"][2]
NOISE = (
    "沿河路88号的夜宵摊每晚放音乐到凌晨三点，喝酒划拳的声音隔着窗户都听得清清楚楚，"
    "整栋楼的老人孩子都睡不好，找摊主说过几次也没用，请派人管一管。"
)


def at(north_m: float) -> dict[str, Any]:
    return {"lat": HEBIN[0] + north_m / 111_320, "lon": HEBIN[1], "accuracy_m": 20}


def test_a_likely_duplicate_is_listed_with_its_reason_merged_here_and_unmerged(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    first = citizen_post(platform, "夜宵摊放音乐扰民", "你好，" + NOISE, board="public-order",
                         location=at(0), nickname="邻居甲", phone="13800001111")  # fmt: skip
    dup = citizen_post(platform, "夜宵摊半夜吵", NOISE + "谢谢！", board="public-order",
                       location=at(120), nickname="邻居乙", phone="13800002222")  # fmt: skip
    view = console.view
    view.load(first)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == first)
    panel = view.duplicates
    qtbot.waitUntil(lambda: [s.id for s in panel.found] == [dup], timeout=10_000)
    item = panel.list.item(0)
    assert item.text().startswith(f"#{dup} 夜宵摊半夜吵")
    assert "米" in item.text() and "相似" in item.text()  # the platform's reason
    assert view.tabs.tabText(view.tabs.indexOf(view.duplicates)).endswith("(1)")
    assert panel.merge_button.isEnabled()

    officer = platform.officer()
    panel.merge_button.click()
    qtbot.waitUntil(
        lambda: officer.get(f"/posts/{dup}").json()["merged_into_id"] == first, timeout=10_000
    )
    assert panel.found == []  # taken off the list at once
    view.controller.refresh()  # (what the platform's post.updated event does in the app)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.merged_ids == (dup,))

    view.load(dup)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == dup)
    assert not panel.merged_box.isHidden()
    assert f"#{first}" in panel.merged_label.text()
    assert not panel.merge_button.isEnabled()
    with qtbot.waitSignal(panel.open_requested) as opened:
        panel.open_master_button.click()
    assert opened.args == [first]
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == first)
    view.load(dup)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == dup)
    assert panel.unmerge_button.isEnabled()
    panel.unmerge_button.click()
    qtbot.waitUntil(
        lambda: officer.get(f"/posts/{dup}").json()["merged_into_id"] is None, timeout=10_000
    )
    view.controller.refresh()
    qtbot.waitUntil(panel.merged_box.isHidden, timeout=10_000)
