"""The queue: a well-behaved table model, filled and filtered by the real platform,
updated precisely by live changes, with deadline colours an officer can trust."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from sqlalchemy import update

from console.api.client import PlatformClient
from console.api.models import Me, PostSummary
from console.i18n import install_translators, remove_translators
from console.store import CaseStore
from console.tasks import TaskRunner
from console.views.queue.feed import QueueFeed
from console.views.queue.model import (
    AGE,
    DEADLINE,
    KIND,
    STATUS,
    TITLE,
    URGENCY_ROLE,
    QueueFilters,
    QueueModel,
)
from platform_server.db import open_database
from platform_server.models import Post
from tests.helpers.clock import Clock
from tests.helpers.platform import RunningPlatform, citizen_post, new_key

LAMP = "小区门口路灯坏了一个月"
NOISE = "楼上深夜装修噪音扰民"
ID_CARD = "身份证丢了怎么补办"
PASSPORT = "护照到期续办需要什么材料"
LATE = "电动车充电桩私拉电线有火灾隐患"
DONE = "咨询驾驶证换证流程"


@pytest.fixture(autouse=True)
def chinese_ui(qapp: Any) -> Iterator[None]:
    """The default interface language: what officers read."""
    translators = install_translators(qapp, "zh_CN")
    yield
    remove_translators(qapp, translators)


@pytest.fixture(scope="module")
def city(platform: RunningPlatform) -> dict[str, int]:
    """A handful of posts made the way citizens make them, then handled by officers."""
    citizen = platform.citizen("王女士", "13812345678")
    ids = {
        LAMP: citizen_post(citizen, LAMP, "晚上回家一片漆黑，老人走路不安全。", board="110"),
        NOISE: citizen_post(citizen, NOISE, board="public-order"),
        ID_CARD: citizen_post(citizen, ID_CARD, board="hukou"),
        PASSPORT: citizen_post(citizen, PASSPORT, board="exit-entry"),
        LATE: citizen_post(citizen, LATE, board="110"),
        DONE: citizen_post(citizen, DONE, board="advice"),
    }
    r = platform.citizen("匿名").post(
        "/public/silent-reports",
        {
            "body": "出租车司机绕路不让下车，我在后座不敢说话",
            "location": {"lat": 31.2, "lon": 121.5, "accuracy_m": 20},
        },
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    ids["silent"] = int(r.json()["id"])
    officer = platform.officer("010001")
    assert officer.act(ids[NOISE], "accept").status_code == 200
    assert officer.act(ids[DONE], "accept").status_code == 200
    closed = officer.act(ids[DONE], "close", {"resolution": "已电话告知换证流程。"})
    assert closed.status_code == 200, closed.text
    # Time travel the API cannot do: this post's deadline passed an hour ago.
    db = open_database(f"sqlite:///{platform.db_path}", create=False)
    try:
        with db.writing() as s:
            s.execute(
                update(Post)
                .where(Post.id == ids[LATE])
                .values(deadline_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1))
            )
    finally:
        db.dispose()
    return ids


@pytest.fixture
def wired(qtbot: Any, client: PlatformClient, city: dict[str, int]) -> Iterator[QueueFeed]:
    store = CaseStore()
    store.set_viewer(client.me())
    store.set_reference(client.boards(), client.units(), client.officers())
    model = QueueModel(store)
    runner = TaskRunner()
    feed = QueueFeed(model, client, runner, store)
    yield feed
    runner.shutdown(5000)
    feed.deleteLater()
    model.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def load(qtbot: Any, feed: QueueFeed, **filters: Any) -> list[str]:
    with qtbot.waitSignal(feed.loaded, timeout=10_000):
        feed.set_filters(QueueFilters(**filters))
    m = feed.model
    return [m.index(r, TITLE).data() for r in range(m.rowCount())]


def test_model_passes_qtmodeltester(qtbot: Any, qtmodeltester: Any, wired: QueueFeed) -> None:
    load(qtbot, wired, status="all")
    assert wired.model.rowCount() >= 7
    qtmodeltester.check(wired.model)


def test_queue_fills_with_open_posts_silent_report_first(qtbot: Any, wired: QueueFeed) -> None:
    titles = load(qtbot, wired)  # default: open posts, priority order
    m = wired.model
    assert DONE not in titles  # resolved posts are not in the open queue
    assert {LAMP, NOISE, ID_CARD, PASSPORT, LATE} <= set(titles)
    first = m.post_at(0)
    assert first is not None and first.is_silent
    assert m.index(0, KIND).data() == "V报警"
    assert titles.index(LATE) < titles.index(LAMP)  # overdue before merely due


def test_filters_board_status_mine_overdue(qtbot: Any, wired: QueueFeed) -> None:
    assert load(qtbot, wired, board="hukou") == [ID_CARD]
    assert load(qtbot, wired, status="resolved") == [DONE]
    assert load(qtbot, wired, status="resolved", scope="mine") == [DONE]
    assert load(qtbot, wired, scope="mine") == [NOISE]
    assert load(qtbot, wired, overdue=True) == [LATE]
    unit = load(qtbot, wired, scope="unit")  # 市局指挥中心: not 户政 or 出入境
    assert {LAMP, NOISE, LATE} <= set(unit)
    assert ID_CARD not in unit and PASSPORT not in unit
    assert wired.model.index(0, STATUS).data() == "待受理"


def test_chinese_search_runs_on_the_server(qtbot: Any, wired: QueueFeed) -> None:
    assert load(qtbot, wired, q="路灯坏了") == [LAMP]
    assert load(qtbot, wired, q="护照") == [PASSPORT]
    assert load(qtbot, wired, q="不存在的内容甲乙丙") == []


def test_paging_loads_more_as_the_view_scrolls(qtbot: Any, wired: QueueFeed) -> None:
    wired.page_size = 2
    titles = load(qtbot, wired, status="all", sort="created_asc")
    m = wired.model
    assert len(titles) == 2 and m.canFetchMore()
    while m.canFetchMore():
        before = m.rowCount()
        with qtbot.waitSignal(m.rowsInserted, timeout=10_000):
            m.fetchMore()
        assert m.rowCount() > before
    ids = [p for p in m.post_ids()]
    assert len(ids) == len(set(ids)) >= 7
    created = [m.post_at(r).created_at for r in range(m.rowCount())]  # type: ignore[union-attr]
    assert created == sorted(created)


# ------------------------------------------------------------------ live changes, no server
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


class Directory:
    """The three lookups the model makes of the store."""

    me = None

    def board(self, code: str) -> Any:
        from console.api.models import Board

        return Board(id=1, code=code, name="110求助", deadline_minutes=60)

    def unit_name(self, unit_id: int | None) -> str:
        return "市局指挥中心" if unit_id else ""

    def officer_name(self, officer_id: int | None) -> str:
        return "张伟" if officer_id else ""


def summary(pid: int, minutes_ago: int = 0, **over: Any) -> PostSummary:
    created = T0 - timedelta(minutes=minutes_ago)
    base = PostSummary.from_json(
        {
            "id": pid,
            "kind": "post",
            "board": "110",
            "title": f"求助 {pid}",
            "excerpt": "",
            "status": "new",
            "author": {"nickname": "王女士", "phone": "138****5678"},
            "channel": "board",
            "unit_id": 2,
            "assignee_id": None,
            "created_at": created.isoformat(),
            "updated_at": created.isoformat(),
            "deadline_at": (created + timedelta(minutes=60)).isoformat(),
            "overdue": False,
            "version": 1,
        }
    )
    return dataclasses.replace(base, **over)


@pytest.fixture
def live(qtbot: Any) -> tuple[QueueModel, Clock, list[tuple[str, Any]]]:
    clock = Clock(T0)
    model = QueueModel(Directory(), now=clock)
    model.set_filters(QueueFilters(sort="created_desc"))
    model.replace_rows([summary(3, 1), summary(2, 5), summary(1, 10)], None)
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


def me(pid: int = 7) -> Me:
    return Me(
        id=pid,
        badge="010001",
        name="张伟",
        unit_id=2,
        role="officer",
        scope_unit_ids=(2,),
    )


def test_live_insert_update_remove_never_reset(qtmodeltester: Any, live: Any) -> None:
    model, _clock, seen = live
    model.apply(summary(4, 0), me())  # newest: goes on top
    assert model.post_ids() == [4, 3, 2, 1]
    model.apply(summary(2, 5, version=2, title="已更新"), me())
    assert model.index(2, TITLE).data() == "已更新"
    model.apply(summary(3, 1, version=2, status="resolved"), me())  # leaves the open queue
    assert model.post_ids() == [4, 2, 1]
    model.apply(summary(2, 5, version=1, title="旧的"), me())  # a late, older copy
    assert model.index(1, TITLE).data() == "已更新"
    assert ("reset", None) not in seen
    assert seen == [("inserted", (0, 0)), ("changed", (2, 0, 2, 8)), ("removed", (1, 1))]
    qtmodeltester.check(model)


def test_live_update_moves_row_when_sort_key_changes(live: Any) -> None:
    model, _clock, seen = live
    model.set_filters(QueueFilters(sort="updated_desc"))
    model.apply(summary(1, 10, version=2, updated_at=T0 + timedelta(minutes=1)), me())
    assert model.post_ids() == [1, 3, 2]
    assert [k for k, _ in seen] == ["moved", "changed"]


def test_live_post_not_matching_filters_is_not_inserted(live: Any) -> None:
    model, _clock, _seen = live
    model.set_filters(QueueFilters(scope="mine", sort="created_desc"))
    model.apply(summary(9, 0), me())
    assert 9 not in model.post_ids()
    model.apply(summary(9, 0, assignee_id=7, version=2), me())
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
