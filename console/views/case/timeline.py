"""The history of a case: every action (timeline table) and the conversation.

`TimelineModel`/`TimelineView` list every step — created, accepted, transferred,
replied, closed, rated — with the officer and the Beijing time.

`ConversationView` shows public replies and internal notes in order, plus this
console's own messages and actions still on their way through the outbox, each
with its state beside it: sending / sent / failed (reason) with Retry and Discard.
Internal notes are unmistakable: amber card, "Internal note · not visible to the
public" in the header. All text is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console import safe_text
from console.api.models import Note, PostDetail, Reply, TimelineEntry
from console.api.outbox import OutboxItem
from console.store import CaseStore
from console.views.text import action_name, local_time, officer_label
from console.views.theme import colours


def _t(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


# ---------------------------------------------------------------- timeline table
class TimelineModel(QAbstractTableModel):
    """Rows of `TimelineEntry`, oldest first: time, action, by whom, detail."""

    COLUMNS = ("time", "action", "actor", "detail")

    def __init__(self, store: CaseStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[TimelineEntry] = []

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.beginResetModel()
        self._rows = sorted(entries, key=lambda e: e.at)
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (_t("Time"), _t("Action"), _t("By"), _t("Detail"))[section]

    def _actor(self, e: TimelineEntry) -> str:
        if e.officer is not None:
            return officer_label(e.officer.name, e.officer.badge)
        return {"citizen": _t("Citizen"), "system": _t("System")}.get(e.actor_kind, e.actor_kind)

    def _detail(self, e: TimelineEntry) -> str:
        parts = []
        if e.from_unit_id is not None or e.to_unit_id is not None:
            src = self._store.unit_name(e.from_unit_id)
            dst = self._store.unit_name(e.to_unit_id)
            if src and dst:
                parts.append(_t("{src} → {dst}").format(src=src, dst=dst))
            elif dst:
                parts.append(_t("to {dst}").format(dst=dst))
        if e.detail:
            parts.append(e.detail)
        return "  ".join(parts)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == "action" and e.action in ("escalated", "transferred"):
                c = colours()
                return QColor(c.alarm if e.action == "escalated" else c.reply_tag)
            return None
        if col == "time":
            text = local_time(e.at)
        elif col == "action":
            text = action_name(e.action)
        elif col == "actor":
            text = self._actor(e)
        else:
            text = self._detail(e)
        if role == Qt.ItemDataRole.ToolTipRole:
            return safe_text.tooltip(text) if col == "detail" and text else None
        # Item views never interpret markup, but bidi/zero-width still need neutralising.
        return safe_text.single_line(text, 300)


class TimelineView(QTableView):
    """The timeline as a compact, read-only table."""

    def __init__(self, store: CaseStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimelineTable")
        self.timeline_model = TimelineModel(store, self)
        self.setModel(self.timeline_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def set_entries(self, entries: Sequence[TimelineEntry]) -> None:
        self.timeline_model.set_entries(entries)
        if entries:
            self.scrollToBottom()


# ---------------------------------------------------------------- conversation
@dataclass(frozen=True)
class _Message:
    at: datetime
    kind: str  # reply | note | resolution | item
    who: str
    body: str
    ref_id: int | None = None  # server id of the reply/note
    item: OutboxItem | None = None


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


class MessageCard(QFrame):
    """One reply, note, resolution or outbox item in the conversation."""

    retry_clicked = Signal(int)
    discard_clicked = Signal(int)

    def __init__(self, msg: _Message, sent: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = msg
        kind = msg.item.kind if msg.item is not None else msg.kind
        is_note = kind == "note"
        self.setObjectName("NoteCard" if is_note else "MessageCard")
        self.setProperty("kind", kind)
        c = self._c = colours()
        if is_note:
            edge, bg = c.note_edge, c.note_bg
        elif kind in ("reply", "resolution"):
            edge, bg = c.accent, c.surface
        else:
            edge, bg = c.muted, c.action_bg
        # Notes are amber in both themes: nobody may mistake one for a public reply.
        self.setStyleSheet(
            f"#{self.objectName()} {{ background: {bg}; border: 1px solid {c.border};"
            f" border-left: 5px solid {edge}; border-radius: 6px; }}"
            f" #MessageBody {{ color: {c.text}; }}"
            f" #MessageMeta {{ color: {c.muted}; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)

        head = QHBoxLayout()
        head.setSpacing(8)
        self.tag = QLabel(self._tag_text(kind))
        self.tag.setObjectName("MessageTag")
        self.tag.setStyleSheet(
            f"color: {c.note_tag if is_note else c.reply_tag}; font-weight: bold;"
        )
        head.addWidget(self.tag)
        meta = QLabel(f"{msg.who}  ·  {local_time(msg.at)}" if msg.who else local_time(msg.at))
        meta.setTextFormat(Qt.TextFormat.PlainText)
        meta.setObjectName("MessageMeta")
        head.addWidget(meta)
        head.addStretch(1)
        self.state = QLabel()
        self.state.setObjectName("MessageState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        head.addWidget(self.state)
        self.retry = QPushButton(self.tr("Retry"))
        self.retry.setObjectName("RetryButton")
        self.discard = QPushButton(self.tr("Discard"))
        self.discard.setObjectName("DiscardButton")
        head.addWidget(self.retry)
        head.addWidget(self.discard)
        layout.addLayout(head)

        if msg.body:
            # QLabel in PlainText mode: selectable, wraps, never interprets markup.
            self.body = QLabel(msg.body)
            self.body.setObjectName("MessageBody")
            self.body.setTextFormat(Qt.TextFormat.PlainText)
            self.body.setWordWrap(True)
            self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.body)

        self.retry.hide()
        self.discard.hide()
        if msg.item is not None:
            item = msg.item
            self.retry.clicked.connect(lambda: self.retry_clicked.emit(item.id))
            self.discard.clicked.connect(lambda: self.discard_clicked.emit(item.id))
            self._show_item_state(item)
        elif sent:
            self._set_state(self.tr("✓ Sent"), self._c.ok_text)

    @staticmethod
    def _tag_text(kind: str) -> str:
        if kind == "note":
            return _t("Internal note · not visible to the public")
        if kind == "reply":
            return _t("Public reply · visible to the citizen")
        if kind == "resolution":
            return _t("Resolution · visible to the citizen")
        return _t("Action: {name}").format(name=action_name(kind))

    def _set_state(self, text: str, colour: str) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _show_item_state(self, item: OutboxItem) -> None:
        if item.state == "sending":
            self._set_state(self.tr("Sending…"), self._c.muted)
        elif item.state == "queued":
            if item.last_error:
                self._set_state(
                    self.tr("Waiting to resend ({reason})").format(reason=item.last_error),
                    self._c.note_tag,
                )
            else:
                self._set_state(self.tr("Sending…"), self._c.muted)
        elif item.state == "sent":
            self._set_state(self.tr("✓ Sent"), self._c.ok_text)
        elif item.state == "failed":
            self._set_state(
                self.tr("Failed ({reason})").format(reason=item.last_error), self._c.alarm
            )
            self.retry.setVisible(True)
            self.discard.setVisible(True)
        elif item.state == "cancelled":
            self._set_state(self.tr("Discarded"), self._c.muted)


class ConversationView(QScrollArea):
    """Replies, notes, the resolution and pending outbox items of one case, in order.

    Signals:
        retry_requested(int): the officer pressed Retry on a failed outbox item (its id).
        discard_requested(int): the officer pressed Discard on a failed outbox item.
    """

    retry_requested = Signal(int)
    discard_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Conversation")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._inner = QWidget()
        self._inner.setObjectName("ConversationInner")
        self._list = QVBoxLayout(self._inner)
        self._list.setContentsMargins(4, 4, 8, 4)
        self._list.setSpacing(8)
        self._list.addStretch(1)
        self.setWidget(self._inner)
        self._cards: list[MessageCard] = []
        self.empty = QLabel(self.tr("No replies or notes yet."))
        self.empty.setObjectName("ConversationEmpty")
        self.empty.setStyleSheet(f"color: {colours().muted};")
        self._list.insertWidget(0, self.empty)

    def cards(self) -> list[MessageCard]:
        return list(self._cards)

    def set_content(self, post: PostDetail | None, items: Sequence[OutboxItem]) -> None:
        """Show the post's replies/notes and this console's undelivered items for it."""
        for card in self._cards:
            self._list.removeWidget(card)
            card.hide()  # gone now, not at the next turn of the event loop
            card.deleteLater()
        self._cards = []
        messages: list[_Message] = []
        sent_ids: set[tuple[str, int]] = set()
        for item in items:
            if item.state == "sent" and isinstance(item.result, dict) and "id" in item.result:
                sent_ids.add((item.kind, int(item.result["id"])))
        if post is not None:
            messages.extend(self._from_server("reply", r) for r in post.replies)
            messages.extend(self._from_server("note", n) for n in post.notes)
            if post.resolution and post.resolved_at is not None:
                messages.append(
                    _Message(_aware(post.resolved_at), "resolution", "", post.resolution)
                )
        shown_ids = {(m.kind, m.ref_id) for m in messages}
        for item in items:
            if item.state == "cancelled":
                continue
            if item.state == "sent":
                rid = item.result.get("id") if isinstance(item.result, dict) else None
                if item.kind not in ("reply", "note") or (item.kind, rid) in shown_ids:
                    continue  # the server's copy is shown (with "Sent"), or it was an action
            p = item.payload
            text = str(p.get("body") or p.get("resolution") or p.get("reason") or "")
            messages.append(_Message(_aware(item.created_at), "item", "", text, None, item))
        messages.sort(key=lambda m: (m.item is not None, m.at))
        for msg in messages:
            card = MessageCard(msg, (msg.kind, msg.ref_id) in sent_ids, self._inner)
            card.retry_clicked.connect(self.retry_requested)
            card.discard_clicked.connect(self.discard_requested)
            self._list.insertWidget(self._list.count() - 1, card)
            self._cards.append(card)
        self.empty.setVisible(not messages)
        if post is not None and not post.notes_visible:
            self.empty.setText(self.tr("Internal notes of this case are not visible to you."))
            self.empty.setVisible(True)
        else:
            self.empty.setText(self.tr("No replies or notes yet."))

    @staticmethod
    def _from_server(kind: str, r: Reply | Note) -> _Message:
        who = officer_label(r.officer.name, r.officer.badge)
        return _Message(_aware(r.created_at), kind, who, r.body, r.id)

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
