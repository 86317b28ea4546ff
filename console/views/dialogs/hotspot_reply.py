"""Answering a hotspot's posts together: one text (from a template or typed) sent to
every member post, each still its own reply through the outbox (`PostOperations.reply`,
its own Idempotency-Key, retried on its own), so a refused or failed one never holds
up the others.

Per post the list shows what happened — waiting, sent, or the reason it failed (the
outbox's sentence for the officer) — and "Send again to the failed" tries only those.
The text stays in the dialog until every post has it, and is kept for the hotspot
(`drafts`) when the dialog is closed before that. Non-modal like every dialog of the
console, so the alarm banner stays clickable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.city import Hotspot
from console.api.models import Template
from console.api.outbox import OutboxItem
from console.operations import PostOperations
from console.safe_text import single_line
from console.tasks import Runner

WAITING, SENDING, SENT, FAILED = "waiting", "sending", "sent", "failed"


class HotspotReplyDialog(QDialog):
    """One reply to all of a hotspot's posts.

    Attributes:
        states: per member post id: waiting, sending, sent or failed.
        errors: per failed post id, the reason (a sentence for the officer).
        rows: the list widget (one row per post, its id in Qt.UserRole).
    """

    def __init__(
        self,
        hotspot: Hotspot,
        operations: PostOperations,
        runner: Runner,
        templates: Callable[[], list[Template]],
        drafts: dict[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("HotspotReplyDialog")
        self.setWindowTitle(self.tr("Answer {n} posts together").format(n=len(hotspot.post_ids)))
        self.hotspot = hotspot
        self.operations = operations
        self.drafts = drafts
        self.states: dict[int, str] = {pid: WAITING for pid in hotspot.post_ids}
        self.errors: dict[int, str] = {}
        self._items: dict[int, int] = {}  # outbox item id → post id
        self._templates: list[Template] = []
        about = QLabel(
            self.tr(
                "The same text goes to each of these posts as its own reply; "
                "each author sees only the reply to their own post. Words: {words}"
            ).format(words=single_line(" / ".join(hotspot.terms), 60))
        )
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        self.template_box = QComboBox()
        self.template_box.addItem(self.tr("(no template)"), None)
        self.template_box.activated.connect(self._template_chosen)
        self.body = QPlainTextEdit()
        self.body.setObjectName("HotspotReplyBody")
        self.body.setPlaceholderText(self.tr("The reply every author will read"))
        self.body.setPlainText(drafts.get(hotspot.id, ""))
        self.body.textChanged.connect(self._keep_draft)
        self.rows = QListWidget()
        self.rows.setObjectName("HotspotReplyPosts")
        self.status = QLabel()
        self.status.setObjectName("HotspotReplyStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send to all"))
        self.send_button.setObjectName("HotspotReplySend")
        self.send_button.clicked.connect(self.send)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(about)
        column.addWidget(self.template_box)
        column.addWidget(self.body, 2)
        column.addWidget(self.rows, 1)
        column.addLayout(buttons)
        self._show_rows()
        runner.run(templates, self._templates_arrived, lambda _exc: None)
        self.resize(640, 520)

    # -- templates and the draft
    def _templates_arrived(self, templates: list[Template]) -> None:
        self._templates = list(templates)
        for t in self._templates:
            self.template_box.addItem(t.title, t.id)

    def _template_chosen(self, index: int) -> None:
        tid = self.template_box.itemData(index)
        chosen = next((t for t in self._templates if t.id == tid), None)
        if chosen is not None:
            self.body.setPlainText(chosen.body)

    def _keep_draft(self) -> None:
        self.drafts[self.hotspot.id] = self.body.toPlainText()

    # -- sending
    def send(self) -> None:
        """Send the text to every post that does not have it yet (waiting or failed)."""
        text = self.body.toPlainText().strip()
        if not text:
            self.status.setText(self.tr("Write the reply first."))
            return
        for pid, state in self.states.items():
            if state not in (WAITING, FAILED):
                continue
            try:
                item = self.operations.reply(pid, text)
            except (OSError, ValueError) as exc:
                self.states[pid] = FAILED
                self.errors[pid] = self.tr("Could not be kept on this computer: {e}").format(e=exc)
                continue
            self._items[item.id] = pid
            self.states[pid] = SENDING
            self.errors.pop(pid, None)
        self._show_rows()

    def item_changed(self, item: OutboxItem) -> None:
        """The outbox sender's progress (`OutboxSender.item_changed`)."""
        pid = self._items.get(item.id)
        if pid is None:
            return
        if item.state == "sent":
            self.states[pid] = SENT
        elif item.state in ("failed", "cancelled"):
            self.states[pid] = FAILED
            self.errors[pid] = item.last_error or self.tr("The platform refused it.")
        else:
            return
        self._show_rows()

    def _show_rows(self) -> None:
        self.rows.clear()
        words = {
            WAITING: self.tr("not sent yet"),
            SENDING: self.tr("sending…"),
            SENT: self.tr("sent"),
            FAILED: self.tr("failed"),
        }
        for pid, state in self.states.items():
            line = self.tr("#{id}: {state}").format(id=pid, state=words[state])
            if state == FAILED:
                line += " — " + single_line(self.errors.get(pid, ""), 120)
            row = QListWidgetItem(line)
            row.setData(Qt.ItemDataRole.UserRole, pid)
            self.rows.addItem(row)
        counts = {s: sum(1 for v in self.states.values() if v == s) for s in words}
        self.status.setText(
            self.tr("{sent} of {n} sent, {failed} failed, {sending} on the way.").format(
                sent=counts[SENT],
                n=len(self.states),
                failed=counts[FAILED],
                sending=counts[SENDING],
            )
        )
        self.send_button.setText(
            self.tr("Send again to the failed") if counts[FAILED] else self.tr("Send to all")
        )
        self.send_button.setEnabled(bool(counts[WAITING] or counts[FAILED]))
        if counts[SENT] == len(self.states):
            self.drafts.pop(self.hotspot.id, None)  # every author has it: nothing to keep
