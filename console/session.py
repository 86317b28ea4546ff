"""One officer's signed-in session: every collaborator that lives from sign-in to sign-out.

`Session` builds and wires the store, outbox, event stream, queue, case view, alarm
policy and banner and the main window, all around one `PlatformClient`. A token that
dies mid-shift does not end the session: `auth_expired` is raised once, the controller
asks for the password again, and `reauthenticated(token)` resumes everything in place —
the open case, its draft and the queue stay as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QBoxLayout, QSystemTrayIcon

from console import paths
from console.alarm_desk import AlarmDesk
from console.alerts.journal import AlertJournal, utc_now
from console.alerts.player import SoundPlayer
from console.alerts.policy import AlarmPolicy
from console.api.city import CityApi, Hotspot
from console.api.client import PlatformClient
from console.api.errors import AuthError
from console.api.models import PostDetail, PostSummary
from console.api.outbox import Outbox
from console.api.outbox_sender import OutboxSender
from console.api.stream import LIVE, OFFLINE, EventStream
from console.operations import PostOperations
from console.settings import Settings
from console.signin import SessionInfo
from console.store import CaseStore
from console.tasks import Runner, TaskRunner
from console.views.case.clips import ClipPlayer
from console.views.case.view import CaseView
from console.views.dialogs.callbacks import CallbackWorklist
from console.views.dialogs.hotspot_reply import HotspotReplyDialog
from console.views.dialogs.intake import IntakeDialog
from console.views.dialogs.notices import NoticesWindow
from console.views.dialogs.outbox import OutboxPanel
from console.views.dialogs.worklist import LeaderWorklist, worklist_button
from console.views.map.source import CityGeoSource
from console.views.queue.feed import QueueFeed
from console.views.queue.model import QueueFilters, QueueModel
from console.views.queue.view import QueueView
from console.views.shell.alert_banner import AlertBanner
from console.views.shell.main_window import MainWindow

log = logging.getLogger(__name__)
T = TypeVar("T")


class AuthAwareRunner:
    """The task runner every view gets: an AuthError in any task is also reported once.

    The view's own failure callback still runs (it shows its message and keeps its
    state); `on_auth_error` lets the controller bring back the sign-in dialog.
    """

    def __init__(self, runner: Runner, on_auth_error: Callable[[AuthError], None]) -> None:
        self._runner = runner
        self._on_auth_error = on_auth_error

    def run(
        self,
        op: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        def failed(exc: Exception) -> None:
            if isinstance(exc, AuthError):
                self._on_auth_error(exc)
            if on_failure is not None:
                on_failure(exc)

        self._runner.run(op, on_success, failed)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        return bool(self._runner.shutdown(timeout_ms))


class Session(QObject):
    """Everything that exists while one officer is signed in.

    Signals:
        auth_expired(str): the platform refused the token (any request, the stream or
            the outbox); raised once until `reauthenticated` is called.
        queue_ready(): the first queue page arrived (start-up timing, --self-test).
    """

    auth_expired = Signal(str)
    queue_ready = Signal()

    def __init__(
        self,
        info: SessionInfo,
        client: PlatformClient,
        settings: Settings,
        *,
        player: SoundPlayer,
        journal: AlertJournal,
        icon: QIcon | None = None,
        runner: Runner | None = None,
        clip_player: ClipPlayer | None = None,
        clock: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.info = info
        self.client = client
        self.settings = settings
        self._auth_pending = False
        self._closed = False
        self._ready_once = False
        self._link_was_lost = False
        self.outbox_panel: OutboxPanel | None = None
        self._pool = runner or TaskRunner(parent=self)
        self.runner = AuthAwareRunner(self._pool, self._on_auth_error)

        self.store = CaseStore(self)
        self.store.set_viewer(info.me)
        self.store.set_reference(info.boards, info.units, info.officers, info.calendar)
        owner = f"{info.badge}@{info.server.rstrip('/')}"
        self.outbox = Outbox(paths.outbox_file(), owner=owner)
        self.outbox_sender = OutboxSender(self.outbox, client, parent=self)
        self.operations = PostOperations(self.outbox_sender)
        self.hotspot_drafts: dict[int, str] = {}  # hotspot id → the reply to all, unsent
        self.stream = EventStream(client, parent=self)

        self.model = QueueModel(self.store, parent=self)
        self.model.set_signature_check(self.store.waits_for_my_signature)  # 待签收 first
        self.feed = QueueFeed(self.model, client, self.runner, self.store, parent=self)
        self.queue_view = QueueView(self.model, settings)
        self.queue_view.filter_bar.set_boards(info.boards)
        self.case_view = CaseView(
            client,
            self.runner,
            self.outbox_sender,
            self.store,
            settings,
            info.me,
            player=clip_player,
        )

        self.player = player
        self.journal = journal
        self.policy = AlarmPolicy(
            player,
            journal,
            info.me,
            chime_muted=settings.chime_muted,
            chime_scope=settings.chime_scope,
            volume=settings.volume,
            clock=clock,
            parent=self,
        )
        self.banner = AlertBanner()
        self.banner.bind(self.policy, player)

        self.window = MainWindow(
            self.queue_view,
            settings,
            case_view=self.case_view,
            alert_banner=self.banner,
            icon=icon,
        )
        unit_name = info.me.unit_name or self.store.unit_name(info.me.unit_id)
        self.window.set_identity(info.me.name, info.me.badge, unit_name, demo=info.demo)
        self.window.set_current_choices(settings.language, settings.theme)
        self._attach_dashboard()
        self.tray: QSystemTrayIcon | None = None
        self.intake: IntakeDialog | None = None  # the other-channel form while open
        self.callbacks: CallbackWorklist | None = None  # made on first use
        self.notices: NoticesWindow | None = None  # made on first use
        self.worklist: LeaderWorklist | None = None  # leaders' worklist, made on first use
        if icon is not None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.show()
        self.alarms = AlarmDesk(
            policy=self.policy,
            banner=self.banner,
            journal=journal,
            store=self.store,
            client=client,
            runner=self.runner,
            operations=self.operations,
            settings=settings,
            window=self.window,
            tray=self.tray,
            parent=self,
        )
        self._wire()

    # ------------------------------------------------------------ wiring
    def _wire(self) -> None:
        w, store, stream, sender = self.window, self.store, self.stream, self.outbox_sender
        self.queue_view.filters_changed.connect(self._filters_changed)
        self.queue_view.open_requested.connect(self.open_case)
        self.case_view.open_requested.connect(self.open_case)
        self.case_view.case_loaded.connect(self.queue_view.show_open_case)
        self.feed.loading_changed.connect(self.queue_view.set_loading)
        self.feed.load_failed.connect(self.queue_view.show_error)
        self.feed.loaded.connect(self._queue_loaded)
        w.refresh_requested.connect(self.refresh)
        w.record_requested.connect(self.start_record)
        w.callbacks_requested.connect(self.show_callbacks)
        w.notices_requested.connect(self.show_notices)
        if self.info.me.is_leader:  # the leaders' worklist: View menu, Ctrl+J
            act = w._action(self.tr("Leaders' worklist…"), ["Ctrl+J"], self.show_worklist)
            act.setObjectName("WorklistAction")
            w.view_menu.addAction(act)

        stream.event_received.connect(store.apply_event)
        stream.state_changed.connect(self._stream_state)
        stream.connected.connect(self.alarms.refetch)
        # The platform is back: what waits in the outbox goes now, not after its backoff.
        stream.connected.connect(self._link_back)
        stream.state_changed.connect(w.offline_strip.set_connection)
        sender.pending_count_changed.connect(w.offline_strip.set_outbox_pending)
        w.outbox_requested.connect(self.show_outbox)
        stream.resync_required.connect(self.resync)
        stream.auth_failed.connect(self._stream_refused_token)

        sender.pending_count_changed.connect(w.status.set_outbox_pending)
        sender.auth_failed.connect(self._sender_refused_token)
        sender.item_changed.connect(self.alarms.outbox_item_changed)
        # Every item this console sends: its events come back as echoes, not news.
        sender.item_changed.connect(store.remember_own_item)
        # A renamed or moved officer reads right in the queue at once.
        store.officer_changed.connect(self.model.refresh_names)

        # A citizen's private answer chimes like a new post (the policy decides).
        store.citizen_answered.connect(self.policy.on_citizen_answered)
        # A dispatch to my unit not signed in time chimes the same way (never the alarm).
        store.dispatch_overdue.connect(self.policy.on_dispatch_overdue)
        self.banner.open_requested.connect(self.open_case)
        # An evidence clip ducks a looping alarm to its minimum audible volume.
        self.case_view.attachments.clip_playing.connect(self.alarms.clip_playing)
        self.banner.on_screen = lambda: self.case_view.post_id
        # Sound settings apply at once, mid-shift (the settings dialog only stores them);
        # only the chime follows mute and scope, the policy keeps alarms audible.
        self._unsubscribe = [
            self.settings.on_change(Settings.chime_muted, self.policy.set_chime_muted),
            self.settings.on_change(Settings.chime_scope, self.policy.set_chime_scope),
            self.settings.on_change(Settings.volume, self.policy.set_volume),
        ]

    def _attach_dashboard(self) -> None:
        try:
            from console.views.dashboard.dashboard import Dashboard
        except ImportError:
            return
        me = self.info.me
        try:
            dashboard = Dashboard(
                self.client.get_json,
                self.runner,
                role=me.role,
                units=self.info.units,
                home_unit_id=me.unit_id,
                store=self.store,
                city=CityApi(self.client.get_json),
            )
        except Exception:
            log.exception("dashboard could not be created; the console runs without it")
            return
        self.window.set_dashboard(dashboard)
        if hasattr(dashboard, "wall_alarms"):
            # The wall display shows the open silent reports, large, to the whole room.
            self.policy.alarm_state_changed.connect(dashboard.wall_alarms.set_alarms)
        if hasattr(dashboard, "filter_requested"):
            dashboard.filter_requested.connect(self._dashboard_filter)
        bar = dashboard.controls.layout() if hasattr(dashboard, "controls") else None
        if me.is_leader and isinstance(bar, QBoxLayout):  # one click to the worklist
            bar.insertWidget(2, worklist_button(self.show_worklist))
        if hasattr(dashboard, "hotspot_reply_requested"):
            dashboard.hotspot_reply_requested.connect(self.answer_hotspot)
        if me.is_leader:
            # Leaders come to see how their people and deadlines are doing; duty
            # officers come to work the queue (and reach the dashboard with Ctrl+D).
            self.window.pages.setCurrentWidget(dashboard)

    # ------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Show the window, connect the live link, load the queue."""
        self.window.restore_layout()
        saved = QueueFilters.from_json(self.settings.queue_filters)
        self.queue_view.filter_bar.set_filters(saved, emit=False)
        self.model.set_filters(saved)
        self.window.show()
        self.outbox_sender.start()
        # The stream first, then the page: a post created in between arrives as an event.
        self.stream.start(self.info.token)
        self.feed.reload()
        self.queue_view.focus_table()

    def reauthenticated(self, token: str) -> None:
        """A fresh token for the same officer: resume in place, nothing reloaded that works."""
        self.info.token = token
        self.client.token = token
        self._auth_pending = False
        self.outbox_sender.set_token(token)
        self.stream.start(token, self.store.last_seq)
        if self.feed.failed:
            self.feed.reload()
        if self.case_view.post_id is not None:
            self.case_view.refresh()

    def close(self) -> None:
        """Stop workers and write what must be written; the window is closed by the caller."""
        if self._closed:
            return
        self._closed = True
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.settings.queue_filters = self.model.filters.to_json()
        self.feed.stop()
        self.policy.clear("signed_out")
        self.alarms.close()
        self.stream.stop()
        self.outbox_sender.stop()
        self.case_view.shutdown()
        self._pool.shutdown(5000)
        self.outbox.close()
        if self.tray is not None:
            self.tray.hide()

    # ------------------------------------------------------------ queue and case
    def _filters_changed(self, filters: QueueFilters) -> None:
        self.feed.set_filters(filters)
        self.settings.queue_filters = filters.to_json()

    def _dashboard_filter(self, wanted: dict[str, Any]) -> None:
        """A click on the dashboard: that officer's / unit's posts, or one post opened."""
        self.window.show_queue_page()
        post_id = wanted.get("post_id")
        if isinstance(post_id, int):
            self.open_case(post_id)
            return
        f = QueueFilters.from_json(
            {
                "scope": "all",
                "status": wanted.get("status", "open"),
                "overdue": bool(wanted.get("overdue", False)),
                "assignee": wanted.get("assignee"),
                "unit": wanted.get("unit"),
                "district": wanted.get("district"),
                "ids": wanted.get("ids"),
                "sort": self.model.filters.sort,
            }
        )
        self.queue_view.filter_bar.set_filters(f)
        self.queue_view.focus_table()

    def answer_hotspot(self, hotspot: Hotspot) -> HotspotReplyDialog:
        """One reply to all of a hotspot's posts, each its own outbox item."""
        dialog = HotspotReplyDialog(
            hotspot,
            self.operations,
            self.runner,
            self.client.templates,
            self.hotspot_drafts,
            self.window,
        )
        sender = self.outbox_sender.item_changed
        sender.connect(dialog.item_changed)
        dialog.finished.connect(lambda _r: sender.disconnect(dialog.item_changed))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @property
    def queue_loaded(self) -> bool:
        """The first queue page has arrived."""
        return self._ready_once

    def _queue_loaded(self, _count: int) -> None:
        self.queue_view.rows_reloaded()
        if not self._ready_once:
            self._ready_once = True
            self.queue_ready.emit()

    def open_case(self, post_id: int) -> None:
        self.case_view.load(post_id)

    def start_record(self) -> None:
        """The form for a post from the hotline, an SMS, a letter or a visit (Ctrl+N)."""
        if self.intake is not None:
            self.intake.activateWindow()
            return
        # The city map for marking where the caller is; fetched only if F4 is pressed.
        city = CityGeoSource(CityApi(self.client.get_json), self.runner)
        dlg = IntakeDialog(self.store.boards(), self.client, self.runner, self.window, city)
        city.setParent(dlg)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.recorded.connect(self._recorded)
        dlg.finished.connect(lambda _r: setattr(self, "intake", None))
        self.intake = dlg
        dlg.setWindowModality(Qt.WindowModality.NonModal)  # the alarm banner stays usable
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()  # the officer types at once

    def show_callbacks(self) -> None:
        """The unit's callback (回访) worklist (Ctrl+B), fresh each time it is shown."""
        if self.callbacks is None:
            self.callbacks = CallbackWorklist(self.client, self.runner, self.window)
            self.callbacks.open_case.connect(self.open_case)
        self.callbacks.reload()
        self.callbacks.show()
        self.callbacks.activateWindow()

    def show_notices(self) -> None:
        """Notices to the public of the officer's units (Ctrl+Shift+N), with read counts."""
        if self.notices is None:
            scope = set(self.info.me.scope_unit_ids) or {self.info.me.unit_id}
            units = [u for u in self.store.units() if u.id in scope]
            self.notices = NoticesWindow(self.client, self.runner, units, self.window)
        self.notices.reload()
        self.notices.show()
        self.notices.activateWindow()

    def show_worklist(self) -> None:
        """The leaders' worklist (Ctrl+J), kept live by the loop's events while open."""
        if self.worklist is None:
            sender = self.outbox_sender
            self.worklist = LeaderWorklist(
                self.client, self.runner, self.store.unit_name, self.operations, self.window,
                cancel=sender.cancel,
            )  # fmt: skip
            self.worklist.open_case.connect(self.open_case)
            self.store.loop_event.connect(self.worklist.on_loop_event)
            sender.item_changed.connect(self.worklist.item_changed)
        self.worklist.reload()
        self.worklist.show()
        self.worklist.activateWindow()

    def _recorded(self, post: PostSummary) -> None:
        self.store.upsert(post.summary() if isinstance(post, PostDetail) else post)
        self.open_case(post.id)

    def refresh(self) -> None:
        self.feed.reload()
        if self.case_view.post_id is not None:
            self.case_view.refresh()

    def resync(self) -> None:
        """The platform cannot replay what we missed: reload lists over REST."""
        self.store.clear()
        self.feed.reload()
        if self.case_view.post_id is not None:
            self.case_view.refresh()

    # ------------------------------------------------------------ live link and alarms
    def _stream_state(self, state: str, attempt: int, since: datetime | None) -> None:
        self.window.status.set_connection(state, attempt, since)
        if state == OFFLINE and not self._link_was_lost:
            self._link_was_lost = True
            self.policy.link_lost()
        elif state == LIVE and self._link_was_lost:
            self._link_was_lost = False
            self.policy.link_restored()

    def _link_back(self) -> None:
        if not self._closed:  # (a queued signal may arrive after sign-out closed the outbox)
            self.outbox_sender.retry_now()

    def show_outbox(self) -> None:
        """The outbox panel (one at a time, non-modal)."""
        if self.outbox_panel is not None:
            self.outbox_panel.reload()
        else:
            self.outbox_panel = OutboxPanel(self.outbox_sender, self.runner, self.window)
            self.outbox_panel.destroyed.connect(lambda: setattr(self, "outbox_panel", None))
        self.outbox_panel.show()
        self.outbox_panel.raise_()
        self.outbox_panel.activateWindow()

    def acknowledge(self, post_id: int) -> None:
        """Acknowledge a silent report through the outbox (the banner's buttons do this)."""
        self.alarms.acknowledge(post_id)

    # ------------------------------------------------------------ auth
    def _sender_refused_token(self) -> None:
        self._on_auth_error(AuthError(401))

    def _stream_refused_token(self, message: str) -> None:
        self._on_auth_error(AuthError(401, "", message))

    def _on_auth_error(self, exc: AuthError) -> None:
        if self._auth_pending or self._closed:
            return
        self._auth_pending = True
        self.stream.stop()
        log.info("platform refused the token (%s); asking to sign in again", exc.code)
        self.auth_expired.emit(exc.user_message())
