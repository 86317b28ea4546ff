"""The unit's callback (回访) worklist: who to phone, and what came of each call.

The platform makes a callback when a post is resolved (every complaint, a sample of the
rest); this window lists the due ones of the officer's units, soonest due first, with the
citizen's phone as far as the officer's role may see it. The officer phones, then records
the outcome of the attempt with one key: 1 satisfied, 2 basically satisfied,
3 dissatisfied (a note saying why is required — the post is reopened under
supervision), 4 unreachable (the third unreachable attempt ends the callback).
Enter opens the case. Everything goes to the platform on a worker; a refusal keeps the
note and says why.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import ApiError
from console.api.models import Callback
from console.safe_text import single_line
from console.tasks import Runner
from console.views.text import local_time

OUTCOMES = ("satisfied", "basically_satisfied", "dissatisfied", "unreachable")


def _t(text: str) -> str:
    return QCoreApplication.translate("CallbackWorklist", text)


def outcome_name(outcome: str | None) -> str:
    return {
        "satisfied": _t("Satisfied"),
        "basically_satisfied": _t("Basically satisfied"),
        "dissatisfied": _t("Dissatisfied"),
        "unreachable": _t("Unreachable"),
    }.get(outcome or "", outcome or "")


class CallbackClient(Protocol):
    def callbacks(self, status: str | None = "due") -> list[Callback]: ...
    def callback_attempt(
        self, callback_id: int, outcome: str, note: str, idem_key: str
    ) -> Callback: ...


class CallbackWorklist(QDialog):
    """Signals: open_case(int) — the officer wants to see the post of a callback."""

    open_case = Signal(int)

    def __init__(
        self, client: CallbackClient, tasks: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CallbackWorklist")
        self.setWindowTitle(self.tr("Callbacks due"))
        self._client = client
        self._tasks = tasks
        self._rows: list[Callback] = []
        self._busy = False

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Case"),
                self.tr("Title"),
                self.tr("Citizen"),
                self.tr("Phone"),
                self.tr("Due"),
                self.tr("Attempts"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._open_selected())
        self.note = QLineEdit()
        self.note.setObjectName("CallbackNote")
        self.note.setPlaceholderText(self.tr("What the citizen said (required if dissatisfied)"))
        self.status = QLabel()
        self.status.setObjectName("CallbackStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.outcome_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for n, outcome in enumerate(OUTCOMES, start=1):
            b = QPushButton(f"{n} {outcome_name(outcome)}")
            b.setObjectName(f"Outcome_{outcome}")
            b.clicked.connect(lambda _=False, o=outcome: self.record(o))
            row.addWidget(b)
            self.outcome_buttons[outcome] = b
            act = QAction(self)
            act.setShortcut(QKeySequence(str(n)))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda _=False, o=outcome: self.record(o))
            self.table.addAction(act)  # keys 1–4 while the list has the focus
        self.open_button = QPushButton(self.tr("Open case (Enter)"))
        self.open_button.clicked.connect(self._open_selected)
        row.addStretch(1)
        row.addWidget(self.open_button)
        enter = QAction(self)
        enter.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self._open_selected)
        self.table.addAction(enter)
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence("F5"))
        refresh.triggered.connect(self.reload)
        self.addAction(refresh)

        col = QVBoxLayout(self)
        col.addWidget(self.table, 1)
        col.addWidget(self.note)
        col.addLayout(row)
        col.addWidget(self.status)
        self.resize(900, 480)

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        client = self._client
        self._tasks.run(lambda: client.callbacks("due"), self._loaded, self._failed)

    def rows(self) -> list[Callback]:
        return list(self._rows)

    def _loaded(self, rows: list[Callback]) -> None:
        keep = self.selected()
        self._rows = list(rows)
        self.table.setRowCount(len(rows))
        for r, cb in enumerate(rows):
            p = cb.post
            cells = [
                f"#{cb.post_id}",
                single_line(p.title, 80),
                single_line(p.author.nickname, 30),
                p.author.phone or "—",
                local_time(cb.due_at),
                str(cb.attempt_count),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if rows:
            ids = [cb.id for cb in rows]
            self.table.selectRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        else:
            self.status.setText(self.tr("No callbacks are due."))
        self.table.setFocus()

    def selected(self) -> Callback | None:
        r = self.table.currentRow()
        return self._rows[r] if 0 <= r < len(self._rows) else None

    # ------------------------------------------------------------ recording
    def record(self, outcome: str) -> None:
        cb = self.selected()
        if cb is None or self._busy:
            return
        note = self.note.text().strip()
        if outcome == "dissatisfied" and not note:
            self.status.setText(self.tr("Write down what the citizen is dissatisfied with first."))
            self.note.setFocus()
            return
        self._busy = True
        client, key = self._client, uuid.uuid4().hex

        def op() -> Callback:
            return client.callback_attempt(cb.id, outcome, note, key)

        self._tasks.run(op, lambda result: self._recorded(result, outcome), self._failed)

    def _recorded(self, cb: Callback, outcome: str) -> None:
        self._busy = False
        self.note.clear()
        if cb.status == "due":
            text = self.tr("Case #{id}: attempt {n} recorded ({what}).")
        elif cb.status == "unreachable":
            text = self.tr("Case #{id}: unreachable {n} times; the callback has ended.")
        else:
            text = self.tr("Case #{id}: {what}; the callback is done.")
        self.status.setText(
            text.format(id=cb.post_id, n=cb.attempt_count, what=outcome_name(outcome))
        )
        if outcome == "dissatisfied":
            self.status.setText(
                self.tr("Case #{id}: dissatisfied; the case is reopened under supervision.").format(
                    id=cb.post_id
                )
            )
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.status.setText(exc.user_message() if isinstance(exc, ApiError) else str(exc))

    def _open_selected(self) -> None:
        cb = self.selected()
        if cb is not None:
            self.open_case.emit(cb.post_id)
