"""The dashboard against a real platform: render, click-to-filter, live refresh, export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from console.api import stats
from console.api.client import PlatformClient
from console.api.errors import ApiError
from console.store import CaseStore
from console.tasks import TaskRunner
from console.views.dashboard.dashboard import ENDPOINTS, Dashboard
from console.views.dashboard.formats import fmt_count
from platform_server.demo.seed import seed_demo_city
from platform_server.storage.engines import open_database
from tests.helpers.client import signed_in_client
from tests.helpers.console_expected_logs import TASK_FAILED
from tests.helpers.platform import RunningPlatform

# A stub platform that answers {} to every figure: the dashboard cannot read it.
NO_FIGURES = r"console\.tasks: background task .*_fetch_figure.* failed"

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("chinese")]  # as officers read


@pytest.fixture(scope="module")
def seeded(platform: RunningPlatform) -> RunningPlatform:
    db = open_database(f"sqlite:///{platform.db_path}", create=False)
    seed_demo_city(db, posts=2500, seed=11, days=30)
    db.dispose()
    return platform


def all_posts(client: PlatformClient, filters: dict[str, Any]) -> list[Any]:
    items, cursor = [], None
    while True:
        page = client.list_posts(filters, cursor=cursor, limit=200)
        items += page.items
        cursor = page.next_cursor
        if not cursor:
            return items


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(max_threads=4)
    yield r
    r.shutdown(10_000)


class Counting:
    """The client's get_json, counting the calls (to check the debounce)."""

    def __init__(self, client: PlatformClient) -> None:
        self.client = client
        self.calls: list[str] = []

    def __call__(self, path: str, params: dict[str, Any]) -> Any:
        self.calls.append(path)
        return self.client.get_json(path, params)


def make_dashboard(
    qtbot: QtBot,
    platform: RunningPlatform,
    runner: TaskRunner,
    badge: str = "010900",
    **kw: Any,
) -> tuple[Dashboard, PlatformClient, Counting]:
    client = signed_in_client(platform, badge)
    me = client.me()
    fetch = Counting(client)
    dash = Dashboard(
        fetch, runner, role=me.role, units=client.units(), home_unit_id=me.unit_id, **kw
    )
    qtbot.addWidget(dash)
    dash.resize(1600, 980)
    dash.period_box.setCurrentIndex(dash.period_box.findData("30d"))
    with qtbot.waitSignal(dash.refreshed, timeout=30_000):
        dash.show()
        dash.refresh_now()
    return dash, client, fetch


def test_renders_the_platforms_figures(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner, tmp_path: Path
) -> None:
    dash, client, _ = make_dashboard(qtbot, seeded, runner)
    summary = client.get_json("/stats/summary", {"period": "30d"})
    assert dash.tiles["open"].value.text() == fmt_count(summary["open"]["value"])
    assert dash.tiles["overdue"].value.text() == fmt_count(summary["overdue"]["value"])
    assert dash.tiles["open"].delta.text()  # change against the previous period is shown
    assert dash.unit_box.currentText() == "临江市公安局"
    assert dash.workload_chart.categories, "officers with work are charted"
    assert len(dash.volume_chart.categories) == 30
    assert dash.volume_chart.line is not None  # the backlog line
    assert dash.deadline_model.rowCount() > 0
    assert dash.updated_label.text().startswith("更新于")
    assert not dash.error_label.isVisible()
    # Hover text of the busiest officer: their name and every stacked value.
    tip = dash.workload_chart.tooltip_for(0)
    top = dash._officers[0]
    assert top.name in tip and f"逾期：{top.overdue}" in tip
    QCoreApplication.processEvents()  # deferred layouts (axis widths, wrapped notes)
    assert dash.grab().save(str(tmp_path / "dashboard.png"))


def test_click_on_an_officer_bar_filters_the_queue_to_exactly_those_posts(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner
) -> None:
    dash, client, _ = make_dashboard(qtbot, seeded, runner)
    chart = dash.workload_chart
    index = next(i for i, o in enumerate(dash._officers) if o.open > o.overdue)
    officer = dash._officers[index]
    point = chart.widget_point(chart.segment_center(index, "open")).toPoint()
    with qtbot.waitSignal(dash.filter_requested, timeout=5000) as sig:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point)
    wanted = sig.args[0]
    assert wanted["assignee"] == officer.officer_id
    posts = all_posts(client, wanted)
    assert len(posts) == officer.open - officer.overdue
    assert all(p.assignee_id == officer.officer_id and not p.overdue for p in posts)


def test_overdue_tile_and_list_request_filters(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner
) -> None:
    dash, client, _ = make_dashboard(qtbot, seeded, runner)
    with qtbot.waitSignal(dash.filter_requested) as sig:
        qtbot.mouseClick(dash.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert len(all_posts(client, sig.args[0])) == dash.figures["deadlines"].overdue_count
    first = dash.deadline_model.index(0, 1)
    with qtbot.waitSignal(dash.filter_requested) as sig:
        rect = dash.deadline_view.visualRect(first)
        qtbot.mouseClick(
            dash.deadline_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert sig.args[0] == {"post_id": dash.figures["deadlines"].overdue[0].id}


def test_incoming_events_refresh_once_after_a_pause(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner
) -> None:
    store = CaseStore()
    dash, client, fetch = make_dashboard(qtbot, seeded, runner, store=store, debounce_ms=300)
    before = dash.figures["summary"].open.value
    citizen = seeded.citizen()
    created = []
    for i in range(3):
        r = citizen.post(
            "/public/posts",
            {"board": "traffic", "title": f"路灯不亮 {i}", "body": "晚上路口的红绿灯不亮了。"},
        )
        assert r.status_code == 201, r.text
        created.append(r.json()["id"])
    fetch.calls.clear()
    with qtbot.waitSignal(dash.refreshed, timeout=30_000):
        for seq, post_id in enumerate(created, start=10_000):
            store.apply_event(seq, "post.created", client.get_json(f"/posts/{post_id}"))
    # A leader's round: the figures, the callbacks and the unit ranking.
    rounds = len(ENDPOINTS) + len(dash.callback_endpoints()) + len(dash.ranking_endpoints())
    assert len(fetch.calls) == len(set(fetch.calls)) == rounds == 9  # three events, one round
    assert dash.figures["summary"].open.value == before + 3
    assert dash.tiles["open"].value.text() == fmt_count(before + 3)


def test_export_png_and_csv_read_back(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner, tmp_path: Path
) -> None:
    dash, _, _ = make_dashboard(qtbot, seeded, runner)
    png = tmp_path / "看板.png"
    with qtbot.waitSignal(dash.exported, timeout=10_000):
        dash.export_png(png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() == dash.width()
    target = tmp_path / "看板.csv"
    with qtbot.waitSignal(dash.exported, timeout=10_000):
        dash.export_csv(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    kpis = {r[0]: r[1:] for r in rows if len(r) == 3}
    summary = dash.figures["summary"]
    assert isinstance(summary, stats.Summary)
    assert kpis["在办"] == [str(summary.open.value), str(summary.open.previous)]
    assert kpis["逾期"][0] == str(summary.overdue.value)
    officers = {r[0]: r for r in rows if len(r) == 8 and r[0].isdigit()}
    workload = dash.figures["workload"]
    assert isinstance(workload, stats.Workload)
    for o in workload.officers:
        assert officers[o.badge][2:] == [
            str(getattr(o, k))
            for k in ("open", "overdue", "accepted", "replied", "transferred", "resolved")
        ]


@pytest.mark.expected_log(NO_FIGURES)
def test_csv_defuses_formulas_in_citizen_text(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    dash = Dashboard(lambda p, q: {}, runner)
    qtbot.addWidget(dash)
    at = "2025-03-10T00:00:00Z"
    window = {
        "period": "day",
        **dict.fromkeys(("since", "until", "prev_since", "prev_until", "generated_at"), at),
        "scope": "all",
    }
    dash.figures["satisfaction"] = stats.Satisfaction.from_json(
        {
            "window": window,
            "count": 1,
            "average": 1.0,
            "unhappy_count": 1,
            "unhappy_share": 1.0,
            "distribution": [1, 0, 0, 0, 0],
            "unhappy": [
                {
                    "post_id": 7,
                    "title": "噪音",
                    "score": 1,
                    "comment": '=HYPERLINK("http://x")',
                    "rated_at": at,
                    "unit_id": None,
                    "assignee_id": None,
                }
            ],
        }
    )
    target = tmp_path / "x.csv"
    with qtbot.waitSignal(dash.exported):
        dash.export_csv(target)
    assert "'=HYPERLINK" in target.read_text(encoding="utf-8-sig")


def test_wall_display(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner, tmp_path: Path
) -> None:
    dash, _, _ = make_dashboard(qtbot, seeded, runner)
    normal_font = dash.tiles["open"].value.font().pointSizeF()
    dash.set_wall_mode(True)
    qtbot.waitUntil(dash.isFullScreen)
    assert dash.wall_host.isVisible() and not dash.grid_host.isVisible()
    first = dash.wall_stack.currentIndex()
    dash._next_wall_panel()
    assert dash.wall_stack.currentIndex() == (first + 1) % len(dash.panels)
    dash.wall_stack.setCurrentWidget(dash.panels["workload"])
    # Type follows the screen (the offscreen test screen is small) but never shrinks.
    assert dash.tiles["open"].value.font().pointSizeF() >= normal_font
    assert dash.volume_chart._tick_font.pointSizeF() > 12
    QCoreApplication.processEvents()
    assert dash.grab().save(str(tmp_path / "dashboard-wall.png"))
    qtbot.keyClick(dash, Qt.Key.Key_Escape)
    assert not dash.wall_mode and dash.grid_host.isVisible()


def test_duty_officer_sees_their_own_figures(
    qtbot: QtBot, seeded: RunningPlatform, runner: TaskRunner
) -> None:
    dash, _, _ = make_dashboard(qtbot, seeded, runner, badge="010001")
    assert not dash.unit_box.isEnabled() and dash.unit_box.currentText() == "本人"
    assert dash.figures["summary"].window.scope == "self"
    assert "unit" not in dash.params()


@pytest.mark.expected_log(TASK_FAILED)
def test_failure_is_a_sentence_on_screen(qtbot: QtBot, runner: TaskRunner) -> None:
    def broken(path: str, params: dict[str, Any]) -> Any:
        raise ApiError(503, "unavailable", "平台暂时无法访问，请稍后重试。")

    dash = Dashboard(broken, runner)
    qtbot.addWidget(dash)
    dash.show()
    with qtbot.waitSignal(dash.failed, timeout=10_000) as sig:
        dash.refresh_now()
    assert "平台暂时无法访问" in sig.args[0]
    assert dash.error_label.isVisible()
    assert dash.updated_label.text() == "尚未加载"


@pytest.mark.expected_log(NO_FIGURES)
def test_custom_period_sends_beijing_days_as_utc(qtbot: QtBot, runner: TaskRunner) -> None:
    from PySide6.QtCore import QDate

    dash = Dashboard(lambda p, q: {}, runner, role="admin")
    qtbot.addWidget(dash)
    dash.since_edit.setDate(QDate(2025, 3, 10))
    dash.until_edit.setDate(QDate(2025, 3, 11))
    dash.period_box.setCurrentIndex(dash.period_box.findData("custom"))
    assert dash.params() == {
        "period": "custom",
        "since": "2025-03-09T16:00:00Z",
        "until": "2025-03-11T16:00:00Z",
    }


def test_segment_lookup(qtbot: QtBot) -> None:
    from console.views.dashboard.charts import BarChart, Series

    chart = BarChart(horizontal=True)
    qtbot.addWidget(chart)
    chart.set_data(
        ["甲", "乙"], [Series("a", "A", [2, 0], "red"), Series("b", "B", [3, 4], "blue")]
    )
    assert chart.segment_at(QPointF(1.0, 0.0)) == (0, "a")
    assert chart.segment_at(QPointF(4.5, 0.1)) == (0, "b")
    assert chart.segment_at(QPointF(4.5, 0.5)) is None  # between bars
    assert chart.segment_at(QPointF(9.0, 1.0)) is None  # past the end of the bar
    assert "<b>乙</b>" in chart.tooltip_for(1)


def _value_ticks(chart: Any) -> list[float]:
    """The value axis's tick positions as drawn (fixed ticks, else pyqtgraph's own)."""
    item = chart.getPlotItem()
    axis = item.getAxis("bottom" if chart.horizontal else "left")
    if axis._tickLevels is not None:
        return [v for level in axis._tickLevels for v, _ in level]
    lo, hi = axis.range
    return [v for _, values in axis.tickValues(lo, hi, axis.height() or 200) for v in values]


@pytest.mark.parametrize("horizontal", [False, True])
def test_count_axes_have_whole_number_ticks_only(qtbot: QtBot, horizontal: bool) -> None:
    from console.views.dashboard.charts import BarChart, Series

    chart = BarChart(horizontal=horizontal, value_text=fmt_count)
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    chart.show()
    chart.set_data(["甲", "乙", "丙"], [Series("a", "A", [1, 3, 2], "blue")])
    QCoreApplication.processEvents()
    ticks = _value_ticks(chart)
    assert ticks and all(float(v).is_integer() for v in ticks), ticks
    assert max(ticks) >= 3  # the tallest bar is still on the scale


def test_no_empty_backlog_line_in_the_volume_legend(qtbot: QtBot, runner: TaskRunner) -> None:
    dash = Dashboard(lambda p, q: {}, runner, role="admin")
    qtbot.addWidget(dash)
    at = "2025-03-11T16:00:00Z"
    window = {"period": "week", "since": at, "until": at, "prev_since": at, "prev_until": at,
              "generated_at": at, "scope": "all"}  # fmt: skip
    days = [{"day": f"2025-03-1{i}", "total": 2, "by_board": {"110": 2}} for i in range(3)]
    volume = {"window": window, "total": 6, "by_day": days, "backlog": [],
              "by_board": [{"board": "110", "name": "110求助", "count": 6}]}  # fmt: skip
    dash._show_volume(stats.Volume.from_json(volume))
    assert dash.volume_chart.line is None
    assert all("积压" not in label for label, _ in dash.volume_chart.legend_entries())
    # with figures, the line and its legend entry are there
    volume["backlog"] = [{"day": d["day"], "at": at, "open": 5} for d in days]
    dash._show_volume(stats.Volume.from_json(volume))
    assert dash.volume_chart.line is not None
