"""The right-hand pane: one case in full, its history, the reply editor and the actions.

`CaseView.load(post_id)` fetches the post on a worker and shows it. The view keeps
itself current: when the store says the open post changed (a newer version that
is not the echo of this console's own action), it fetches it again.

Every reply, note and action goes through the durable outbox (`OutboxSender.submit`)
with the post version the officer was looking at. The conversation shows each of
them as sending / sent / failed with Retry. When an action is refused because the
post changed under the officer (someone else accepted it first, or it moved on),
the view refreshes and explains it in one sentence naming who did what; the draft
in the editor is never touched by that.

Keyboard: A accept, T transfer, C resolve, O reopen, K acknowledge a silent report,
R reply, N internal note, Ctrl+Enter send. `case_actions()` gives the QActions so
the main window can list the very same actions in its menus (one action, one key:
adding its own actions with these keys would make them ambiguous).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console import paths, safe_text
from console.api.client import PlatformClient
from console.api.errors import ApiError
from console.api.models import OPEN_STATUSES, Officer, PostDetail, PostSummary
from console.api.outbox import VERSIONED_KINDS, OutboxItem
from console.api.outbox_sender import OutboxSender
from console.drafts import Draft, Drafts, DraftStore
from console.settings import Settings
from console.store import CaseStore
from console.tasks import Runner
from console.views.case.attachments import AttachmentsView, ClipPlayer, QtClipPlayer
from console.views.case.header import CaseColours, CaseHeader, colours, officer_label
from console.views.case.reply_editor import DEFAULT_MAX_CHARS, NOTE, PUBLIC, ReplyEditor
from console.views.case.timeline import ConversationView, TimelineView, action_name
from console.views.dialogs.actions import CloseDialog, ReopenDialog, TransferDialog

log = logging.getLogger(__name__)

ACTION_KINDS = (*VERSIONED_KINDS, "acknowledge")
DRAFTS_FILE = "drafts.sqlite3"


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseView", text)


class BodyView(QPlainTextEdit):
    """The citizen's text: plain, read-only, selectable; invisible characters drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CaseBody")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setTabChangesFocus(True)
        option = self.document().defaultTextOption()
        option.setFlags(option.flags() | QTextOption.Flag.ShowDefaultIgnorables)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)


class CaseView(QWidget):
    """The whole case pane.

    Collaborators: `client` (PlatformClient), `tasks` (TaskRunner), `outbox` (the
    OutboxSender, which owns the Outbox), `store` (CaseStore), `settings`, `me`
    (the signed-in officer). `drafts` and `player` default to the real ones.

    Signals:
        case_loaded(int): a post was shown (or refreshed) — its id.
        notice(str): a sentence for the status bar (action refused on a post not shown).
        conflict_explained(str): the one-sentence explanation of a refused action.
    """

    case_loaded = Signal(int)
    notice = Signal(str)
    conflict_explained = Signal(str)

    def __init__(
        self,
        client: PlatformClient,
        tasks: Runner,
        outbox: OutboxSender,
        store: CaseStore,
        settings: Settings,
        me: Officer,
        parent: QWidget | None = None,
        *,
        drafts: Drafts | None = None,
        player: ClipPlayer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CaseView")
        self._client = client
        self._tasks = tasks
        self._sender = outbox
        self._store = store
        self._settings = settings
        self._me = me
        self._drafts = drafts or Drafts(DraftStore(paths.data_dir() / DRAFTS_FILE), parent=self)
        self._player: ClipPlayer = player or QtClipPlayer(self)

        self._post_id: int | None = None
        self._detail: PostDetail | None = None
        self._items: dict[int, OutboxItem] = {}  # this post's outbox items by id
        # Items this pane submitted: their refusals are ours to explain (others, e.g.
        # the alarm banner's acknowledgements, are explained by whoever sent them).
        self._submitted: set[int] = set()
        self._fetching = False
        self._fetch_again = False
        self._explain: list[OutboxItem] = []  # refused actions waiting for fresh data
        self._draft_ready = False
        self._reference_loaded = False
        self.active_dialog: TransferDialog | CloseDialog | ReopenDialog | None = None

        self._build()
        self._make_actions()
        self._wire()
        self._theme: CaseColours | None = None
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
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)

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

        self.action_bar = QFrame()
        self.action_bar.setObjectName("ActionBar")
        self._action_row = QHBoxLayout(self.action_bar)
        self._action_row.setContentsMargins(12, 6, 12, 6)
        self._action_row.setSpacing(8)
        col.addWidget(self.action_bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("CaseSplitter")
        self.splitter.setChildrenCollapsible(False)
        col.addWidget(self.splitter, 1)

        body_pane = QWidget()
        bcol = QVBoxLayout(body_pane)
        bcol.setContentsMargins(12, 8, 12, 8)
        bcol.setSpacing(6)
        self.hidden_warning = QFrame()
        self.hidden_warning.setObjectName("HiddenCharsWarning")
        self.hidden_text = QLabel()
        self.hidden_text.setObjectName("HiddenCharsText")
        self.hidden_text.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden_text.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("Show them"))
        self.reveal_button.setObjectName("RevealButton")
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self._show_body)
        hrow = QHBoxLayout(self.hidden_warning)
        hrow.setContentsMargins(6, 2, 6, 2)
        hrow.addWidget(self.hidden_text, 1)
        hrow.addWidget(self.reveal_button)
        self.hidden_warning.hide()
        bcol.addWidget(self.hidden_warning)
        self.body = BodyView()
        bcol.addWidget(self.body, 1)
        self.attachments = AttachmentsView(
            self._client.attachment, self._tasks, self._player, body_pane
        )
        self.attachments.hide()
        bcol.addWidget(self.attachments)
        self.splitter.addWidget(body_pane)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("CaseTabs")
        self.tabs.setDocumentMode(True)
        self.conversation = ConversationView()
        self.timeline = TimelineView(self._store)
        self.tabs.addTab(self.conversation, "")
        self.tabs.addTab(self.timeline, "")
        self.splitter.addWidget(self.tabs)

        self.editor = ReplyEditor()
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([300, 260, 190])
        saved = self._settings.get("case_splitter_state")
        if saved:
            self.splitter.restoreState(QByteArray(saved))

        self._deadline_timer = QTimer(self)
        self._deadline_timer.setInterval(30_000)
        self._deadline_timer.timeout.connect(self.header.refresh_deadline)

    def _make_actions(self) -> None:
        self._buttons: dict[QAction, QToolButton] = {}

        def make(text: str, key: str, slot: Any, name: str) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{text} ({key})")
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.accept_action = make(self.tr("Accept"), "A", self.accept_case, "AcceptAction")
        self.transfer_action = make(
            self.tr("Transfer…"), "T", self.start_transfer, "TransferAction"
        )
        self.close_action = make(self.tr("Resolve…"), "C", self.start_close, "CloseAction")
        self.reopen_action = make(self.tr("Reopen…"), "O", self.start_reopen, "ReopenAction")
        self.acknowledge_action = make(
            self.tr("Acknowledge silent report"), "K", self.acknowledge_case, "AcknowledgeAction"
        )
        self.reply_action = make(
            self.tr("Reply"), "R", lambda: self.editor.focus_editor(PUBLIC), "ReplyAction"
        )
        self.note_action = make(
            self.tr("Internal note"), "N", lambda: self.editor.focus_editor(NOTE), "NoteAction"
        )
        for act in (
            self.accept_action,
            self.transfer_action,
            self.close_action,
            self.reopen_action,
            self.acknowledge_action,
        ):
            button = QToolButton()
            button.setDefaultAction(act)
            button.setObjectName(act.objectName().replace("Action", "Button"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setProperty("emphasis", "none")
            self._action_row.addWidget(button)
            self._buttons[act] = button
            # Show the key on the button itself: officers learn the keys by seeing them.
            act.changed.connect(lambda b=button, a=act: self._label_button(b, a))
            self._label_button(button, act)
        self._action_row.addStretch(1)
        self.action_state = QLabel()
        self.action_state.setObjectName("ActionState")
        self.action_state.setTextFormat(Qt.TextFormat.PlainText)
        self._action_row.addWidget(self.action_state)
        self._set_actions_enabled(None)

        escape = QAction(self)
        escape.setShortcut(QKeySequence("Esc"))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.hide_banner)
        self.banner.addAction(escape)

    @staticmethod
    def _label_button(button: QToolButton, act: QAction) -> None:
        key = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setText(f"{act.text()}  {key}")

    def case_actions(self) -> list[QAction]:
        """The case's QActions (with their keys), for the main window's menus."""
        return [
            self.accept_action,
            self.transfer_action,
            self.close_action,
            self.reopen_action,
            self.acknowledge_action,
            self.reply_action,
            self.note_action,
        ]

    def _wire(self) -> None:
        self._store.post_changed.connect(self._on_post_changed)
        self._store.post_removed.connect(self._on_post_removed)
        self._sender.item_changed.connect(self._on_item_changed)
        self._sender.delivered.connect(self._on_delivered)
        self._drafts.draft_loaded.connect(self._on_draft_loaded)
        self._drafts.save_failed.connect(self.show_banner)
        self.editor.text_edited.connect(self._on_text_edited)
        self.editor.send_requested.connect(self._send)
        self.conversation.retry_requested.connect(self._retry_item)
        self.conversation.discard_requested.connect(self._discard_item)
        self.attachments.failed.connect(self.show_banner)

    def _restyle(self) -> None:
        """Colours for the current theme; again whenever the app switches light/dark."""
        c = colours()
        if c == self._theme:
            return
        self._theme = c
        self.setStyleSheet(
            f"#CaseBanner {{ background: {c.warn_bg}; border-bottom: 2px solid {c.note_edge}; }}"
            f" #CaseBannerText {{ color: {c.warn_text}; font-weight: bold; padding: 8px 4px; }}"
            f" #ActionBar {{ background: {c.panel}; border-bottom: 1px solid {c.border}; }}"
            f" #ActionBar QToolButton {{ background: {c.surface}; color: {c.reply_tag};"
            f" font-weight: bold; border: 1px solid {c.border}; border-radius: 6px;"
            " padding: 5px 14px; }"
            f" #ActionBar QToolButton:hover {{ border-color: {c.accent}; }}"
            f" #ActionBar QToolButton:focus {{ border: 2px solid {c.accent}; padding: 4px 13px; }}"
            f" #ActionBar QToolButton:disabled {{ color: {c.muted}; background: {c.action_bg};"
            f" border-color: {c.border}; font-weight: normal; }}"
            f' #ActionBar QToolButton[emphasis="main"] {{ background: {c.accent};'
            f" color: {c.accent_text}; border-color: {c.accent}; }}"
            f' #ActionBar QToolButton[emphasis="alarm"] {{ background: {c.alarm};'
            f" color: #ffffff; border-color: {c.alarm}; }}"
            f" #ActionState {{ color: {c.muted}; }}"
            f" #HiddenCharsWarning {{ background: {c.danger_bg}; border-radius: 4px; }}"
            f" #HiddenCharsText {{ color: {c.danger_text}; padding: 4px 6px; }}"
            f" #CaseBody {{ background: {c.surface}; color: {c.text}; border: 1px solid"
            f" {c.border}; border-radius: 6px; padding: 6px; font-size: 12pt; }}"
            f" #ReplyEditor {{ background: {c.panel}; border-top: 1px solid {c.border}; }}"
            f" #CasePlaceholder {{ color: {c.muted}; font-size: 13pt; }}"
        )
        self.header.restyle()
        self.editor.restyle()
        self._render_conversation()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()

    # ================================================================ public API
    @property
    def post_id(self) -> int | None:
        return self._post_id

    @property
    def detail(self) -> PostDetail | None:
        return self._detail

    @property
    def drafts(self) -> Drafts:
        return self._drafts

    def load(self, post_id: int) -> None:
        """Show post `post_id` (fetched on a worker); the same id again refreshes it."""
        if post_id != self._post_id:
            self._drafts.flush()
            self._post_id = post_id
            self._detail = None
            self._items = {}
            self._explain = []
            self.hide_banner()
            self.attachments.stop_audio()
            self._draft_ready = False
            self.editor.clear()
            self.editor.setEnabled(False)
            self._set_actions_enabled(None)
            self._show_empty(self.tr("Loading case #{id}…").format(id=post_id))
            self._drafts.request(post_id)
        self._ensure_reference()
        self.refresh()

    def clear(self) -> None:
        """Show no case (e.g. the officer signed out)."""
        self._drafts.flush()
        self._post_id = None
        self._detail = None
        self._items = {}
        self.attachments.stop_audio()
        self._deadline_timer.stop()
        self._show_empty(self.tr("Select a case in the queue to see it here."))

    def refresh(self) -> None:
        """Fetch the open post again (coalesced: one fetch at a time)."""
        if self._post_id is None:
            return
        if self._fetching:
            self._fetch_again = True
            return
        self._fetching = True
        self._fetch_again = False
        post_id = self._post_id
        outbox = self._sender.outbox
        client = self._client

        def op() -> tuple[PostDetail, list[OutboxItem]]:
            return client.get_post(post_id), outbox.items(post_id)

        self._tasks.run(
            op,
            lambda res: self._fetched(post_id, res[0], res[1]),
            lambda exc: self._fetch_failed(post_id, exc),
        )

    def shutdown(self) -> None:
        """Write pending drafts, remember the layout, stop audio; call before closing."""
        self.attachments.stop_audio()
        self._settings.set("case_splitter_state", bytes(self.splitter.saveState().data()))
        self._drafts.close()

    # ================================================================ showing
    def _show_empty(self, text: str) -> None:
        self.placeholder.setText(text)
        self.stack.setCurrentIndex(0)

    def show_banner(self, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.show()

    def hide_banner(self) -> None:
        self.banner.hide()
        self.banner_text.clear()

    def banner_message(self) -> str:
        return self.banner_text.text() if not self.banner.isHidden() else ""

    def _fetched(self, post_id: int, detail: PostDetail, items: list[OutboxItem]) -> None:
        self._fetching = False
        if post_id != self._post_id:
            self._fetch_again = False
            self.refresh()  # the officer moved on meanwhile
            return
        self._show(detail, items)
        self._store.upsert(detail.summary())
        explain, self._explain = self._explain, []
        for item in explain:
            self._explain_refusal(item, detail)
        if self._fetch_again:
            self.refresh()

    def _fetch_failed(self, post_id: int, exc: Exception) -> None:
        self._fetching = False
        if post_id != self._post_id:
            self.refresh()
            return
        message = exc.user_message() if isinstance(exc, ApiError) else str(exc)
        if self._detail is None:
            self._show_empty(message)
        else:
            self.show_banner(message)
        explain, self._explain = self._explain, []
        for item in explain:
            self._explain_refusal(item, None)
        if self._fetch_again:
            self.refresh()

    def _show(self, detail: PostDetail, items: list[OutboxItem]) -> None:
        first = self._detail is None or self._detail.id != detail.id
        self._detail = detail
        self._items = {i.id: i for i in items}
        self.header.set_post(detail)
        if first or self.body.property("source") != detail.body:
            self.reveal_button.setChecked(False)
            self.body.setProperty("source", detail.body)
            self._show_body(False)
        hidden = safe_text.count_hidden(detail.body) + safe_text.count_hidden(detail.title)
        self.hidden_warning.setVisible(hidden > 0)
        self.hidden_text.setText(
            self.tr(
                "This post contains {n} invisible or direction-changing characters; "
                "they can make the text read differently from what was sent."
            ).format(n=hidden)
        )
        self.attachments.set_attachments(detail.attachments)
        self.timeline.set_entries(detail.timeline)
        self._render_conversation()
        self.editor.set_case(detail.board, detail.suppress_receipt)
        self._set_actions_enabled(detail)
        self._deadline_timer.start()
        self.stack.setCurrentIndex(1)
        if first:
            self.conversation.scroll_to_end()
        self.case_loaded.emit(detail.id)

    def _show_body(self, revealed: bool) -> None:
        source = self.body.property("source") or ""
        self.body.setPlainText(safe_text.reveal(source) if revealed else source)
        self.reveal_button.setText(self.tr("Show as sent") if revealed else self.tr("Show them"))

    def _render_conversation(self) -> None:
        d = self._detail
        items = list(self._items.values())
        self.conversation.set_content(d, items)
        n_msgs = (len(d.replies) + len(d.notes)) if d else 0
        pending = sum(
            1 for i in items if i.kind in ("reply", "note") and i.state not in ("sent", "cancelled")
        )
        label = self.tr("Replies and notes ({n})").format(n=n_msgs)
        if pending:
            label += self.tr(" · {n} unsent").format(n=pending)
        self.tabs.setTabText(0, label)
        self.tabs.setTabText(1, self.tr("History ({n})").format(n=len(d.timeline) if d else 0))
        self._update_action_state()

    # ================================================================ actions
    def _held_by_other(self, d: PostDetail) -> bool:
        return (
            d.assignee_id is not None
            and d.assignee_id != self._me.id
            and d.status in OPEN_STATUSES
            and self._me.role not in ("leader", "admin")
        )

    def _may_act(self, d: PostDetail) -> bool:
        """The platform's rule (scope.py may_act): admin, the holder, or the post's unit."""
        me = self._me
        scope = getattr(me, "scope_unit_ids", ()) or (me.unit_id,)
        return me.role == "admin" or d.assignee_id == me.id or d.unit_id in scope

    def _action_pending(self) -> bool:
        return any(i.kind in ACTION_KINDS and i.pending for i in self._items.values())

    def _set_actions_enabled(self, d: PostDetail | None) -> None:
        busy = self._action_pending()
        if d is None:
            for act in self.case_actions():
                act.setEnabled(False)
            self.editor.setEnabled(False)
            return
        may_act = self._may_act(d)
        open_ = d.status in OPEN_STATUSES
        other = self._held_by_other(d)
        holder = self._store.officer(d.assignee_id)
        why_not = ""
        if not may_act:
            why_not = self.tr("Outside your unit's responsibility: you can read it, not handle it")
        elif other:
            who = officer_label(holder.name, holder.badge) if holder else self.tr("another officer")
            why_not = self.tr("Held by {who}").format(who=who)
        rules = (
            (self.accept_action, open_ and (d.assignee_id is None or d.status == "new")),
            (self.transfer_action, open_),
            (self.close_action, open_),
            (self.reopen_action, d.status == "resolved"),
            (self.acknowledge_action, d.kind == "silent_report" and d.acknowledged_at is None),
        )
        for act, allowed in rules:
            blocked = not may_act or (other and act is not self.acknowledge_action)
            act.setEnabled(allowed and not blocked and not busy)
            key = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{act.text()} ({key})"
            act.setToolTip(f"{tip} — {why_not}" if allowed and blocked and why_not else tip)
        # Only what can apply to a case in this state is on the bar: open cases are
        # accepted/transferred/resolved, resolved ones reopened, silent ones acknowledged.
        self._show_action(self.accept_action, open_)
        self._show_action(self.transfer_action, open_)
        self._show_action(self.close_action, open_)
        self._show_action(self.reopen_action, not open_)
        self._show_action(self.acknowledge_action, d.kind == "silent_report")
        for act, button in self._buttons.items():
            emphasis = "none"
            if act.isEnabled() and act is self.acknowledge_action:
                emphasis = "alarm"
            elif act.isEnabled() and act is self.accept_action:
                emphasis = "main"
            if button.property("emphasis") != emphasis:
                button.setProperty("emphasis", emphasis)
                button.style().unpolish(button)
                button.style().polish(button)
        can_write = may_act and not other and d.status != "archived"
        self.reply_action.setEnabled(can_write)
        self.note_action.setEnabled(can_write)
        self.editor.set_blocked_reason(why_not)
        self.editor.setEnabled(can_write and self._draft_ready)
        self.action_state.setProperty("why_not", why_not)
        if not self._action_pending():
            self.action_state.setText(why_not)

    def _show_action(self, act: QAction, visible: bool) -> None:
        act.setVisible(visible)
        self._buttons[act].setVisible(visible)

    def _update_action_state(self) -> None:
        pending = [i for i in self._items.values() if i.kind in ACTION_KINDS and i.pending]
        if self._detail is not None:
            self._set_actions_enabled(self._detail)
        if pending:
            self.action_state.setText(
                self.tr("{what}: sending…").format(what=action_name(pending[-1].kind))
            )

    def _submit(self, kind: str, payload: dict[str, Any], with_version: bool = True) -> None:
        d = self._detail
        if d is None:
            return
        try:
            item = self._sender.submit(kind, d.id, payload, d.version if with_version else None)
        except Exception:
            log.exception("could not write %s to the outbox", kind)
            self.show_banner(
                self.tr("The action could not be saved on this computer; nothing was sent.")
            )
            return
        self._store.expect_echo(d.id)
        self._submitted.add(item.id)
        self._items[item.id] = item
        self._render_conversation()

    def accept_case(self) -> None:
        if self.accept_action.isEnabled():
            self._submit("accept", {})

    def acknowledge_case(self) -> None:
        if self.acknowledge_action.isEnabled():
            self._submit("acknowledge", {})

    def start_transfer(self) -> None:
        d = self._detail
        if d is None or not self.transfer_action.isEnabled():
            return
        dlg = TransferDialog(self._store.units(), d.unit_id, d.title, self)
        dlg.accepted.connect(
            lambda: self._submit(
                "transfer", {"unit_id": dlg.unit_id(), "reason": dlg.reason_text()}
            )
        )
        self._open_dialog(dlg)

    def start_close(self) -> None:
        d = self._detail
        if d is None or not self.close_action.isEnabled():
            return
        dlg = CloseDialog(d.title, self)
        dlg.accepted.connect(lambda: self._submit("close", {"resolution": dlg.resolution_text()}))
        self._open_dialog(dlg)

    def start_reopen(self) -> None:
        d = self._detail
        if d is None or not self.reopen_action.isEnabled():
            return
        dlg = ReopenDialog(d.title, self)
        dlg.accepted.connect(lambda: self._submit("reopen", {"reason": dlg.reason_text()}))
        self._open_dialog(dlg)

    def _open_dialog(self, dlg: TransferDialog | CloseDialog | ReopenDialog) -> None:
        self.active_dialog = dlg
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        dlg.open()

    # ================================================================ outbox
    def _on_item_changed(self, item: OutboxItem) -> None:
        if item.post_id == self._post_id:
            if item.state == "cancelled" and item.id not in self._items:
                return
            self._items[item.id] = item
            self._render_conversation()
        mine = item.id in self._submitted or item.post_id == self._post_id
        if item.state == "failed" and item.kind in ACTION_KINDS and mine:
            # A refused action cannot succeed unchanged (the post moved on); withdraw it
            # so it does not hold up later messages, and say what happened once fresh
            # data is in.
            self._sender.cancel(item.id)
            if item.post_id == self._post_id:
                self._explain.append(item)
                self.refresh()
            else:
                self.notice.emit(
                    self.tr("Case #{id}: “{what}” was not carried out ({reason}).").format(
                        id=item.post_id, what=action_name(item.kind), reason=item.last_error
                    )
                )
        elif item.state == "failed" and item.post_id == self._post_id:
            self.refresh()  # e.g. someone else holds the post now: show who

    def _on_delivered(self, item: OutboxItem, result: object) -> None:
        if item.kind in ("reply", "note"):
            self._drafts.clear_if_sent(item.post_id, item.idem_key)
        if isinstance(result, PostSummary):
            self._store.expect_echo(item.post_id, result.version)
        if item.post_id == self._post_id:
            self.refresh()

    def _retry_item(self, item_id: int) -> None:
        self._sender.retry(item_id)

    def _discard_item(self, item_id: int) -> None:
        item = self._sender.cancel(item_id)
        if item is None or item.kind not in ("reply", "note"):
            return
        # Discarding a message that could not be sent puts its text back to work on.
        if not self.editor.text().strip():
            body = str(item.payload.get("body", ""))
            self.editor.set_text(body, NOTE if item.kind == "note" else PUBLIC)
            if self._post_id is not None:
                self._drafts.save_later(
                    self._post_id, body, "note" if item.kind == "note" else "reply"
                )
            self.editor.focus_editor()

    def _explain_refusal(self, item: OutboxItem, fresh: PostDetail | None) -> None:
        """One sentence: who did what, that the page is fresh, that the draft is kept."""
        what = action_name(item.kind)
        sentence = ""
        if fresh is not None:
            holder = self._store.officer(fresh.assignee_id)
            other_holds = fresh.assignee_id not in (None, self._me.id)
            if item.kind == "accept" and other_holds:
                who = (
                    officer_label(holder.name, holder.badge)
                    if holder
                    else self.tr("Another officer")
                )
                sentence = self.tr(
                    "{who} accepted this post first; the page has been refreshed and your "
                    "draft is kept."
                ).format(who=who)
            elif item.kind == "acknowledge" and fresh.acknowledged_by is not None:
                ack = fresh.acknowledged_by
                sentence = self.tr(
                    "{who} already acknowledged this silent report; the page has been "
                    "refreshed and your draft is kept."
                ).format(who=officer_label(ack.name, ack.badge))
            elif item.base_version is not None and fresh.version != item.base_version:
                last = next(
                    (
                        e
                        for e in sorted(fresh.timeline, key=lambda e: e.at, reverse=True)
                        if e.officer is not None and e.officer.id != self._me.id
                    ),
                    None,
                )
                if last is not None and last.officer is not None:
                    sentence = self.tr(
                        "{who} has just done “{did}” on this post, so your “{what}” was not "
                        "carried out; the page has been refreshed and your draft is kept."
                    ).format(
                        who=officer_label(last.officer.name, last.officer.badge),
                        did=action_name(last.action),
                        what=what,
                    )
                else:
                    sentence = self.tr(
                        "This post changed while you were looking at it, so your “{what}” was "
                        "not carried out; the page has been refreshed and your draft is kept."
                    ).format(what=what)
        if not sentence:
            sentence = self.tr("“{what}” was not carried out: {reason} Your draft is kept.").format(
                what=what, reason=item.last_error.rstrip("。.") + self.tr(".")
            )
        self.show_banner(sentence)
        self.conflict_explained.emit(sentence)

    # ================================================================ store
    def _on_post_changed(self, new: PostSummary, _old: object) -> None:
        d = self._detail
        if new.id != self._post_id or d is None:
            return
        if self._store.is_echo(new) or new.version <= d.version:
            return
        self.refresh()

    def _on_post_removed(self, post_id: int) -> None:
        if post_id == self._post_id:
            self._set_actions_enabled(None)
            self.show_banner(
                self.tr(
                    "This case has left your area of responsibility (for example it was "
                    "transferred); your draft is kept."
                )
            )

    # ================================================================ drafts and sending
    def _on_text_edited(self, mode: str, text: str) -> None:
        if self._post_id is not None and self._draft_ready:
            self._drafts.save_later(self._post_id, text, "note" if mode == NOTE else "reply")

    def _on_draft_loaded(self, post_id: int, draft: Draft | None) -> None:
        if post_id != self._post_id:
            return
        self._draft_ready = True
        if self._detail is not None:
            self._set_actions_enabled(self._detail)
        if draft is None or self.editor.text().strip():
            return
        if draft.sending_key is None:
            self.editor.set_text(draft.body, NOTE if draft.mode == "note" else PUBLIC)
            return
        # The draft was handed to the outbox: it shows there until delivered. Only if
        # that item is gone (discarded) does the text come back to the editor.
        key = draft.sending_key
        outbox = self._sender.outbox

        def settle(item: OutboxItem | None) -> None:
            if post_id != self._post_id:
                return
            if item is None or item.state == "cancelled":
                if not self.editor.text().strip():
                    self.editor.set_text(draft.body, NOTE if draft.mode == "note" else PUBLIC)
                    self._drafts.save_later(post_id, draft.body, draft.mode)
            elif item.state == "sent":
                self._drafts.clear_if_sent(post_id, key)

        self._tasks.run(lambda: outbox.get_by_key(key), settle)

    def _send(self, mode: str, text: str) -> None:
        d = self._detail
        if d is None:
            return
        kind = "note" if mode == NOTE else "reply"
        try:
            item = self._sender.submit(kind, d.id, {"body": text}, None)
        except Exception:
            log.exception("could not write the %s to the outbox", kind)
            self.show_banner(
                self.tr(
                    "The message could not be saved on this computer and was not sent; "
                    "it is still in the editor."
                )
            )
            return
        self._submitted.add(item.id)
        self._drafts.mark_sending(d.id, text, "note" if kind == "note" else "reply", item.idem_key)
        self.editor.clear()
        self._store.expect_echo(d.id)
        self._items[item.id] = item
        self._render_conversation()
        self.tabs.setCurrentIndex(0)
        self.conversation.scroll_to_end()

    # ================================================================ reference data
    def _ensure_reference(self) -> None:
        if self._reference_loaded:
            return
        self._reference_loaded = True
        client, store = self._client, self._store
        need_reference = not store.units()

        def op() -> dict[str, Any]:
            out: dict[str, Any] = {"templates": client.templates()}
            try:
                out["max_chars"] = client.meta().max_body_chars
            except ApiError:
                out["max_chars"] = DEFAULT_MAX_CHARS
            if need_reference:
                out["boards"] = client.boards()
                out["units"] = client.units()
                out["officers"] = client.officers()
            return out

        def done(ref: dict[str, Any]) -> None:
            if "units" in ref and not store.units():
                store.set_reference(ref["boards"], ref["units"], ref["officers"])
            self.editor.set_templates(ref["templates"])
            self.editor.set_max_chars(int(ref["max_chars"]))
            self.editor.set_mention_targets(store.units(), store.officers())
            if self._detail is not None:
                self.header.set_post(self._detail)
                self._set_actions_enabled(self._detail)

        def failed(exc: Exception) -> None:
            self._reference_loaded = False  # try again with the next case
            log.warning("reference data for the case view failed: %r", exc)

        self._tasks.run(op, done, failed)
