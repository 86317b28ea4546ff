"""The outbox panel: the officer's replies and actions not yet delivered, with retry and
cancel (opened from the status bar's outbox counter, the offline strip, or Ctrl+Shift+O).

Non-modal like every dialog of the console, so the alarm banner stays clickable. The
outbox is read on a worker (`Runner`); the list follows `OutboxSender.item_changed`.
Message text is the officer's own, but shown as plain text all the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console import safe_text
from console.api.outbox import OutboxItem
from console.api.outbox_sender import OutboxSender
from console.tasks import Runner
from console.views.text import action_name, local_time

SHOWN_STATES = ("queued", "sending", "failed")


class OutboxPanel(QDialog):
    """Pending and failed outbox items, oldest first; Retry and Cancel act on the selected.

    Attributes:
        table: one row per item (case, what, state, tries, last error).
        retry_button, cancel_button: act on the selected item.
        empty_label: shown when nothing waits.
    """

    def __init__(self, sender: OutboxSender, tasks: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutboxPanel")
        self.setWindowTitle(self.tr("Outbox"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._sender = sender
        self._tasks = tasks
        self._items: list[OutboxItem] = []
        intro = QLabel(
            self.tr(
                "Replies and actions you made that the platform has not received yet. They "
                "are sent in order as soon as it can be reached; a failed one waits for you."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Case"), self.tr("What"), self.tr("State"), self.tr("Tries"), self.tr("Why")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty_label = QLabel(self.tr("Nothing waits: everything has been delivered."))
        buttons = QDialogButtonBox()
        self.retry_button: QPushButton = buttons.addButton(
            self.tr("Send again now"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button: QPushButton = buttons.addButton(
            self.tr("Cancel this item"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        self.retry_button.clicked.connect(self._retry)
        self.cancel_button.clicked.connect(self._cancel)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty_label)
        column.addWidget(buttons)
        # Several items change at once after a reconnect: read the outbox once for them.
        self._reload_timer = QTimer(self, singleShot=True, interval=50)
        self._reload_timer.timeout.connect(self.reload)
        sender.item_changed.connect(lambda _item: self._reload_timer.start())
        self.resize(720, 320)
        self._selection_changed()
        self.reload()

    def reload(self) -> None:
        """Read the outbox again (on a worker) and show what waits."""
        outbox = self._sender.outbox
        self._tasks.run(lambda: outbox.items(states=SHOWN_STATES), self._fill)

    def item_ids(self) -> list[int]:
        return [i.id for i in self._items]

    def _fill(self, items: Sequence[OutboxItem]) -> None:
        selected = self._selected()
        self._items = list(items)
        self.table.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            state = {
                "queued": self.tr("Waiting"),
                "sending": self.tr("Sending"),
                "failed": self.tr("Failed"),
            }.get(item.state, item.state)
            cells = [
                f"#{item.post_id}",
                f"{action_name(item.kind)} · {local_time(item.created_at)}",
                state,
                str(item.attempts),
                safe_text.single_line(item.last_error, 200),
            ]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, col, cell)
            if selected is not None and item.id == selected.id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.empty_label.setVisible(not self._items)
        self._selection_changed()

    def _selected(self) -> OutboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._items):
            return None
        return self._items[rows[0].row()]

    def select_item(self, item_id: int) -> None:
        for row, item in enumerate(self._items):
            if item.id == item_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        item = self._selected()
        self.retry_button.setEnabled(item is not None and item.state in ("queued", "failed"))
        self.cancel_button.setEnabled(item is not None and item.state in ("queued", "failed"))

    def _retry(self) -> None:
        item = self._selected()
        if item is None:
            return
        if item.state == "failed":
            self._sender.retry(item.id)
        else:
            self._sender.retry_now()
        self.reload()

    def _cancel(self) -> None:
        item = self._selected()
        if item is not None:
            self._sender.cancel(item.id)
            self.reload()
