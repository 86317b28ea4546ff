"""A case pane wired to a real platform on loopback, as the main window wires it.

Used by the case-view, reply-editor, draft and action tests. Everything is real —
HTTP client, outbox on SQLite, sender thread, store, drafts on SQLite — except the
audio device (`FakeClipPlayer`) and the task pool, which runs inline
(`SyncTaskRunner`) so the tests are deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter

from console.api.client import PlatformClient
from console.api.models import Me
from console.api.outbox import Outbox
from console.api.outbox_sender import OutboxSender
from console.drafts import Drafts, DraftStore
from console.settings import Settings
from console.store import CaseStore
from console.views.case.view import CaseView
from platform_server.reference_data import DEMO_PASSWORD
from tests.helpers.fakes import FakeClipPlayer, SyncTaskRunner
from tests.helpers.platform import RunningPlatform


@dataclass
class Console:
    client: PlatformClient
    me: Me
    outbox: Outbox
    sender: OutboxSender
    store: CaseStore
    settings: Settings
    drafts: Drafts
    player: FakeClipPlayer
    view: CaseView
    dir: Path

    def close(self) -> None:
        self.view.shutdown()
        self.sender.stop()
        self.outbox.close()
        self.view.close()
        self.view.deleteLater()


def make_console(
    qtbot: Any,
    platform: RunningPlatform,
    directory: Path,
    badge: str = "010001",
    *,
    start_sender: bool = True,
) -> Console:
    """A case pane for officer `badge`; files (outbox, drafts, settings) under `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    client = PlatformClient(platform.url)
    client.login(badge, DEMO_PASSWORD, f"ws-{badge}")
    me = client.me()
    outbox = Outbox(directory / "outbox.sqlite3", owner=f"{badge}@{platform.url}")
    sender = OutboxSender(outbox, client, backoff_base=0.05, backoff_max=0.5)
    store = CaseStore()
    store.set_viewer(me)
    settings = Settings(directory / "console.ini")
    drafts = Drafts(DraftStore(directory / "drafts.sqlite3"), delay_ms=30)
    player = FakeClipPlayer()
    view = CaseView(
        client, SyncTaskRunner(), sender, store, settings, me, drafts=drafts, player=player
    )
    qtbot.addWidget(view)
    view.resize(1100, 900)
    if start_sender:
        sender.start()
    return Console(client, me, outbox, sender, store, settings, drafts, player, view, directory)


def new_post(platform: RunningPlatform, **fields: Any) -> int:
    """A post created through the public citizen API; returns its id."""
    nickname = fields.pop("nickname", "热心市民")
    body = {"board": "110", "title": "小区门口有车辆长期占道", "body": "晚上八点后一直停着。"}
    body.update(fields)
    citizen = platform.citizen(nickname=nickname)
    r = citizen.post("/public/posts", body)
    assert r.status_code == 201, r.text
    post_id = int(r.json()["id"])
    citizen_by_post[post_id] = citizen
    return post_id


citizen_by_post: dict[int, Any] = {}


def attach(post_id: int, data: bytes, filename: str) -> dict[str, Any]:
    """Upload an attachment as the citizen who wrote the post."""
    citizen = citizen_by_post[post_id]
    r = citizen.session.post(
        citizen.url(f"/public/posts/{post_id}/attachments"),
        files={"file": (filename, data)},
        headers=citizen.headers(),
        timeout=10,
    )
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result


def photo_png(width: int = 640, height: int = 420) -> bytes:
    """A small but recognisable photo-like PNG (sky, road, a red car)."""
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("#87b5e0"))
    p = QPainter(img)
    p.fillRect(0, height * 2 // 3, width, height // 3, QColor("#5a5f66"))
    p.fillRect(width // 4, height // 2, width // 3, height // 5, QColor("#c62828"))
    p.setBrush(QColor("#222222"))
    p.drawEllipse(width // 4 + 20, height // 2 + height // 5 - 20, 40, 40)
    p.drawEllipse(width // 4 + width // 3 - 60, height // 2 + height // 5 - 20, 40, 40)
    p.end()
    ba = QByteArray()
    buf = QBuffer(ba)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(ba.data())
