"""Delivering the outbox to the real platform: in order per post, exactly once, through
outages, refusals and a refused token; what could never be sent is never written."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.api.client import PlatformClient
from console.api.models import Reply
from console.api.outbox import Outbox, OutboxItem
from console.api.outbox_sender import OutboxSender
from console.operations import PostOperations
from platform_server.embedded import free_port
from tests.helpers.client import signed_in_client
from tests.helpers.console_expected_logs import OUTBOX_REFUSED, REFUSED
from tests.helpers.platform import Api, RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


class Watch:
    def __init__(self, sender: OutboxSender) -> None:
        self.changes: list[OutboxItem] = []
        self.delivered: list[tuple[OutboxItem, Any]] = []
        self.counts: list[int] = []
        self.auth_failures = 0
        sender.item_changed.connect(self.changes.append)
        sender.delivered.connect(lambda item, result: self.delivered.append((item, result)))
        sender.pending_count_changed.connect(self.counts.append)
        sender.auth_failed.connect(self._auth)

    def _auth(self) -> None:
        self.auth_failures += 1

    def states_of(self, item_id: int) -> list[str]:
        return [c.state for c in self.changes if c.id == item_id]


@pytest.fixture
def senders() -> Iterator[list[OutboxSender]]:
    made: list[OutboxSender] = []
    yield made
    for s in made:
        s.stop()


def make_sender(
    senders: list[OutboxSender], outbox: Outbox, client: PlatformClient, **kw: Any
) -> OutboxSender:
    s = OutboxSender(outbox, client, **kw)
    senders.append(s)
    return s


def server_replies(client: PlatformClient, post_id: int) -> list[str]:
    return [r.body for r in client.get_post(post_id).replies]


def test_what_could_never_be_sent_is_never_written(
    tmp_path: Path, client: PlatformClient, senders: list[OutboxSender]
) -> None:
    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, client)
    with pytest.raises(ValueError):
        sender.submit("delete", 1, {})
    with pytest.raises(ValueError):
        sender.submit("accept", 1)  # needs the version the officer saw
    with pytest.raises(ValueError):
        sender.submit("transfer", 1, {"unit_id": 3}, 4)  # and a reason
    assert box.items() == []


# ---------------------------------------------------------------- delivery
def test_actions_are_delivered_in_order_per_post(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    client = signed_in_client(platform.url)
    pid = citizen_post(platform.url, "家门口被堵，车出不去", nickname="车主", phone="13900001111")
    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, client)
    watch = Watch(sender)
    sender.start()
    v = client.get_post(pid).version
    accept = sender.submit("accept", pid, {}, base_version=v)
    reply = sender.submit("reply", pid, {"body": "您好，民警已在路上。"})
    note = sender.submit("note", pid, {"body": "车主情绪平稳"})
    # The count follows the last delivery as a separate queued signal: wait for both.
    qtbot.waitUntil(lambda: len(watch.delivered) == 3 and watch.counts[-1:] == [0], timeout=10000)

    assert [i.id for i, _ in watch.delivered] == [accept.id, reply.id, note.id]
    assert watch.states_of(reply.id) == ["queued", "sending", "sent"]
    assert isinstance(watch.delivered[1][1], Reply)
    assert box.pending_count() == 0
    assert all(i.state == "sent" and i.sent_at for i in box.items())
    detail = client.get_post(pid)
    assert detail.status in ("accepted", "in_progress")
    assert [r.body for r in detail.replies] == ["您好，民警已在路上。"]
    assert [n.body for n in detail.notes] == ["车主情绪平稳"]


def test_restart_before_sending_delivers_once(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    client = signed_in_client(platform.url)
    pid = citizen_post(platform.url, "家门口被堵，车出不去", nickname="车主", phone="13900001111")
    path = tmp_path / "o.sqlite3"
    first = Outbox(path)
    item = first.enqueue("reply", pid, {"body": "关机前写好的回复"})
    first.close()  # the console exits before its sender ran

    box = Outbox(path)
    sender = make_sender(senders, box, client)
    watch = Watch(sender)
    sender.start()
    qtbot.waitUntil(lambda: len(watch.delivered) == 1, timeout=10000)
    assert watch.delivered[0][0].idem_key == item.idem_key
    assert server_replies(client, pid) == ["关机前写好的回复"]


def test_crash_mid_send_is_resent_with_the_same_key_and_counted_once(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    client = signed_in_client(platform.url)
    pid = citizen_post(platform.url, "家门口被堵，车出不去", nickname="车主", phone="13900001111")
    path = tmp_path / "o.sqlite3"
    crashed = Outbox(path)
    item = crashed.enqueue("reply", pid, {"body": "您好，已派警。"})
    sending = crashed.mark_sending(item.id)
    assert sending is not None and sending.state == "sending"
    # the request reached the platform, then the console died before recording it
    first = client.reply(pid, "您好，已派警。", item.idem_key)
    crashed.close()

    box = Outbox(path)
    assert box.items()[0].state == "sending"
    sender = make_sender(senders, box, client)
    watch = Watch(sender)
    sender.start()
    qtbot.waitUntil(lambda: len(watch.delivered) == 1, timeout=10000)
    sent, result = watch.delivered[0]
    assert watch.states_of(item.id)[:3] == ["queued", "sending", "sent"]
    assert sent.attempts == 2
    assert result.id == first.id  # the platform replayed its first answer
    assert server_replies(client, pid) == ["您好，已派警。"]


def test_offline_queues_with_backoff_then_delivers_when_the_platform_returns(
    qtbot: QtBot,
    tmp_path: Path,
    senders: list[OutboxSender],
    chinese: None,
    platform_on_port: Any,
) -> None:
    port = free_port()
    db_path = tmp_path / "platform.sqlite3"
    server = platform_on_port(db_path, port)
    client = signed_in_client(server.url)
    pid = citizen_post(server.url, "家门口被堵，车出不去", nickname="车主", phone="13900001111")
    server.stop()  # the platform goes away

    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, client, backoff_base=0.1, backoff_max=0.4)
    watch = Watch(sender)
    sender.start()
    item = sender.submit("reply", pid, {"body": "断网时写下的回复"})
    qtbot.waitUntil(lambda: (box.get(item.id) or item).attempts >= 3, timeout=10000)
    waiting = box.get(item.id)
    assert waiting is not None and waiting.state in ("queued", "sending")
    assert "无法连接到平台" in waiting.last_error
    retries = [c for c in watch.changes if c.state == "queued" and c.last_error]
    assert retries and all(c.next_attempt_at is not None for c in retries)
    assert box.pending_count() == 1

    server = platform_on_port(db_path, port)  # back, same address, same data
    try:
        qtbot.waitUntil(lambda: len(watch.delivered) == 1, timeout=10000)
        assert server_replies(client, pid) == ["断网时写下的回复"]
        assert box.get(item.id).state == "sent"  # type: ignore[union-attr]
    finally:
        sender.stop()
        server.stop()


@pytest.mark.expected_log(REFUSED + r"POST .*/accept: 409")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_conflict_fails_with_the_reason_and_holds_later_actions(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    zhang, li = signed_in_client(platform.url, "010001"), signed_in_client(platform.url, "010002")
    pid = citizen_post(platform.url, "家门口被堵，车出不去", nickname="车主", phone="13900001111")
    v = li.get_post(pid).version
    zhang.accept(pid, v)  # 张伟 gets there first

    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, li)
    watch = Watch(sender)
    sender.start()
    claim = sender.submit("accept", pid, {}, base_version=v)
    note = sender.submit("note", pid, {"body": "李静：我也在跟进"})
    qtbot.waitUntil(lambda: "failed" in watch.states_of(claim.id), timeout=10000)
    failed = box.get(claim.id)
    assert failed is not None and failed.state == "failed"
    # the platform's sentence naming the holder, never dropped silently
    assert "张伟" in failed.last_error
    # An item for another post goes through: the sender has looked at its queue since,
    # and the note (older) would have gone first were it not held behind the refusal.
    other = sender.submit("note", citizen_post(platform.url, "另一条帖子"), {"body": "别的帖子"})
    qtbot.waitUntil(lambda: "sent" in watch.states_of(other.id), timeout=10000)
    assert box.get(note.id).state == "queued"  # type: ignore[union-attr]
    assert li.get_post(pid).notes == ()

    retried = sender.retry(claim.id)
    assert retried is not None and retried.state == "queued"
    qtbot.waitUntil(lambda: watch.states_of(claim.id).count("failed") == 2, timeout=10000)

    sender.cancel(claim.id)  # the officer lets it go; the note may now go out
    qtbot.waitUntil(lambda: len(watch.delivered) == 2, timeout=10000)
    assert watch.delivered[1][0].id == note.id
    assert [n.body for n in li.get_post(pid).notes] == ["李静：我也在跟进"]
    assert box.get(claim.id).state == "cancelled"  # type: ignore[union-attr]


@pytest.mark.expected_log(REFUSED + r"POST .*: 401 token_revoked")
def test_refused_token_pauses_until_a_new_one(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    client = signed_in_client(platform.url)
    pid = citizen_post(platform.url, "家门口被堵，车出不去", nickname="车主", phone="13900001111")
    PlatformClient(platform.url, token=client.token).logout()  # revoked elsewhere

    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, client, backoff_base=0.1)
    watch = Watch(sender)
    sender.start()
    item = sender.submit("note", pid, {"body": "过期前写的备注"})
    qtbot.waitUntil(lambda: watch.auth_failures == 1, timeout=10000)
    assert sender.paused
    waiting = box.get(item.id)
    assert waiting is not None and waiting.state == "queued" and waiting.attempts == 1
    assert "登录" in waiting.last_error

    fresh = signed_in_client(platform.url)
    sender.set_token(fresh.token or "")
    qtbot.waitUntil(lambda: len(watch.delivered) == 1, timeout=10000)
    assert [n.body for n in fresh.get_post(pid).notes] == ["过期前写的备注"]
    assert watch.auth_failures == 1
    # Paused meant paused: one attempt with the dead token, one with the new one.
    assert watch.delivered[0][0].attempts == 2


def test_stop_is_prompt_when_idle(
    qtbot: QtBot, tmp_path: Path, platform: RunningPlatform, senders: list[OutboxSender]
) -> None:
    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, PlatformClient(platform.url))
    sender.start()
    qtbot.waitUntil(lambda: sender.running)
    t0 = time.monotonic()
    sender.stop()
    assert time.monotonic() - t0 < 1.0
    assert not sender.running


@pytest.mark.expected_log(REFUSED + r"POST .*/acknowledge: 412")
def test_acknowledge_goes_through_even_after_an_escalation(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    client = signed_in_client(platform.url)
    citizen = Api(platform.url)
    citizen.token = citizen.post("/public/session", {"nickname": "匿名"}).json()["token"]
    pid = citizen.post("/public/silent-reports", {"body": "我在车里，被人跟着"}).json()["id"]
    seen_version = client.get_post(pid).version
    # nobody acknowledged within the escalation time (2 s here): the version moves on
    qtbot.waitUntil(lambda: client.get_post(pid).escalated_at is not None, timeout=10000)
    assert client.get_post(pid).version > seen_version

    box = Outbox(tmp_path / "o.sqlite3")
    sender = make_sender(senders, box, client)
    watch = Watch(sender)
    sender.start()
    item = sender.submit("acknowledge", pid, {}, base_version=seen_version)
    qtbot.waitUntil(lambda: len(watch.delivered) == 1, timeout=10000)
    assert watch.delivered[0][0].id == item.id
    detail = client.get_post(pid)
    assert detail.acknowledged_by is not None and detail.acknowledged_by.badge == "010001"
    assert "failed" not in watch.states_of(item.id)


def test_own_queued_reply_and_accept_both_land_after_going_online(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    """Offline, the officer replies and then presses 受理 on what they saw (version 1):
    back online, the reply goes first and the accept follows it, not refused as changed."""
    client = signed_in_client(platform.url, workstation="chain-test")
    pid = citizen_post(platform, "家里老人走失了，穿灰色外套")
    seen = client.get_post(pid).version
    outbox = Outbox(tmp_path / "outbox.sqlite3", owner=f"010001@{platform.url}")
    sender = make_sender(senders, outbox, client)
    ops = PostOperations(sender)  # written while offline: the sender is not running yet
    reply = ops.reply(pid, "您好，已通知辖区派出所协助寻找。", seen)
    accept = ops.submit("accept", pid, seen)
    sender.start()  # the link is back
    qtbot.waitUntil(
        lambda: {outbox.get(i.id).state for i in (reply, accept)} == {"sent"},  # type: ignore[union-attr]
        timeout=10_000,
    )
    detail = client.get_post(pid)
    assert [r.body for r in detail.replies] == ["您好，已通知辖区派出所协助寻找。"]
    assert detail.assignee_id == client.me().id


@pytest.mark.expected_log(REFUSED + r"POST .*/close: 412 stale_version")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_a_change_by_someone_else_in_between_is_still_refused(
    qtbot: QtBot, platform: RunningPlatform, tmp_path: Path, senders: list[OutboxSender]
) -> None:
    client = signed_in_client(platform.url, workstation="chain-test")
    pid = citizen_post(platform, "小区门口的井盖丢了")
    seen = client.get_post(pid).version
    outbox = Outbox(tmp_path / "outbox.sqlite3", owner=f"010001@{platform.url}")
    sender = make_sender(senders, outbox, client)
    ops = PostOperations(sender)
    ops.reply(pid, "已联系市政。", seen)
    close = ops.submit("close", pid, seen, resolution="已处理")
    # meanwhile a colleague adds an internal note (a new version the officer never saw)
    li = platform.officer("010002")
    assert li.post(f"/posts/{pid}/notes", {"body": "市政电话已打通"}).status_code == 201
    sender.start()
    qtbot.waitUntil(lambda: outbox.get(close.id).state == "failed", timeout=10_000)  # type: ignore[union-attr]
    assert client.get_post(pid).status != "resolved"
