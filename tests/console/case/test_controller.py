"""The case pane's controller without any window: fetching (one at a time), what the
officer may do, actions through the outbox, refusals explained, drafts, and echoes.

Everything is real — the platform on loopback, the client, the outbox and its sender,
the store, the drafts on SQLite — and no widget is made.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from console import rules
from console.api.client import PlatformClient
from console.api.models import PostDetail
from console.api.outbox import Outbox
from console.api.outbox_sender import OutboxSender
from console.drafts import Drafts, DraftStore
from console.store import CaseStore
from console.tasks import TaskRunner
from console.views.case.controller import CaseController
from tests.helpers.client import signed_in_client
from tests.helpers.console_expected_logs import OUTBOX_REFUSED, REFUSED
from tests.helpers.fakes import SyncTaskRunner
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


class GatedClient:
    """The real client; `get_post` is counted and, while the gate is closed, waits."""

    def __init__(self, client: PlatformClient) -> None:
        self.client = client
        self.fetches = 0
        self.gate = threading.Event()
        self.gate.set()

    def get_post(self, post_id: int) -> PostDetail:
        self.fetches += 1
        assert self.gate.wait(10)
        return self.client.get_post(post_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.client, name)


@dataclass
class Desk:
    """One officer's case controller and what it said."""

    controller: CaseController
    client: GatedClient
    store: CaseStore
    sender: OutboxSender
    outbox: Outbox
    drafts: Drafts
    said: dict[str, list[Any]] = field(default_factory=dict)

    def heard(self, name: str) -> list[Any]:
        return self.said.setdefault(name, [])


@pytest.fixture
def desks(qtbot: Any, platform: RunningPlatform, tmp_path: Path) -> Iterator[Any]:
    made: list[Desk] = []

    def open_desk(badge: str = "010001", *, runner: Any = None, folder: str = "") -> Desk:
        folder = folder or f"desk-{badge}-{len(made)}"
        client = GatedClient(signed_in_client(platform, badge))
        me = client.me()
        store = CaseStore()
        store.set_viewer(me)
        store.set_reference(client.boards(), client.units(), client.officers())
        outbox = Outbox(tmp_path / folder / "outbox.sqlite3", owner=badge)
        sender = OutboxSender(outbox, client.client, backoff_base=0.05, backoff_max=0.5)
        sender.item_changed.connect(store.remember_own_item)
        drafts = Drafts(DraftStore(tmp_path / folder / "drafts.sqlite3"), delay_ms=10)
        controller = CaseController(client, runner or SyncTaskRunner(), sender, store, drafts, me)
        desk = Desk(controller, client, store, sender, outbox, drafts)
        for name in ("shown", "refused", "problem", "draft_restored", "load_failed"):
            getattr(controller, name).connect(
                lambda *args, n=name, d=desk: d.heard(n).append(args[0] if args else None)
            )
        sender.start()
        made.append(desk)
        return desk

    yield open_desk
    for desk in made:
        desk.client.gate.set()
        desk.controller.shutdown()
        desk.sender.stop()
        desk.outbox.close()
        for obj in (desk.controller, desk.sender, desk.store):
            obj.deleteLater()


def status(desk: Desk) -> str | None:
    detail = desk.controller.detail
    return detail.status if detail else None


def test_a_case_is_fetched_and_handled_without_a_window(
    qtbot: Any, platform: RunningPlatform, desks: Any
) -> None:
    zhang = desks()
    pid = citizen_post(platform, "小区门口有车辆长期占道")
    zhang.controller.load(pid)
    assert [d.id for d in zhang.heard("shown")] == [pid]
    handling = zhang.controller.handling()
    assert handling is not None and handling.why_not == ""
    assert handling.allows("accept") and handling.can_write
    assert not handling.allows("reopen") and not handling.allows("acknowledge")

    assert zhang.controller.accept()
    item = zhang.controller.pending_action()
    assert item is not None and item.kind == "accept" and item.base_version == 1
    assert not zhang.controller.handling().allows("close")  # one action at a time
    qtbot.waitUntil(lambda: status(zhang) == "accepted", timeout=5000)
    assert zhang.controller.pending_action() is None
    assert [i.state for i in zhang.outbox.items(pid)] == ["sent"]
    assert zhang.controller.handling().allows("close")


def test_someone_else_holding_the_case_is_said_and_blocks_handling(
    qtbot: Any, platform: RunningPlatform, desks: Any, chinese: None
) -> None:
    zhang = desks()
    pid = citizen_post(platform, "楼上漏水")
    assert platform.officer("010002").act(pid, "accept").status_code == 200
    zhang.controller.load(pid)
    handling = zhang.controller.handling()
    assert handling is not None
    assert handling.why_not == "由李静（010002）办理中"
    assert handling.refusals["accept"] == rules.HELD_BY_OTHER
    assert handling.refusals["reply"] == rules.HELD_BY_OTHER
    assert handling.blocked("close") and not handling.can_write
    assert not zhang.controller.accept()  # nothing is written for a refused action
    assert zhang.outbox.items(pid) == []


@pytest.mark.expected_log(REFUSED + r"POST .*/accept: 409")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_a_refused_action_is_explained_in_one_sentence(
    qtbot: Any, platform: RunningPlatform, desks: Any, chinese: None
) -> None:
    zhang, li = desks("010001"), desks("010002")
    pid = citizen_post(platform, "有人在小区发传销传单")
    zhang.controller.load(pid)
    li.controller.load(pid)
    assert li.controller.accept()
    qtbot.waitUntil(lambda: status(li) == "accepted", timeout=5000)

    assert zhang.controller.accept()  # on the version he saw
    qtbot.waitUntil(lambda: bool(zhang.heard("refused")), timeout=5000)
    (sentence,) = zhang.heard("refused")
    assert sentence.startswith("李静（010002）") and "刷新" in sentence and "草稿" in sentence
    assert status(zhang) == "accepted"  # the case was fetched again
    assert [i.state for i in zhang.outbox.items(pid)] == ["cancelled"]


def test_fetches_are_one_at_a_time(qtbot: Any, platform: RunningPlatform, desks: Any) -> None:
    runner = TaskRunner()
    try:
        zhang = desks(runner=runner)
        pid = citizen_post(platform, "路灯不亮")
        zhang.client.gate.clear()  # the platform is slow to answer
        zhang.controller.load(pid)
        qtbot.waitUntil(lambda: zhang.client.fetches == 1)
        for _ in range(5):
            zhang.controller.refresh()  # events and clicks while the first is on its way
        assert zhang.client.fetches == 1
        zhang.client.gate.set()
        qtbot.waitUntil(lambda: len(zhang.heard("shown")) == 2, timeout=5000)
        assert zhang.client.fetches == 2  # the five became one more fetch
    finally:
        runner.shutdown(5000)


def test_the_echo_of_its_own_action_is_not_fetched_again(
    qtbot: Any, platform: RunningPlatform, desks: Any
) -> None:
    """The platform names the Idempotency-Key of the request behind each event: the
    event of this console's own accept is no news; the same change from elsewhere is."""
    zhang = desks()
    pid = citizen_post(platform, "噪音扰民")
    zhang.controller.load(pid)
    assert zhang.controller.accept()
    qtbot.waitUntil(lambda: status(zhang) == "accepted", timeout=5000)
    (item,) = zhang.outbox.items(pid)
    row = platform.officer("010001").get(f"/posts/{pid}").json()
    fetches = zhang.client.fetches

    newer = {**row, "version": row["version"] + 1}
    zhang.store.apply_event(1, "post.updated", {**newer, "idempotency_key": item.idem_key})
    assert zhang.client.fetches == fetches  # its own action coming back
    newest = {**row, "version": row["version"] + 2}
    zhang.store.apply_event(2, "post.updated", {**newest, "idempotency_key": "another-console"})
    assert zhang.client.fetches == fetches + 1  # news: fetched


def test_the_draft_is_kept_and_comes_back(
    qtbot: Any, platform: RunningPlatform, desks: Any
) -> None:
    first = desks(folder="desk")
    pid = citizen_post(platform, "电动车被盗")
    first.controller.load(pid)
    qtbot.waitUntil(lambda: first.controller.draft_ready, timeout=3000)
    first.controller.text_edited("note", "已调取小区监控，待比对。")
    first.drafts.wait_idle()

    again = desks(folder="desk")  # the console restarted
    again.controller.load(pid)
    qtbot.waitUntil(lambda: bool(again.heard("draft_restored")), timeout=3000)
    assert again.heard("draft_restored") == ["已调取小区监控，待比对。"]
