"""The queue's "time left" on a working-day board counts as the platform counts: over
the calendar the real platform serves (`GET /calendar`), with the platform's own
algorithm, checked against the shared table of cases (tests/helpers/workday_cases.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from console.api.models import Board
from console.views.queue.model import DEADLINE, URGENCY_ROLE, QueueFilters, QueueModel
from console.workdays import Calendar, days_left
from tests.helpers.client import signed_in_client
from tests.helpers.clock import Clock
from tests.helpers.console import summary as post_summary
from tests.helpers.platform import RunningPlatform
from tests.helpers.workday_cases import LEFT_CASES

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("chinese")]


@pytest.fixture(scope="module")
def calendar(platform: RunningPlatform) -> Calendar:
    client = signed_in_client(platform)
    boards = {b.code: b.deadline_working_days for b in client.boards()}
    assert boards["complaint"] == 3 and boards["110"] is None
    return client.calendar()


@pytest.mark.parametrize(("now", "deadline", "left"), LEFT_CASES)
def test_days_left_as_the_shared_table(
    calendar: Calendar, now: str, deadline: str, left: int
) -> None:
    utc = [datetime.fromisoformat(t).replace(tzinfo=UTC) for t in (now, deadline)]
    assert days_left(calendar, *utc) == left


class Directory:
    """The store's lookups: a complaint board counting 3 working days, 110 in minutes."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar

    def units(self) -> list[Any]:
        return []

    def board(self, code: str) -> Board:
        if code == "complaint":
            return Board(
                id=8, code=code, name="警务投诉", deadline_minutes=4320, deadline_working_days=3
            )
        return Board(id=1, code=code, name="110求助", deadline_minutes=60)

    def unit_name(self, unit_id: int | None) -> str:
        return ""

    def officer_name(self, officer_id: int | None) -> str:
        return ""

    def workdays(self) -> Calendar:
        return self.calendar


def test_queue_counts_working_days_on_a_working_day_board(qtbot: Any, calendar: Calendar) -> None:
    # Posted Wednesday 30 Sep 2026, 18:00 in the city: due Saturday 10 Oct (a make-up
    # working day) after the National Day week.
    clock = Clock(datetime(2026, 9, 30, 10, 0, tzinfo=UTC))
    model = QueueModel(Directory(calendar), now=clock)
    model.set_filters(QueueFilters(sort="created_desc"))
    created = clock.now
    complaint = post_summary(
        1,
        board="complaint",
        created_at=created,
        updated_at=created,
        deadline_at=datetime(2026, 10, 10, 10, 0, tzinfo=UTC),
    )
    model.replace_rows([complaint], None)
    cell = model.index(0, DEADLINE)
    assert cell.data() == "3 个工作日"  # 8, 9 and 10 Oct; the holidays do not count
    assert cell.data(URGENCY_ROLE) == ""
    clock.now = datetime(2026, 10, 8, 1, 0, tzinfo=UTC)  # the first working day after
    assert model.deadline_text(complaint) == "2 个工作日"
    clock.now = datetime(2026, 10, 10, 1, 0, tzinfo=UTC)  # its last day: hours, amber
    assert "工作日" not in model.deadline_text(complaint)
    assert model.urgency(complaint) == "near"


def test_the_case_header_counts_working_days_like_the_queue(
    qtbot: Any, platform: RunningPlatform
) -> None:
    """The open case's deadline on a complaint (3 working days) reads in working days,
    the same number the queue shows; a 110 post keeps its hours."""
    from console.store import CaseStore
    from console.views.case.header import CaseHeader
    from tests.helpers.platform import citizen_post

    client = signed_in_client(platform, "010900")  # the city's leader reads complaints too
    store = CaseStore()
    store.set_reference(client.boards(), client.units(), client.officers(), client.calendar())
    header = CaseHeader(store)
    qtbot.addWidget(header)
    complaint = client.get_post(citizen_post(platform, "民警办事态度差", board="complaint"))
    assert complaint.deadline_at is not None
    now = complaint.created_at
    header.set_post(complaint)
    header.refresh_deadline(now)
    left = days_left(store.workdays(), now, complaint.deadline_at)  # type: ignore[arg-type]
    assert left >= 1
    assert header.deadline.text().startswith(f"{left} 个工作日")
    assert header.deadline.property("level") == "ok"
    urgent = client.get_post(citizen_post(platform, "有人打架", board="110"))
    header.set_post(urgent)
    header.refresh_deadline(urgent.created_at)
    assert "工作日" not in header.deadline.text()
