"""The author's private answer chimes where it should, with an unread mark on the queue row.

Two duty officers of the command centre have full consoles open against the real
platform. While nobody holds a post, its author's answer chimes on every console that
may act on it; once an officer holds it, on that officer's console only. The queue row
shows the unread mark until an officer reads the answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.alerts.player import CHIME
from console.views.queue.model import POST_ID_ROLE, TITLE
from tests.console.alerts.test_alarm_e2e import Console, Consoles
from tests.helpers.clock import Clock
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key

pytestmark = pytest.mark.e2e


@pytest.fixture
def duty(qtbot: QtBot, tmp_path: Path) -> Iterator[Consoles]:
    made = Consoles(qtbot, tmp_path)
    yield made
    made.close_all()


def _chimes(c: Console) -> int:
    return c.player.played_once().count(CHIME)


def _row_title(c: Console, post_id: int) -> str:
    model = c.session.model
    for row in range(model.rowCount()):
        if model.data(model.index(row, 0), POST_ID_ROLE) == post_id:
            return str(model.data(model.index(row, TITLE)))
    return ""


def _answer(author: Api, post_id: int, body: str) -> None:
    r = author.post(
        f"/public/posts/{post_id}/messages", {"body": body}, headers={"Idempotency-Key": new_key()}
    )
    assert r.status_code == 201, r.text


def test_an_answer_chimes_on_every_console_that_may_act_until_one_holds_the_post(
    qtbot: QtBot, fresh_platform: RunningPlatform, duty: Consoles
) -> None:
    clock = Clock(datetime(2026, 3, 10, 2, 0, tzinfo=UTC))
    zhang = duty.open(fresh_platform, "010001", clock=clock)
    li = duty.open(fresh_platform, "010002", clock=clock)
    author = fresh_platform.citizen("夜归人", "13912345678")
    post_id = citizen_post(author, "楼下有人砸车窗", board="110")
    qtbot.waitUntil(lambda: zhang.knows(post_id) and li.knows(post_id), timeout=5000)
    clock.advance(10)  # past the new post's chime
    before = _chimes(zhang), _chimes(li)

    _answer(author, post_id, "车是黑色的，往北跑了")  # nobody holds it: both may act
    qtbot.waitUntil(lambda: (_chimes(zhang), _chimes(li)) == (before[0] + 1, before[1] + 1))
    qtbot.waitUntil(lambda: _row_title(zhang, post_id).startswith("✉1"))
    assert _row_title(li, post_id).startswith("✉1")

    # 张伟 takes it by writing back: his console alone hears the next answer.
    officer = fresh_platform.officer("010001")
    r = officer.post(
        f"/posts/{post_id}/messages",
        {"body": "收到，几个人？"},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    qtbot.waitUntil(lambda: not _row_title(li, post_id).startswith("✉"))  # read by writing
    clock.advance(10)
    before = _chimes(zhang), _chimes(li)
    _answer(author, post_id, "一个人")
    qtbot.waitUntil(lambda: _chimes(zhang) == before[0] + 1)
    qtbot.waitUntil(lambda: _row_title(li, post_id).startswith("✉1"))  # the event reached 李静
    assert _chimes(li) == before[1]  # …without a chime: 张伟 holds the post
    assert officer.post(f"/posts/{post_id}/messages/read").status_code == 200
    qtbot.waitUntil(lambda: not _row_title(zhang, post_id).startswith("✉"))
