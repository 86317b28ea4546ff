"""The queue filled, filtered, searched and paged by the real platform (QueueFeed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from sqlalchemy import update

from console.api.client import PlatformClient
from console.store import CaseStore
from console.tasks import TaskRunner
from console.views.queue.feed import QueueFeed
from console.views.queue.filters import sort_key
from console.views.queue.model import (
    KIND,
    PRIORITY,
    STATUS,
    TITLE,
    QueueFilters,
    QueueModel,
)
from platform_server.storage.engines import open_database
from platform_server.storage.models import Post
from tests.helpers.platform import RunningPlatform, citizen_post, new_key

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("chinese")]

LAMP = "小区门口路灯坏了一个月"
NOISE = "楼上深夜装修噪音扰民"
ID_CARD = "身份证丢了怎么补办"
PASSPORT = "护照到期续办需要什么材料"
LATE = "电动车充电桩私拉电线有火灾隐患"
DONE = "咨询驾驶证换证流程"


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


def test_priority_column_and_order_say_where_to_start(
    qtbot: Any, platform: RunningPlatform, wired: QueueFeed
) -> None:
    citizen = platform.citizen("李先生", "13812340000")
    normal = citizen_post(citizen, "路口红绿灯时间太短", board="traffic")
    urgent = citizen_post(citizen, "高架上有车辆逆行", board="traffic")
    low = citizen_post(citizen, "建议增加停车位", board="traffic")
    leader = platform.officer("010900")  # the city's leader (traffic is another unit)
    for pid, level in ((urgent, 1), (low, 4)):
        r = leader.post(f"/posts/{pid}/priority", {"priority": level}, headers={"If-Match": '"1"'})
        assert r.status_code == 200, r.text
    load(qtbot, wired, board="traffic")
    m = wired.model
    assert m.post_ids() == [urgent, normal, low]  # the platform's order: 1 紧急 first
    assert [m.index(r, PRIORITY).data() for r in range(3)] == ["1 紧急", "3 一般", "4 低"]
    assert m.headerData(PRIORITY, Qt.Orientation.Horizontal) == "优先级"
    # a live change sorts the same way as the platform (console mirror of its ORDER BY)
    posts = [p for p in (m.post_at(r) for r in range(3)) if p is not None]
    key = sort_key("priority", lambda: datetime.now(UTC))
    assert sorted(posts, key=key) == posts
