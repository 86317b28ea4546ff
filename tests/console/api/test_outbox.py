"""The durable outbox on disk: written before anything is sent, scoped to its officer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from console.api.outbox import Outbox

pytestmark = pytest.mark.unit


# ---------------------------------------------------------------- the queue on disk
def test_enqueue_is_on_disk_before_anything_is_sent(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox.sqlite3")
    item = box.enqueue("reply", 7, {"body": "您好，已收到。"})
    assert item.state == "queued" and item.attempts == 0
    assert len(item.idem_key) == 32
    # another connection (another process after a crash) sees it already
    with sqlite3.connect(tmp_path / "outbox.sqlite3") as db:
        row = db.execute("SELECT idem_key, state, payload FROM outbox").fetchone()
    assert row[0] == item.idem_key and row[1] == "queued" and "您好" in row[2]
    assert box.pending_count() == 1
    assert box.enqueue("note", 7, {"body": "x"}).idem_key != item.idem_key


def test_items_are_scoped_to_their_officer(tmp_path: Path) -> None:
    path = tmp_path / "o.sqlite3"
    mine, theirs = Outbox(path, owner="010001@p"), Outbox(path, owner="010002@p")
    mine.enqueue("reply", 1, {"body": "a"})
    assert theirs.items() == [] and theirs.pending_count() == 0
    assert theirs.next_ready(1e12) == (None, None)
    assert len(mine.items(post_id=1)) == 1
