"""The console as the tests run it: a case pane or a whole signed-in console against the
real platform on loopback, typing as a person types, and the Chinese catalogue.

Everything is real — HTTP client, outbox on SQLite, sender thread, store, drafts on
SQLite, Qt widgets offscreen — except the audio device (tests/helpers/fakes.py) and, in
the case pane, the task pool, which runs inline so the tests are deterministic.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from console.api.client import PlatformClient
from console.api.models import Me, PostSummary, format_time
from console.api.outbox import Outbox
from console.api.outbox_sender import OutboxSender
from console.app import ConsoleApp
from console.drafts import Drafts, DraftStore
from console.embedded import EmbeddedPlatform
from console.i18n import install_translators, remove_translators
from console.options import Options
from console.session import Session
from console.settings import Settings
from console.store import CaseStore
from console.views.case.view import CaseView
from platform_server.config import ServerSettings
from platform_server.demo.reference_data import DEMO_PASSWORD
from platform_server.embedded import EmbeddedServer
from tests.helpers.fakes import FakeClipPlayer, FakeSoundPlayer, SyncTaskRunner
from tests.helpers.platform import Api, RunningPlatform, new_reference_database

PASSWORD = DEMO_PASSWORD
ROOT = Path(__file__).resolve().parents[2]  # the repository


# ---------------------------------------------------------------- language and typing
@contextmanager
def chinese(app: QCoreApplication) -> Iterator[None]:
    """The console's zh_CN catalogue installed (what officers read) for a while."""
    translators = install_translators(app, "zh_CN")
    try:
        yield
    finally:
        remove_translators(app, translators)


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character: what a person's typing produces, CJK included.

    (``qtbot.keyClicks`` aborts the whole run on non-ASCII text, see PITFALLS.md.)
    """
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def click_button(qtbot: Any, box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    """Press one of a dialog's standard buttons with the mouse."""
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


# ---------------------------------------------------------------- posts as the platform sends them
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def post_json(pid: int, version: int = 1, **over: Any) -> dict[str, Any]:
    """A post's queue row exactly as the platform sends it (a list page, an event).

    Created at T0, updated ``version`` seconds later, due an hour after T0; new, in the
    command centre (unit 2), nobody holding it.
    """
    d: dict[str, Any] = {
        "id": pid,
        "kind": "post",
        "board": "110",
        "title": f"求助 {pid}",
        "excerpt": "楼下有人吵架",
        "status": "new",
        "author": {"nickname": "王女士", "phone": "*******5678"},
        "channel": "board",
        "unit_id": 2,
        "assignee_id": None,
        "created_at": format_time(T0),
        "updated_at": format_time(T0 + timedelta(seconds=version)),
        "deadline_at": format_time(T0 + timedelta(hours=1)),
        "overdue": False,
        "version": version,
        "mentions": [],
        "location": None,
        "acknowledged_by": None,
        "acknowledged_at": None,
        "escalated_at": None,
        "reply_count": 0,
        "attachment_count": 0,
        "transfer_count": 0,
        "rating": None,
        "pinned": False,
    }
    d.update(over)
    return d


def zhang(*, officer_id: int = 1, unit: int = 2, role: str = "officer") -> Me:
    """张伟 (010001) as /me describes him: a duty officer of the command centre (unit 2)."""
    return Me(
        id=officer_id,
        badge="010001",
        name="张伟",
        unit_id=unit,
        role=role,  # type: ignore[arg-type]
        scope_unit_ids=(unit,),
    )


def summary(pid: int, version: int = 1, **over: Any) -> PostSummary:
    """A `PostSummary` of `post_json`; ``over`` sets its fields as typed values."""
    return dataclasses.replace(PostSummary.from_json(post_json(pid, version)), **over)


# ---------------------------------------------------------------- what citizens send
def attach(citizen: Api, post_id: int, data: bytes, filename: str) -> dict[str, Any]:
    """Upload an attachment as the citizen who wrote the post."""
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


# ---------------------------------------------------------------- the case pane
@dataclass
class CaseConsole:
    """A case pane wired as the main window wires it, and its collaborators."""

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


def make_case_console(
    qtbot: Any,
    platform: RunningPlatform,
    directory: Path,
    badge: str = "010001",
    *,
    start_sender: bool = True,
) -> CaseConsole:
    """A case pane for officer `badge`; files (outbox, drafts, settings) under `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    client = PlatformClient(platform.url)
    client.login(badge, DEMO_PASSWORD, f"ws-{badge}")
    me = client.me()
    outbox = Outbox(directory / "outbox.sqlite3", owner=f"{badge}@{platform.url}")
    sender = OutboxSender(outbox, client, backoff_base=0.05, backoff_max=0.5)
    store = CaseStore()
    store.set_viewer(me)
    sender.item_changed.connect(store.remember_own_item)  # as the session wires it
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
    return CaseConsole(client, me, outbox, sender, store, settings, drafts, player, view, directory)


# ---------------------------------------------------------------- the whole console
class ExistingPlatform(EmbeddedPlatform):
    """Stands in for the embedded demo platform: the test's own server is "started"."""

    def __init__(self, platform: RunningPlatform) -> None:
        self._url = platform.url
        self.url = ""

    @property
    def running(self) -> bool:
        return bool(self.url)

    def start(self) -> str:
        self.url = self._url
        return self.url

    def stop(self) -> None:
        self.url = ""


def make_app(
    platform: RunningPlatform,
    *,
    demo: bool = False,
    badge: str = "",
    password: str = "",
) -> ConsoleApp:
    """The console's controller, not started; demo=True runs "the embedded platform"."""
    options = Options(
        server="" if demo else platform.url,
        badge=badge,
        password=password,
        workstation="测试工作站",
        simulate=False,
    )
    return ConsoleApp(
        options,
        Settings(),
        player_factory=FakeSoundPlayer,
        clip_player_factory=FakeClipPlayer,
        embedded_factory=(lambda: ExistingPlatform(platform)) if demo else None,
    )


def signed_in(qtbot: Any, app: ConsoleApp) -> Session:
    """Start with --badge + password and wait until the queue is on screen."""
    with qtbot.waitSignal(app.session_started, timeout=15_000) as started:
        app.start()
    session: Session = started.args[0]
    qtbot.waitUntil(lambda: session.queue_loaded, timeout=10_000)
    qtbot.waitUntil(lambda: session.stream.state == "live", timeout=10_000)
    return session


def dispose(app: ConsoleApp) -> None:
    """End a console the way the process would, then delete its Qt objects here, on the
    GUI thread (a garbage collection on a worker thread must not be the one to do it)."""
    app.shutdown()
    if app.session is not None:
        app.session.window.close()
    if app.dialog is not None:
        app.dialog.close()
    app.dispose()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def revoke(platform: RunningPlatform, token: str) -> None:
    """Another process kills the token (an administrator, or the shift's token expiry)."""
    api = Api(platform.url, token=token)
    assert api.post("/auth/logout").status_code == 204


def start_on_port(db_path: Path, port: int) -> EmbeddedServer:
    """A platform (demo reference data) on a port chosen in advance, e.g. to come back
    after a simulated outage at the address the console already knows. A new database
    gets the reference data; an existing one is served as it is."""
    if not db_path.exists():
        new_reference_database(db_path)
    url = f"sqlite:///{db_path}"
    return EmbeddedServer(ServerSettings(db_url=url, escalation_seconds=2.0), port=port).start()


# ---------------------------------------------------------------- the duty-console process
def console_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a `duty-console` child: offscreen, user files under `home`, and
    the real keyring never touched."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DUTY_CONSOLE_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **extra,
    }


def fresh_user_env(tmp_path: Path) -> dict[str, str]:
    """A user with an empty profile and no DUTY_CONSOLE_HOME; temp files under tmp_path."""
    home = tmp_path / "user"
    scratch = tmp_path / "tmp"
    for folder in (home, scratch):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DUTY_CONSOLE_HOME"}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TMPDIR=str(scratch),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def run_duty_console(
    args: list[str], env: dict[str, str], timeout: float = 120, code: str = ""
) -> subprocess.CompletedProcess[str]:
    """`python -m console ARGS` (or `python -c CODE`) from the repository, waited for."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "console", *args]
    return subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
