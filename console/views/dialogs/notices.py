"""Notices (公告) to the public of a unit's area: publish, schedule, see who read them.

The list shows the notices of the officer's units, newest first, with their read counts
and whether citizens can read them yet. Below it the composer: a template for the usual
kinds (legal publicity, reminders, prevention tips, rumour rebuttals, contact numbers),
the category, the unit whose area it reaches (the bureau: the whole city), pinned, and
optionally a later publication time. Before a notice goes out its text is checked for
personal data (console.reply_safety) and the officer asked to confirm, as for a public
reply. Publishing runs on a worker with one Idempotency-Key per notice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import ApiError
from console.api.models import Notice, NoticeTemplate, Unit
from console.reply_safety import findings
from console.tasks import Runner
from console.views.case.reply_check import kind_name
from console.views.text import local_time

CATEGORIES = ("legal", "reminder", "prevention", "rumour", "contact")


def _t(text: str) -> str:
    return QCoreApplication.translate("NoticesWindow", text)


def category_name(code: str) -> str:
    return {
        "legal": _t("Legal publicity"),
        "reminder": _t("Reminder"),
        "prevention": _t("Prevention tip"),
        "rumour": _t("Rumour rebuttal"),
        "contact": _t("Contact numbers"),
    }.get(code, code)


class NoticeClient(Protocol):
    def notices(self) -> list[Notice]: ...
    def notice_templates(self) -> list[NoticeTemplate]: ...
    def publish_notice(self, body: dict[str, Any], idem_key: str) -> Notice: ...


class NoticesWindow(QDialog):
    """Signals: published(Notice). Attributes: confirm_box — the personal-data question."""

    published = Signal(object)

    def __init__(
        self,
        client: NoticeClient,
        tasks: Runner,
        units: Sequence[Unit],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NoticesWindow")
        self.setWindowTitle(self.tr("Notices"))
        self._client = client
        self._tasks = tasks
        self._templates: list[NoticeTemplate] = []
        self._rows: list[Notice] = []
        self._key = uuid.uuid4().hex
        self.confirm_box: QMessageBox | None = None

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Title"),
                self.tr("Category"),
                self.tr("Area"),
                self.tr("Published"),
                self.tr("Read"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.template = QComboBox()
        self.template.activated.connect(self._template_chosen)
        self.category = QComboBox()
        for code in CATEGORIES:
            self.category.addItem(category_name(code), code)
        self.unit = QComboBox()
        for u in units:
            self.unit.addItem(u.name, u.id)
        self.title_edit = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.pinned = QCheckBox(self.tr("Pinned (shown first)"))
        self.schedule = QCheckBox(self.tr("Publish later at"))
        self.publish_at = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600))
        self.publish_at.setCalendarPopup(True)
        self.publish_at.setEnabled(False)
        self.schedule.toggled.connect(self.publish_at.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.schedule)
        when.addWidget(self.publish_at, 1)
        self.status = QLabel()
        self.status.setObjectName("NoticeStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.publish_button = QPushButton(self.tr("Publish"))
        self.publish_button.clicked.connect(self.request_publish)

        form = QFormLayout()
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Area of"), self.unit)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Text"), self.body)
        form.addRow("", self.pinned)
        form.addRow("", when)
        col = QVBoxLayout(self)
        col.addWidget(self.table, 1)
        col.addLayout(form)
        col.addWidget(self.status)
        col.addWidget(self.publish_button, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(860, 640)

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        client = self._client

        def op() -> tuple[list[Notice], list[NoticeTemplate]]:
            return client.notices(), client.notice_templates()

        self._tasks.run(op, self._loaded, self._failed)

    def rows(self) -> list[Notice]:
        return list(self._rows)

    def _loaded(self, got: tuple[list[Notice], list[NoticeTemplate]]) -> None:
        self._rows, self._templates = list(got[0]), list(got[1])
        self.template.clear()
        self.template.addItem(self.tr("Templates…"), None)
        for i, tpl in enumerate(self._templates):
            self.template.addItem(f"{category_name(tpl.category)} · {tpl.title}", i)
        self.table.setRowCount(len(self._rows))
        for r, n in enumerate(self._rows):
            state = local_time(n.publish_at) if n.published else self.tr("scheduled {time}")
            cells = [
                ("📌 " if n.pinned else "") + n.title,
                category_name(n.category),
                n.unit_name,
                state.format(time=local_time(n.publish_at)),
                str(n.read_count),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _template_chosen(self, index: int) -> None:
        i = self.template.itemData(index)
        if i is None:
            return
        tpl = self._templates[int(i)]
        self.category.setCurrentIndex(self.category.findData(tpl.category))
        self.title_edit.setText(tpl.title)
        self.body.setPlainText(tpl.body)
        self.body.setFocus()

    # ------------------------------------------------------------ publishing
    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "title": self.title_edit.text().strip(),
            "body": self.body.toPlainText().strip(),
            "category": self.category.currentData(),
            "unit_id": self.unit.currentData(),
            "pinned": self.pinned.isChecked(),
        }
        if self.schedule.isChecked():
            at = self.publish_at.dateTime().toSecsSinceEpoch()
            body["publish_at"] = datetime.fromtimestamp(at, UTC).isoformat()
        return body

    def request_publish(self) -> None:
        """Check the text for personal data (ask first), then publish."""
        p = self.payload()
        if not p["title"] or not p["body"]:
            self.status.setText(self.tr("A notice needs a title and a text."))
            return
        found = findings(f"{p['title']}\n{p['body']}")
        if not found:
            self._publish(p)
            return
        lines = "\n".join(f"• {kind_name(f.kind)}: {f.text}" for f in found)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Personal data in a notice"),
            self.tr(
                "This notice contains personal data:\n\n{lines}\n\n"
                "Everyone will be able to read it. Publish it anyway?"
            ).format(lines=lines),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        self.publish_anyway = box.addButton(
            self.tr("Publish anyway"), QMessageBox.ButtonRole.AcceptRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r: self._answered(box, p))
        self.confirm_box = box
        box.setWindowModality(Qt.WindowModality.NonModal)  # the alarm banner stays usable
        box.show()

    def _answered(self, box: QMessageBox, p: dict[str, Any]) -> None:
        self.confirm_box = None
        if box.clickedButton() is self.publish_anyway:
            self._publish(p)
        box.deleteLater()

    def _publish(self, p: dict[str, Any]) -> None:
        self.publish_button.setEnabled(False)
        client, key = self._client, self._key
        self._tasks.run(lambda: client.publish_notice(p, key), self._done, self._failed)

    def _done(self, notice: Notice) -> None:
        self.publish_button.setEnabled(True)
        self._key = uuid.uuid4().hex  # the next notice is a new one
        self.title_edit.clear()
        self.body.clear()
        self.status.setText(self.tr("Published: {title}").format(title=notice.title))
        self.published.emit(notice)
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self.publish_button.setEnabled(True)
        self.status.setText(exc.user_message() if isinstance(exc, ApiError) else str(exc))
