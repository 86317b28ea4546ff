"""The alarm side of a session: silent reports from the stream to sound, banner and tray.

`AlarmDesk` wires the store's silent-report signals to the `AlarmPolicy`, the policy to
the banner, the wall display's alarm strip, the tray and the taskbar, and the officer's
acknowledgements to the outbox. It also keeps the alarm honest when something in
between fails:

- after every (re)connect, and at once when a ``silent.*`` event cannot be read, the
  open silent reports are fetched over REST, every page to the end: a list cut short
  could otherwise stop alarms for reports it did not reach;
- a journal that cannot be written shows a permanent red strip in the banner;
- a minimised or hidden console comes to the front for a new report (setting
  ``raise_on_alarm``, on by default);
- an evidence clip playing ducks the alarm to its minimum audible volume, never silent.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from console.alerts.journal import AlertJournal
from console.alerts.policy import AlarmPolicy, OpenAlarm, SummaryLike
from console.api.models import OPEN_STATUSES, Page, PostSummary
from console.api.outbox import OutboxItem
from console.operations import PostOperations
from console.settings import Settings
from console.store import CaseStore
from console.tasks import Runner
from console.views.shell.alert_banner import AlertBanner

log = logging.getLogger(__name__)

SILENT_PAGE = 200  # the platform's largest page


class SilentLister(Protocol):
    """What the re-fetch asks the platform (`PlatformClient` fits)."""

    def list_posts(
        self, filters: dict[str, Any] | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[PostSummary]: ...


def fetch_open_silent(client: SilentLister, page_size: int = SILENT_PAGE) -> list[PostSummary]:
    """Every open silent report this officer may see, every page (blocking; a worker calls it).

    Raises whatever the client raises: a list that could not be read to the end is no
    list, and the caller keeps the alarms it has.
    """
    query = {
        "kind": "silent_report",
        "status": ",".join(sorted(OPEN_STATUSES)),
        "sort": "created_asc",
    }
    items: list[PostSummary] = []
    cursor: str | None = None
    while True:
        page = client.list_posts(query, cursor, page_size)
        items.extend(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return items


class AlarmDesk(QObject):
    """Silent-report alarms for one session (see the module docstring).

    Signals:
        journal_state_changed(bool, str): the alert journal can (not) be written, and why.
        refetched(int): the open silent reports were fetched over REST (how many).

    Attributes:
        page_size: the re-fetch's page size (tests make it small to cross pages).
    """

    journal_state_changed = Signal(bool, str)
    refetched = Signal(int)

    def __init__(
        self,
        *,
        policy: AlarmPolicy,
        banner: AlertBanner,
        journal: AlertJournal,
        store: CaseStore,
        client: SilentLister,
        runner: Runner,
        operations: PostOperations,
        settings: Settings,
        window: QWidget,
        tray: QSystemTrayIcon | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.policy = policy
        self.banner = banner
        self.store = store
        self.client = client
        self.runner = runner
        self.operations = operations
        self.settings = settings
        self.window = window
        self.tray = tray
        self.page_size = SILENT_PAGE
        self._known: set[int] = set()
        self._closed = False
        store.silent_created.connect(policy.on_silent_created)
        store.silent_escalated.connect(policy.on_silent_escalated)
        store.silent_acknowledged.connect(policy.on_silent_acknowledged)
        store.silent_unreadable.connect(self.refetch)
        store.post_added.connect(policy.on_post_added)
        policy.alarm_state_changed.connect(self._alarms_changed)
        banner.acknowledge_requested.connect(self.acknowledge)
        # Emitted from the journal's writer thread; the banner hears it on its own thread.
        self.journal_state_changed.connect(banner.set_journal_state)
        journal.add_listener(self._journal_state)
        self._journal = journal
        if journal.last_error:
            banner.set_journal_state(False, journal.last_error)

    def close(self) -> None:
        self._closed = True
        self._journal.remove_listener(self._journal_state)

    # ------------------------------------------------------------ REST re-fetch
    def refetch(self) -> None:
        """The open unacknowledged silent reports, over REST, to the last page."""
        if self._closed:
            return
        client, size = self.client, self.page_size
        mark = self.policy.resync_mark()  # alarms started after this are newer than the list

        def done(items: list[PostSummary]) -> None:
            if self._closed:
                return
            self.store.load_page(items)
            self.policy.resync([p for p in items if p.acknowledged_at is None], mark)
            self.refetched.emit(len(items))

        self.runner.run(
            lambda: fetch_open_silent(client, size),
            done,
            lambda exc: log.warning("silent re-fetch failed: %r", exc),
        )

    # ------------------------------------------------------------ new alarms
    def _alarms_changed(self, alarms: list[OpenAlarm]) -> None:
        ids = {a.post_id for a in alarms}
        new = ids - self._known
        self._known = ids
        if not new:
            return
        if self.settings.raise_on_alarm:
            self.bring_to_front()
        QApplication.alert(self.window, 0)  # flash the taskbar entry until looked at
        if self.tray is not None:
            self.tray.showMessage(
                self.tr("Silent report"),
                self.tr("%n silent report(s) waiting for acknowledgement", "", len(ids)),
                QSystemTrayIcon.MessageIcon.Critical,
                10_000,
            )

    def bring_to_front(self) -> None:
        """A minimised or hidden console comes back and to the front."""
        w = self.window
        if w.isMinimized():
            w.setWindowState(w.windowState() & ~Qt.WindowState.WindowMinimized)
        if not w.isVisible():
            w.show()
        w.raise_()
        w.activateWindow()

    # ------------------------------------------------------------ acknowledging
    def acknowledge(self, post_id: int) -> None:
        """Through the outbox, so a flaky link cannot lose it.

        The version is the one this console last saw; when an escalation has moved the
        post on meanwhile, the sender rebases onto the current version (412 answer).
        """
        post: SummaryLike | None = self.store.get(post_id)
        if post is None:
            post = next((a.summary for a in self.policy.open_alarms if a.post_id == post_id), None)
        version = post.version if post is not None else 0
        self.operations.acknowledge(post_id, version)

    def outbox_item_changed(self, item: OutboxItem) -> None:
        if item.kind == "acknowledge" and item.state in ("failed", "cancelled"):
            self.banner.acknowledge_failed(item.post_id)

    # ------------------------------------------------------------ journal and clips
    def _journal_state(self, error: str | None) -> None:
        self.journal_state_changed.emit(error is None, error or "")

    def clip_playing(self, playing: bool) -> None:
        """An evidence clip started (True) or stopped: duck the alarm under it."""
        self.policy.duck(playing)
