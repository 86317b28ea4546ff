"""console.operations: every post action written to the outbox and delivered by the
real platform through one generic path; what could never be sent is refused before
anything is written; a new action is one definition."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console import operations
from console.api.outbox import Outbox, OutboxItem
from console.api.outbox_sender import OutboxSender
from console.operations import OPERATIONS, Operation, PostOperations
from tests.helpers.client import signed_in_client
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = pytest.mark.integration


@pytest.fixture
def officer(qtbot: Any, platform: RunningPlatform, tmp_path: Path) -> Iterator[Any]:
    """Duty officer 张伟's operations, over a real outbox and a running sender."""
    client = signed_in_client(platform)
    outbox = Outbox(tmp_path / "outbox.sqlite3", owner="010001")
    sender = OutboxSender(outbox, client, backoff_base=0.05, backoff_max=0.5)
    delivered: list[OutboxItem] = []
    sender.delivered.connect(lambda item, _result: delivered.append(item))
    sender.start()

    def done(item: OutboxItem) -> Any:
        """Wait for the platform to take `item`; the post as it is now."""
        qtbot.waitUntil(lambda: item.id in [d.id for d in delivered], timeout=10_000)
        return client.get_post(item.post_id)

    yield PostOperations(sender), done, client, outbox
    sender.stop()
    outbox.close()


def test_a_case_from_start_to_finish(platform: RunningPlatform, officer: Any) -> None:
    ops, done, client, _outbox = officer
    post = client.get_post(citizen_post(platform, "小区供暖不热"))

    post = done(ops.accept(post))
    assert post.status == "accepted" and post.assignee_id == client.me().id
    post = done(ops.reply(post.id, "您好，已联系热力公司。"))
    assert [r.body for r in post.replies] == ["您好，已联系热力公司。"]
    post = done(ops.note(post.id, "热力公司明早上门。"))
    assert [n.body for n in post.notes] == ["热力公司明早上门。"]
    post = done(ops.close(post, "热力公司已修复管道。"))
    assert post.status == "resolved" and post.resolution == "热力公司已修复管道。"
    post = done(ops.reopen(post, "群众反映仍不热"))
    assert post.status == "in_progress"
    heat = next(u for u in client.units() if u.code == "gov-heat")
    post = done(ops.transfer(post, heat.id, "供热设施问题，请热力公司处理"))
    assert post.unit_id == heat.id and post.status == "new"
    actions = [e.action for e in sorted(post.timeline, key=lambda e: e.at)]
    # (the note's entry is not his to see any more: the case has left his unit)
    assert {"accepted", "replied", "resolved", "reopened", "transferred"} <= set(actions)
    assert actions.index("resolved") < actions.index("reopened") < actions.index("transferred")


def test_a_silent_report_is_acknowledged(platform: RunningPlatform, officer: Any) -> None:
    ops, done, client, _outbox = officer
    report = client.get_post(silent_report(platform, "我被困在电梯里，有人在外面砸门"))
    after = done(ops.acknowledge(report.id, report.version))
    assert after.acknowledged_by is not None and after.acknowledged_by.badge == "010001"


def test_what_could_never_be_sent_is_refused_before_anything_is_written(officer: Any) -> None:
    ops, _done, _client, outbox = officer
    with pytest.raises(ValueError, match="unknown"):
        ops.submit("delete", 1, 1)
    with pytest.raises(ValueError, match="version"):
        ops.submit("accept", 1, None)  # a change of state needs the version the officer saw
    with pytest.raises(ValueError, match="resolution"):
        ops.submit("close", 1, 3)
    with pytest.raises(ValueError, match="reason"):
        ops.submit("transfer", 1, 3, unit_id=9)
    assert outbox.items() == []


def test_messages_carry_no_version_and_actions_do() -> None:
    assert {"reply", "note"} == operations.MESSAGE_KINDS
    assert {"message"} == operations.PRIVATE_KINDS
    loop = ("sign", "return", "extension", "urge", "supervise", "decide")
    assert {
        *("accept", "transfer", "close", "reopen", "acknowledge", "merge", "unmerge", *loop)
    } == operations.ACTION_KINDS
    # A leader's decision is on the extension request, not on the post's version.
    assert [k for k in operations.ACTION_KINDS if not OPERATIONS[k].versioned] == ["decide"]
    assert not any(OPERATIONS[k].versioned for k in operations.MESSAGE_KINDS)
    assert [k for k, op in OPERATIONS.items() if op.rebase_when_stale] == ["acknowledge"]


def test_a_new_action_is_one_definition(
    platform: RunningPlatform, officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing but its `Operation` is needed for the outbox to write and deliver it (the
    route here is accept's, standing in for sign, return, assign, urge …)."""
    ops, done, client, _outbox = officer
    monkeypatch.setitem(OPERATIONS, "claim", Operation("claim", "accept"))
    post = client.get_post(citizen_post(platform, "井盖丢了"))
    after = done(ops.submit("claim", post.id, post.version))
    assert after.status == "accepted"
