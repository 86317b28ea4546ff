"""The dashboard's unit ranking against a real platform holding the hand-computed
ranking data set (tests/helpers/stats_cast.py + tests/helpers/ranking_cast.py):
the table shows the platform's rates, sorts by the number, opens a unit's queue,
and goes into the CSV export; a duty officer's dashboard has no ranking."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from pytestqt.qtbot import QtBot

from console.tasks import TaskRunner
from console.views.dashboard.dashboard import Dashboard
from tests.helpers.client import signed_in_client
from tests.helpers.platform import RunningPlatform
from tests.helpers.ranking_cast import install_dispatches
from tests.helpers.stats_cast import Cast, install_dataset

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("chinese")]


@pytest.fixture(scope="module")
def cast(platform: RunningPlatform) -> Cast:
    c = install_dataset(platform)
    install_dispatches(platform, c)
    return c


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(max_threads=4)
    yield r
    r.shutdown(10_000)


def dashboard(qtbot: QtBot, platform: RunningPlatform, runner: TaskRunner, badge: str) -> Dashboard:
    client = signed_in_client(platform, badge)
    me = client.me()
    dash = Dashboard(
        client.get_json, runner, role=me.role, units=client.units(), home_unit_id=me.unit_id
    )
    qtbot.addWidget(dash)
    dash.resize(1600, 1400)
    dash.since_edit.setDate(QDate(2025, 3, 10))
    dash.until_edit.setDate(QDate(2025, 3, 11))
    dash.period_box.setCurrentIndex(dash.period_box.findData("custom"))  # fetches
    dash.show()

    def custom_round_in() -> bool:
        shown = [f.window.period for f in dash.figures.values()]
        return len(shown) == len(dash.figures) > 1 and set(shown) == {"custom"}

    qtbot.waitUntil(lambda: custom_round_in() and not dash._pending, timeout=30_000)
    return dash


def _row(dash: Dashboard, name: str) -> list[str]:
    proxy = dash.ranking_view.proxy
    for r in range(proxy.rowCount()):
        if proxy.index(r, 0).data() == name:
            return [str(proxy.index(r, c).data()) for c in range(proxy.columnCount())]
    raise AssertionError(f"{name} is not in the ranking")


def test_ranking_shows_sorts_and_opens_a_unit(
    qtbot: QtBot, platform: RunningPlatform, runner: TaskRunner, cast: Cast
) -> None:
    dash = dashboard(qtbot, platform, runner, "010999")
    view = dash.ranking_view
    assert view.model().headerData(2, Qt.Orientation.Horizontal) == "签收及时率"
    # unit, dispatched, 签收及时率, 回退率, 按期办结率, 延期率, 满意率 (hand-computed)
    assert _row(dash, "市局指挥中心")[1:] == ["0", "—", "—", "50.0%", "16.7%", "50.0%"]
    assert _row(dash, "城关派出所")[1:] == ["2", "50.0%", "50.0%", "0.0%", "100.0%", "0.0%"]
    assert _row(dash, "开发区派出所")[1:] == ["1", "0.0%", "100.0%", "—", "—", "—"]
    # Sorted by 签收及时率, best first: xiguan 100 %, chengguan 50 %, kaifa 0 %, then
    # the units that had nothing to sign.
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    at = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert header.sortIndicatorSection() == 2
    assert view.unit_names()[:3] == ["西关派出所", "城关派出所", "开发区派出所"]
    view.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # 回退率: kaifa 100 % first
    assert view.unit_names()[0] == "开发区派出所"
    # A double click opens that unit's open posts in the queue.
    index = view.proxy.index(0, 3)
    with qtbot.waitSignal(dash.filter_requested) as sig:
        view.doubleClicked.emit(index)
    kaifa = cast.units["st-kaifa"]
    assert sig.args[0] == {"status": ["new", "accepted", "in_progress"], "unit": kaifa}


def test_ranking_in_the_csv_export(
    qtbot: QtBot, platform: RunningPlatform, runner: TaskRunner, cast: Cast, tmp_path: Path
) -> None:
    dash = dashboard(qtbot, platform, runner, "010999")
    target = tmp_path / "排名.csv"
    with qtbot.waitSignal(dash.exported, timeout=10_000):
        dash.export_csv(target)
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    start = rows.index(["# 单位排名"])
    assert rows[start + 1][:4] == ["单位", "派单数", "签收及时率", "计算基数"]
    table = {r[0]: r[1:] for r in rows[start + 2 :] if r}
    assert table["城关派出所"] == ["2", "0.5", "2", "0.5", "2", "0.0", "1", "1.0", "1", "0.0", "1"]


def test_duty_officer_has_no_ranking(
    qtbot: QtBot, platform: RunningPlatform, runner: TaskRunner, cast: Cast
) -> None:
    dash = dashboard(qtbot, platform, runner, "010001")
    assert "ranking" not in dash.panels and "units" not in dash.figures
