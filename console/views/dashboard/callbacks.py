"""The dashboard's callback figures (回访), from `GET /api/v1/stats/callbacks`.

Coverage (authors heard ÷ posts resolved), the satisfaction rate from callbacks next to
the one from citizens' ratings (different people answer each: complaints are all
called back, few rate), and the dissatisfied cases, newest first: a click opens the
case (it was reopened under supervision). The platform's
`platform_server/stats/callbacks.py` defines each figure. `csv_section` writes them into
the dashboard's CSV export.

`CallbackParts` is mixed into `Dashboard`.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from console.api import stats
from console.views.dashboard.draw import Panel
from console.views.dashboard.formats import fmt_count, fmt_share

POST_ROLE = Qt.ItemDataRole.UserRole + 1


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


class CallbackFigures(QWidget):
    """The two satisfaction rates side by side, and the dissatisfied cases."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallbackFigures")
        self.rates = QLabel(" ")
        self.rates.setTextFormat(Qt.TextFormat.PlainText)
        self.rates.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.cases = QListView()
        self.cases.setModel(self.model)
        self.cases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rates)
        layout.addWidget(self.cases, 1)

    def show_figures(self, data: stats.Callbacks) -> None:
        self.rates.setText(
            _t("Satisfied: {c} by callback ({r} reached) · {s} by rating ({n} ratings)").format(
                c=fmt_share(data.satisfaction_callbacks),
                r=fmt_count(data.reached),
                s=fmt_share(data.satisfaction_ratings),
                n=fmt_count(data.ratings_count),
            )
        )
        self.model.clear()
        for d in data.dissatisfied:
            note = d.note or _t("(no note)")
            item = QStandardItem(f"#{d.post_id}  {d.title}\n{note}")  # plain text, never markup
            item.setToolTip(note)
            item.setData(d.post_id, POST_ROLE)
            self.model.appendRow(item)


class _SheetLike(Protocol):
    def section(self, title: str, header: list[str]) -> None: ...
    def add(self, *row: Any) -> None: ...


def csv_section(sheet: _SheetLike, data: stats.Callbacks) -> None:
    """The callback figures and the dissatisfied cases as spreadsheet sections."""
    sheet.section(_t("Callbacks"), [_t("Figure"), _t("This period")])
    for label, value in (
        (_t("Resolved"), data.resolved),
        (_t("Callbacks made"), data.made),
        (_t("Author reached"), data.reached),
        (_t("Unreachable"), data.unreachable),
        (_t("Still due"), data.due),
        (_t("Coverage"), data.coverage),
        (_t("Satisfied by callback"), data.satisfaction_callbacks),
        (_t("Satisfied by rating"), data.satisfaction_ratings),
    ):
        sheet.add(label, "" if value is None else value)
    sheet.section(_t("Dissatisfied at callback"), ["#", _t("Title"), _t("Note")])
    for d in data.dissatisfied:
        sheet.add(d.post_id, d.title, d.note)


class CallbackParts:
    """The callback panel of the dashboard (mixed into `Dashboard`)."""

    filter_requested: Any

    def _build_callbacks(self) -> dict[str, Panel]:
        self.callback_figures = CallbackFigures()
        self.callback_figures.cases.clicked.connect(self._callback_case_clicked)
        self.callback_panel = Panel(_t("Callbacks"), self.callback_figures)
        return {"callbacks": self.callback_panel}

    def callback_endpoints(self) -> tuple[str, ...]:
        return ("callbacks",)

    def _show_callbacks(self, data: stats.Callbacks) -> None:
        self.callback_figures.show_figures(data)
        self.callback_panel.note.setText(
            _t("Coverage {c}: {r} of {p} resolved posts' authors heard; {d} still due").format(
                c=fmt_share(data.coverage),
                r=fmt_count(data.reached),
                p=fmt_count(data.resolved),
                d=fmt_count(data.due),
            )
        )

    def _callback_case_clicked(self, index: QModelIndex) -> None:
        post_id = index.data(POST_ROLE)
        if post_id is not None:
            self.filter_requested.emit({"post_id": int(post_id)})
