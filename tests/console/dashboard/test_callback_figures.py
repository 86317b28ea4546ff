"""The dashboard's callback figures against a real platform: a complaint resolved and
called back twice (one author satisfied, one not): coverage, the two satisfaction rates
side by side, the dissatisfied case one click from the case, and the CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.tasks import TaskRunner
from console.views.dashboard.callbacks import POST_ROLE
from console.views.dashboard.dashboard import Dashboard
from tests.helpers.client import signed_in_client
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("chinese")]

INSPECT = "020018"  # an officer of 督察支队, who handles complaints (all called back)


def _called_back(platform: RunningPlatform, title: str, outcome: str, note: str) -> int:
    pid = citizen_post(platform, title, board="complaint", nickname="投诉人", phone="13800138000")
    inspector: Api = platform.officer(INSPECT)
    r = inspector.act(pid, "close", {"resolution": "已核实处理完毕"})
    assert r.status_code == 200, r.text
    (cb,) = [c for c in inspector.get("/callbacks").json() if c["post_id"] == pid]
    r = inspector.post(
        f"/callbacks/{cb['id']}/attempts",
        {"outcome": outcome, "note": note},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    return pid


@pytest.fixture(scope="module")
def cases(platform: RunningPlatform) -> dict[str, int]:
    return {
        "happy": _called_back(platform, "民警态度生硬", "satisfied", "群众表示满意"),
        "unhappy": _called_back(platform, "接警后迟迟不出警", "dissatisfied", "<b>要求重查</b>"),
    }


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(max_threads=4)
    yield r
    r.shutdown(10_000)


def test_callback_figures_and_the_unhappy_case(
    qtbot: QtBot,
    platform: RunningPlatform,
    runner: TaskRunner,
    cases: dict[str, int],
    tmp_path: Path,
) -> None:
    client = signed_in_client(platform, "010900")
    me = client.me()
    dash = Dashboard(
        client.get_json, runner, role=me.role, units=client.units(), home_unit_id=me.unit_id
    )
    qtbot.addWidget(dash)
    dash.resize(1600, 1400)
    dash.show()
    qtbot.waitUntil(lambda: "callbacks" in dash.figures and not dash._pending, timeout=30_000)
    figures = client.get_json("/stats/callbacks", dash.params())
    assert (figures["reached"], figures["resolved"]) == (2, 2)
    note = dash.callback_panel.note.text()
    assert note.startswith("回访覆盖率 100.0%") and "回访到 2 位群众" in note
    rates = dash.callback_figures.rates.text()
    assert "回访 50.0%（回访到 2 人）" in rates and "评价 —（0 条评价）" in rates
    model = dash.callback_figures.model
    assert model.rowCount() == 1
    item = model.item(0)
    assert "<b>要求重查</b>" in item.text()  # citizen words shown as typed, not markup
    with qtbot.waitSignal(dash.filter_requested) as sig:
        dash.callback_figures.cases.clicked.emit(model.index(0, 0))
    assert sig.args[0] == {"post_id": cases["unhappy"]}
    assert item.data(POST_ROLE) == cases["unhappy"]
    target = tmp_path / "回访.csv"
    with qtbot.waitSignal(dash.exported, timeout=10_000):
        dash.export_csv(target)
    rows: list[Any] = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    table = {r[0]: r[1:] for r in rows if len(r) == 2}
    assert table["回访满意率"] == ["0.5"] and table["回访覆盖率"] == ["1.0"]
    start = rows.index(["# 回访不满意"])
    assert rows[start + 2][:2] == [str(cases["unhappy"]), "接警后迟迟不出警"]
