"""The right-hand pane: one case in full, its map, its history, the reply editor, the actions.

`CaseView` lays the case out and shows what its `CaseController`
(console/views/case/controller.py) announces: the controller fetches the post, follows
its outbox items and draft, and sends every reply, note and action through
console.operations. The `ActionBar` (console/views/case/action_bar.py) holds the
actions and their keys. A refused action shows the controller's one-sentence
explanation; the draft in the editor is never touched by that.

Keyboard: A accept, T transfer, C resolve, O reopen, K acknowledge a silent report,
R reply, N internal note, Ctrl+Enter send, Esc dismisses the banner; S B E U D: the loop.
"""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console import paths
from console.api.models import Me, PostDetail
from console.drafts import Drafts, DraftStore
from console.operations import MESSAGE_KINDS
from console.settings import Settings
from console.store import CaseStore
from console.tasks import Runner
from console.views.case.action_bar import ActionBar
from console.views.case.body import MIN_PART_HEIGHT, CaseBody
from console.views.case.clips import ClipPlayer, QtClipPlayer
from console.views.case.composers import OneComposer
from console.views.case.controller import NOTE, PUBLIC, CaseController
from console.views.case.duplicates import attach_duplicates
from console.views.case.earlier import EarlierPosts
from console.views.case.header import CaseHeader
from console.views.case.loop import attach_loop, transfer_dialog
from console.views.case.ports import CaseClient, OutboxFeed
from console.views.case.private_messages import PrivateMessages, connect_panel
from console.views.case.private_sender import PrivateSender
from console.views.case.receipt import ReceiptWarning, send_reply
from console.views.case.reply_check import ReplySafetyGate
from console.views.case.reply_editor import ReplyEditor
from console.views.case.style import case_style
from console.views.case.timeline import ConversationView, TimelineView
from console.views.dialogs.actions import CloseDialog, ReopenDialog, TransferDialog
from console.views.map.panel import CaseMapPanel, beside
from console.views.theme import Colours, colours

log = logging.getLogger(__name__)

DRAFTS_FILE = "drafts.sqlite3"
ActionDialog = TransferDialog | CloseDialog | ReopenDialog


class CaseView(QWidget):
    """The whole case pane.

    Collaborators: `client` (the platform), `tasks` (TaskRunner), `outbox` (the
    OutboxSender), `store` (CaseStore), `settings`, `me`; `drafts` and `player` default to
    the real ones. Signals: case_loaded(int) a post was shown or refreshed; notice(str) a
    sentence for the status bar; conflict_explained(str) why an action was refused;
    open_requested(int) the officer asked to open another post (the reporter's).
    Attributes: `controller` (the widget-free CaseController), `action_bar` (the actions;
    ``accept_action`` … ``note_action``), `loop` (the dispatch and the loop's steps,
    console/views/case/loop.py), `active_dialog` (transfer / resolve / reopen while open),
    `receipt_warning` (the "public reply to a no-receipt report?" question while open).
    """

    case_loaded = Signal(int)
    open_requested = Signal(int)
    notice = Signal(str)
    conflict_explained = Signal(str)

    def __init__(
        self,
        client: CaseClient,
        tasks: Runner,
        outbox: OutboxFeed,
        store: CaseStore,
        settings: Settings,
        me: Me,
        parent: QWidget | None = None,
        *,
        drafts: Drafts | None = None,
        player: ClipPlayer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CaseView")
        self._client = client
        self._tasks = tasks
        self._store = store
        self._settings = settings
        self._player: ClipPlayer = player or QtClipPlayer(self)
        drafts = drafts or Drafts(DraftStore(paths.data_dir() / DRAFTS_FILE), parent=self)
        self.controller = CaseController(client, tasks, outbox, store, drafts, me, parent=self)
        self.private_sender = PrivateSender(client, tasks, outbox, store, parent=self)  # type: ignore[arg-type]
        self._shown_id: int | None = None
        self.active_dialog: ActionDialog | None = None
        self.receipt_warning: ReceiptWarning | None = None

        self._build()
        self.action_bar = ActionBar()
        self._page_column.insertWidget(2, self.action_bar)
        for act in self.action_bar.case_actions():
            self.addAction(act)  # the keys work wherever the focus is in the window
        self.accept_action = self.action_bar.accept_action
        self.transfer_action = self.action_bar.transfer_action
        self.close_action = self.action_bar.close_action
        self.reopen_action = self.action_bar.reopen_action
        self.acknowledge_action = self.action_bar.acknowledge_action
        self.reply_action = self.action_bar.reply_action
        self.note_action = self.action_bar.note_action
        escape = QAction(self)
        escape.setShortcut(QKeySequence("Esc"))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.hide_banner)
        self.banner.addAction(escape)
        self._wire()
        self.loop = attach_loop(self)  # dispatch, sign-for, return, extension, urge, supervise
        self._theme: Colours | None = None
        self._restyle()
        self._show_empty(self.tr("Select a case in the queue to see it here."))

    # ================================================================ building
    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.placeholder = QLabel()
        self.placeholder.setObjectName("CasePlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.stack.addWidget(self.placeholder)

        page = QWidget()
        page.setObjectName("CasePage")
        self.stack.addWidget(page)
        # Only the page on show asks for room: the empty case page (every header row and
        # action button still there) made the window taller than a 768 px screen, and
        # wider than a 1366 px one, before any case.
        self.stack.currentChanged.connect(self._size_pages)
        self._size_pages()
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        self._page_column = col

        self.banner = QFrame()
        self.banner.setObjectName("CaseBanner")
        self.banner_text = QLabel()
        self.banner_text.setObjectName("CaseBannerText")
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_text.setWordWrap(True)
        banner_close = QToolButton()
        banner_close.setText("×")
        banner_close.setToolTip(self.tr("Dismiss (Esc)"))
        banner_close.setAutoRaise(True)
        banner_close.clicked.connect(self.hide_banner)
        brow = QHBoxLayout(self.banner)
        brow.setContentsMargins(12, 0, 8, 0)
        brow.addWidget(self.banner_text, 1)
        brow.addWidget(banner_close)
        self.banner.hide()
        col.addWidget(self.banner)

        self.header = CaseHeader(self._store)
        col.addWidget(self.header)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("CaseSplitter")
        self.splitter.setChildrenCollapsible(False)
        col.addWidget(self.splitter, 1)

        self.body_pane = CaseBody(self._client.attachment, self._tasks, self._player)
        self.body_scroll = self.body_pane
        self.body = self.body_pane.body
        self.hidden_warning = self.body_pane.hidden_warning
        self.reveal_button = self.body_pane.reveal_button
        self.attachments = self.body_pane.attachments
        self.splitter.addWidget(self.body_pane)
        self.map_panel = CaseMapPanel.for_client(self._client, self._tasks, self._settings)
        self.body_pane.put_beside_body(lambda body: beside(body, self.map_panel))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("CaseTabs")
        self.tabs.setDocumentMode(True)
        self.conversation = ConversationView()
        self.timeline = TimelineView(self._store)
        self.tabs.addTab(self.conversation, "")
        self.tabs.addTab(self.timeline, "")
        self.private = PrivateMessages()  # 私信: beside the case, only the author reads them
        self.tabs.addTab(self.private, "")
        self.earlier = EarlierPosts(self._client.citizen_posts, self._tasks)
        self.earlier.open_requested.connect(self.open_requested)
        self.earlier.counted.connect(self._earlier_counted)
        self.tabs.addTab(self.earlier, "")
        self._earlier_counted(0)
        self.tabs.setMinimumHeight(MIN_PART_HEIGHT)
        self.duplicates = attach_duplicates(self)
        self.splitter.addWidget(self.tabs)

        self.editor = ReplyEditor()
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([300, 260, 190])
        saved = self._settings.case_splitter_state
        if saved:
            self.splitter.restoreState(QByteArray(saved))

        self._deadline_timer = QTimer(self)
        self._deadline_timer.setInterval(30_000)
        self._deadline_timer.timeout.connect(self.header.refresh_deadline)

    def case_actions(self) -> list[QAction]:
        """The case's QActions (with their keys), for the main window's menus."""
        return self.action_bar.case_actions()

    def _wire(self) -> None:
        c = self.controller
        c.loading.connect(self._loading)
        c.shown.connect(self._show)
        c.load_failed.connect(self._load_failed)
        c.items_changed.connect(self._render_conversation)
        c.handling_changed.connect(self._update_actions)
        c.refused.connect(self._refused)
        c.notice.connect(self.notice)
        c.problem.connect(self.show_banner)
        c.left_scope.connect(self._left_scope)
        c.draft_restored.connect(self.editor.set_text)
        c.message_queued.connect(self._message_queued)
        c.reference_loaded.connect(self._reference_loaded)
        bar = self.action_bar
        bar.accept_action.triggered.connect(self.accept_case)
        bar.transfer_action.triggered.connect(self.start_transfer)
        bar.close_action.triggered.connect(self.start_close)
        bar.reopen_action.triggered.connect(self.start_reopen)
        bar.acknowledge_action.triggered.connect(self.acknowledge_case)
        bar.reply_action.triggered.connect(lambda: self.write(PUBLIC))
        bar.note_action.triggered.connect(lambda: self.write(NOTE))
        self.composers = OneComposer(self)
        self.editor.text_edited.connect(c.text_edited)
        # A public reply holding personal data asks first; then `send_reply` asks again when
        # the reporter wanted no receipt. (A weak reference: the gate must not keep us alive.)
        me = weakref.ref(self)
        self.reply_gate = ReplySafetyGate(self.editor, lambda m, t: send_reply(me(), m, t), self)
        self.conversation.retry_requested.connect(c.retry)
        self.conversation.discard_requested.connect(self._discard_item)
        self.attachments.failed.connect(self.show_banner)
        self.map_panel.post_clicked.connect(self.load)
        connect_panel(self.private, self.private_sender, c, self.show_banner)

    def _restyle(self) -> None:
        """Colours for the current theme; again whenever the app switches light/dark."""
        c = colours()
        if c == self._theme:
            return
        self._theme = c
        self.setStyleSheet(case_style(c))
        self.header.restyle()
        self.editor.restyle()
        self.private.restyle()
        self._render_conversation()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()

    # ================================================================ public API
    @property
    def post_id(self) -> int | None:
        return self.controller.post_id

    @property
    def detail(self) -> PostDetail | None:
        return self.controller.detail

    @property
    def drafts(self) -> Drafts:
        return self.controller.drafts

    def load(self, post_id: int) -> None:
        """Show post `post_id` (fetched on a worker); the same id again refreshes it."""
        self.controller.load(post_id)

    def refresh(self) -> None:
        """Fetch the open post again (coalesced: one fetch at a time)."""
        self.controller.refresh()

    def clear(self) -> None:
        """Show no case (e.g. the officer signed out)."""
        self.controller.clear()
        self._shown_id = None
        self.attachments.stop_audio()
        self.map_panel.set_post(None)
        self.duplicates.set_post(None)
        self.loop.clear()
        self._deadline_timer.stop()
        self._show_empty(self.tr("Select a case in the queue to see it here."))

    def shutdown(self) -> None:
        """Write pending drafts, remember the layout, stop audio; call before closing."""
        self.attachments.stop_audio()
        self.composers.restore()  # the officer's own layout, not the private tab's
        self._settings.case_splitter_state = bytes(self.splitter.saveState().data())
        self.controller.shutdown()

    def show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.show()

    def hide_banner(self) -> None:
        self.banner.hide()
        self.banner_text.clear()

    def banner_message(self) -> str:
        return self.banner_text.text() if not self.banner.isHidden() else ""

    # ================================================================ showing
    def _show_empty(self, text: str) -> None:
        self.placeholder.setText(text)
        self.stack.setCurrentIndex(0)

    def _loading(self, post_id: int) -> None:
        self._close_dialogs()
        self._shown_id = None
        self.hide_banner()
        self.attachments.stop_audio()
        self.editor.clear()
        self.editor.setEnabled(False)
        self.action_bar.apply(None, None)
        self._show_empty(self.tr("Loading case #{id}…").format(id=post_id))

    def _load_failed(self, message: str) -> None:
        if self.controller.detail is None:
            self._show_empty(message)
        else:
            self.show_banner(message)

    def _show(self, detail: PostDetail) -> None:
        first = self._shown_id != detail.id
        self._shown_id = detail.id
        self.header.set_post(detail)
        self.body_pane.set_post(detail, first)
        if first and detail.suppress_receipt:
            self.editor.set_mode(NOTE)  # a receipt could endanger this reporter
        self.map_panel.set_post(detail)
        self.duplicates.set_post(detail, may_merge=self.controller.may("transfer"))
        self.timeline.set_entries(detail.timeline)
        self.earlier.show_for(detail.citizen_id, detail.id)
        self._render_conversation()
        self.editor.set_case(detail.board, detail.suppress_receipt)
        self._update_actions()
        self._deadline_timer.start()
        self.stack.setCurrentIndex(1)
        if first:
            self.conversation.scroll_to_end()
            if detail.is_silent:  # the conversation with the reporter beside the report
                self.tabs.setCurrentWidget(self.private)
        self.case_loaded.emit(detail.id)

    def _render_conversation(self) -> None:
        d = self.controller.detail
        items = self.controller.items()
        self.conversation.set_content(d, items)
        n_msgs = (len(d.replies) + len(d.notes)) if d else 0
        pending = sum(
            1 for i in items if i.kind in MESSAGE_KINDS and i.state not in ("sent", "cancelled")
        )
        label = self.tr("Replies and notes ({n})").format(n=n_msgs)
        if pending:
            label += self.tr(" · {n} unsent").format(n=pending)
        self.tabs.setTabText(0, label)
        self.tabs.setTabText(1, self.tr("History ({n})").format(n=len(d.timeline) if d else 0))
        self.private.set_content(d, items)
        label = self.tr("Private messages ({n})").format(n=len(d.messages) if d else 0)
        if d is not None and d.unread_messages:
            label += self.tr(" · {n} unread").format(n=d.unread_messages)
        self.tabs.setTabText(self.tabs.indexOf(self.private), label)
        self._update_actions()

    def _size_pages(self, *_args: object) -> None:
        for i in range(self.stack.count()):
            w = self.stack.widget(i)
            shown = i == self.stack.currentIndex()
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            if w is not None:
                w.setSizePolicy(policy, policy)

    def _earlier_counted(self, n: int) -> None:
        label = self.tr("Reporter's other posts")
        self.tabs.setTabText(self.tabs.indexOf(self.earlier), label if n < 0 else f"{label} ({n})")

    def _update_actions(self) -> None:
        handling = self.controller.handling()
        self.action_bar.apply(handling, self.controller.pending_action())
        self.private.set_can_write(handling is not None and handling.can_message)
        if handling is None:
            self.editor.setEnabled(False)
            return
        self.editor.set_blocked_reason(handling.why_not)
        self.editor.set_public_allowed(
            handling.can_reply or not handling.can_write, handling.why_not
        )
        self.editor.setEnabled(handling.can_write and handling.draft_ready)

    def _refused(self, sentence: str) -> None:
        self.show_banner(sentence)
        self.conflict_explained.emit(sentence)

    def _left_scope(self) -> None:
        self.action_bar.apply(None, None)
        self.editor.setEnabled(False)

    def _message_queued(self) -> None:
        self.editor.clear()
        self.tabs.setCurrentWidget(self.conversation)
        self.conversation.scroll_to_end()

    def _discard_item(self, item_id: int) -> None:
        if self.controller.discard(item_id):
            self.write()  # its text is back to work on

    def write(self, mode: str | None = None) -> None:
        """Into the reply editor (public reply or note), away from the private tab."""
        if self.tabs.currentWidget() is self.private:
            self.tabs.setCurrentWidget(self.conversation)
        self.editor.focus_editor(mode)

    def _reference_loaded(self, templates: list, max_chars: int) -> None:
        self.editor.set_templates(templates)
        self.editor.set_max_chars(max_chars)
        self.editor.set_mention_targets(self._store.units(), self._store.officers())
        d = self.controller.detail
        if d is not None:
            self.header.set_post(d)

    # ================================================================ actions
    def accept_case(self) -> None:
        self.controller.accept()

    def acknowledge_case(self) -> None:
        self.controller.acknowledge()

    def start_transfer(self) -> None:
        d = self.controller.detail
        if d is not None and self.controller.may("transfer"):
            self._open_dialog(transfer_dialog(self, d))  # 派单: lead + assisting units

    def start_close(self) -> None:
        d = self.controller.detail
        if d is None or not self.controller.may("close"):
            return
        dlg = CloseDialog(d.title, self)
        dlg.accepted.connect(
            lambda: self.controller.close(dlg.resolution_text(), dlg.closure_code())
        )
        self._open_dialog(dlg)

    def start_reopen(self) -> None:
        d = self.controller.detail
        if d is None or not self.controller.may("reopen"):
            return
        dlg = ReopenDialog(d.title, self)
        dlg.accepted.connect(lambda: self.controller.reopen(dlg.reason_text()))
        self._open_dialog(dlg)

    def _open_dialog(self, dlg: ActionDialog) -> None:
        """Non-modal (the alarm banner stays usable); it closes when another case opens."""
        self._close_dialogs()
        self.active_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _close_dialogs(self) -> None:
        """A dialog acts on the case it was opened for, so it never outlives that case."""
        for dlg in (self.active_dialog, self.receipt_warning):
            if dlg is not None:
                dlg.reject()
