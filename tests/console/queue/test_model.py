"""The queue model: a well-behaved table model updated precisely by live changes, with
deadline colours an officer can trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from console.api.models import PostSummary
from console.views.queue.model import (
    AGE,
    COLUMNS,
    DEADLINE,
    TITLE,
    URGENCY_ROLE,
    QueueFilters,
    QueueModel,
)
from tests.helpers.clock import Clock
from tests.helpers.console import summary as post_summary
from tests.helpers.console import zhang

pytestmark = [pytest.mark.unit, pytest.mark.usefixtures("chinese")]


# ------------------------------------------------------------------ live changes, no server
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


class Directory:
    """The lookups the model makes of the store (queue.model.Directory)."""

    me = None

    def units(self) -> list[Any]:
        return []

    def board(self, code: str) -> Any:
        from console.api.models import Board

        return Board(id=1, code=code, name="110求助", deadline_minutes=60)

    def unit_name(self, unit_id: int | None) -> str:
        return "市局指挥中心" if unit_id else ""

    def officer_name(self, officer_id: int | None) -> str:
        return "张伟" if officer_id else ""

    def workdays(self) -> Any:
        return None  # no working-day board here


def row(pid: int, minutes_ago: int = 0, **over: Any) -> PostSummary:
    """A row created ``minutes_ago`` before T0, due an hour after it was created."""
    created = T0 - timedelta(minutes=minutes_ago)
    fields = {
        "created_at": created,
        "updated_at": created,
        "deadline_at": created + timedelta(minutes=60),
        "excerpt": "",
    }
    return post_summary(pid, **{**fields, **over})


@pytest.fixture
def live(qtbot: Any) -> tuple[QueueModel, Clock, list[tuple[str, Any]]]:
    clock = Clock(T0)
    model = QueueModel(Directory(), now=clock)
    model.set_filters(QueueFilters(sort="created_desc"))
    model.replace_rows([row(3, 1), row(2, 5), row(1, 10)], None)
    seen: list[tuple[str, Any]] = []
    model.modelReset.connect(lambda: seen.append(("reset", None)))
    model.rowsInserted.connect(lambda _p, a, b: seen.append(("inserted", (a, b))))
    model.rowsRemoved.connect(lambda _p, a, b: seen.append(("removed", (a, b))))
    model.rowsMoved.connect(lambda *a: seen.append(("moved", a[1])))
    model.dataChanged.connect(
        lambda tl, br, _r=(): seen.append(
            ("changed", (tl.row(), tl.column(), br.row(), br.column()))
        )
    )
    return model, clock, seen


def test_live_insert_update_remove_never_reset(qtmodeltester: Any, live: Any) -> None:
    model, _clock, seen = live
    model.apply(row(4, 0), zhang(officer_id=7))  # newest: goes on top
    assert model.post_ids() == [4, 3, 2, 1]
    model.apply(row(2, 5, version=2, title="已更新"), zhang(officer_id=7))
    assert model.index(2, TITLE).data() == "已更新"
    model.apply(
        row(3, 1, version=2, status="resolved"), zhang(officer_id=7)
    )  # leaves the open queue
    assert model.post_ids() == [4, 2, 1]
    model.apply(row(2, 5, version=1, title="旧的"), zhang(officer_id=7))  # a late, older copy
    assert model.index(1, TITLE).data() == "已更新"
    assert ("reset", None) not in seen
    last = len(COLUMNS) - 1
    assert seen == [("inserted", (0, 0)), ("changed", (2, 0, 2, last)), ("removed", (1, 1))]
    qtmodeltester.check(model)


def test_live_update_moves_row_when_sort_key_changes(live: Any) -> None:
    model, _clock, seen = live
    model.set_filters(QueueFilters(sort="updated_desc"))
    model.apply(row(1, 10, version=2, updated_at=T0 + timedelta(minutes=1)), zhang(officer_id=7))
    assert model.post_ids() == [1, 3, 2]
    assert [k for k, _ in seen] == ["moved", "changed"]


def test_live_post_not_matching_filters_is_not_inserted(live: Any) -> None:
    model, _clock, _seen = live
    model.set_filters(QueueFilters(scope="mine", sort="created_desc"))
    model.apply(row(9, 0), zhang(officer_id=7))
    assert 9 not in model.post_ids()
    model.apply(row(9, 0, assignee_id=7, version=2), zhang(officer_id=7))
    assert model.post_ids()[0] == 9


def test_deadline_colours_and_timer_touches_only_time_columns(live: Any) -> None:
    model, clock, seen = live
    row = model.row_of(1)  # created 10 min before T0, 60 min deadline → 50 min left
    assert model.index(row, DEADLINE).data(URGENCY_ROLE) == ""
    clock.now = T0 + timedelta(minutes=25)  # 25 min left: < 30 min → amber
    assert model.index(row, DEADLINE).data(URGENCY_ROLE) == "near"
    assert model.index(row, DEADLINE).data() == "25分钟"
    clock.now = T0 + timedelta(minutes=55)  # 5 min past
    assert model.index(row, DEADLINE).data(URGENCY_ROLE) == "over"
    assert model.index(row, DEADLINE).data() == "超时 5分钟"
    seen.clear()
    model.refresh_times()
    touched = {(c[1], c[3]) for k, c in seen if k == "changed"}
    assert touched == {(AGE, AGE), (DEADLINE, DEADLINE)}
    assert QCoreApplication.translate("Status", "New") == "待受理"
