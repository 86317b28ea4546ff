"""The dialogs behind the case actions: transfer (unit + reason), close (resolution), reopen.

Each dialog only collects what the action needs; the case view sends it through
the outbox. Dialogs are opened with `open()` (window-modal, non-blocking), so the
GUI keeps running and tests can fill them in like a person would.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console import safe_text
from console.api.models import Unit
from console.views.text import CLOSURE_CODES, closure_name
from console.views.theme import colours

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_REASON_CHARS = 1000
MAX_ASSISTS = 10  # the platform's limit of assisting units (联办) per dispatch
MAX_RESOLUTION_CHARS = 5000


def _text_box(placeholder: str, object_name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(object_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(90)
    return box


class _ActionDialog(QDialog):
    """Shared frame: a heading, the fields, and OK/Cancel with OK enabled only when valid."""

    def __init__(self, title: str, heading: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        # Never modal: the alarm banner behind it must stay clickable (issue 10).
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumWidth(520)
        self.layout_ = QVBoxLayout(self)
        head = QLabel(heading)
        head.setObjectName("DialogHeading")
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        self.layout_.addWidget(head)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("PrimaryButton")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.problem = QLabel()
        self.problem.setObjectName("DialogProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        c = colours()
        self.problem.setStyleSheet(f"color: {c.note_tag};")
        head.setStyleSheet(f"font-size: 12pt; font-weight: bold; color: {c.title};")

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)
        self.revalidate()

    def problem_text(self) -> str:
        """Why OK is not possible yet ("" when it is)."""
        return ""

    def revalidate(self) -> None:
        problem = self.problem_text()
        self.ok_button.setEnabled(not problem)
        self.problem.setText(problem)

    def _try_accept(self) -> None:
        if not self.problem_text():
            self.accept()


ActionDialogBase = _ActionDialog  # the shared frame, for the loop's dialogs (loop_dialogs.py)


class TransferDialog(_ActionDialog):
    """Dispatch (派单): pick the lead unit (police units and municipal departments,
    searchable), tick assisting units (联办) if others must help, give a reason.

    The selected unit leads; a ticked one (Space, or its box) assists. The post keeps its
    priority: the dialog says which, so nobody re-types it at the other end.
    """

    _KIND_ORDER = ("bureau", "specialised", "branch", "station", "municipal")

    def __init__(
        self,
        units: Sequence[Unit],
        current_unit_id: int | None,
        post_title: str,
        parent: QWidget | None = None,
        *,
        suggested_unit_id: int | None = None,
        priority: str = "",
    ) -> None:
        super().__init__(
            self.tr("Transfer"),
            self.tr("Hand “{title}” to another unit").format(
                title=safe_text.single_line(post_title, 40)
            ),
            self.tr("Transfer (Ctrl+Enter)"),
            parent,
        )
        self.ok_button.setShortcut("Ctrl+Return")
        self._current = current_unit_id
        self._suggested = suggested_unit_id
        self.search = QLineEdit()
        self.search.setObjectName("UnitSearch")
        self.search.setPlaceholderText(self.tr("Type to filter units, e.g. “station”, “heating”"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self._fill(units)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView()
        self.tree.setObjectName("UnitTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.expandAll()
        self.tree.setMinimumHeight(340)
        self.reason = _text_box(
            self.tr("Reason (required), e.g. local jurisdiction, please verify and handle"),
            "TransferReason",
        )
        self.suggestion = QLabel()
        self.suggestion.setObjectName("TriageSuggestion")
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setWordWrap(True)
        self.suggestion.hide()
        self.use_suggestion = QPushButton(self.tr("Choose the suggested unit"))
        self.use_suggestion.setObjectName("UseSuggestion")
        self.use_suggestion.hide()
        self.use_suggestion.clicked.connect(lambda: self._select_unit(self._triage_unit))
        self._triage_unit: int | None = None
        self.dispatch_summary = QLabel()
        self.dispatch_summary.setObjectName("DispatchSummary")
        self.dispatch_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.dispatch_summary.setWordWrap(True)
        self._priority = priority
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(
            QLabel(self.tr("The selected unit leads; tick the units that assist it with Space."))
        )
        self.layout_.addWidget(self.suggestion)
        self.layout_.addWidget(self.use_suggestion)
        self.layout_.addWidget(self.tree, 1)
        self.layout_.addWidget(self.dispatch_summary)
        self.layout_.addWidget(QLabel(self.tr("Reason")))
        self.layout_.addWidget(self.reason)
        self.finish_layout()
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._focus_first_match)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.revalidate())
        self.model.itemChanged.connect(lambda _item: self.revalidate())
        self.reason.textChanged.connect(self.revalidate)
        self.search.setFocus()
        self._select_suggested()

    def _select_suggested(self) -> None:
        """The station whose district holds the location starts selected (never sent by
        itself: the officer still gives the reason and presses Transfer)."""
        if self._suggested is not None and self._suggested != self._current:
            self._select_unit(self._suggested)

    def _select_unit(self, unit_id: int | None) -> None:
        if unit_id is None:
            return
        found = self.model.match(
            self.model.index(0, 0),
            UNIT_ID_ROLE,
            unit_id,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        if found:
            self.tree.setCurrentIndex(self.proxy.mapFromSource(found[0]))
            self.revalidate()

    def show_suggestion(self, words: str, unit_id: int | None) -> None:
        """What the platform's history suggests, in words, and a button to choose its
        unit: shown, never applied by itself."""
        self.suggestion.setText(words)
        self.suggestion.show()
        self._triage_unit = unit_id if unit_id != self._current else None
        self.use_suggestion.setVisible(self._triage_unit is not None)

    def _fill(self, units: Sequence[Unit]) -> None:
        groups = {
            "bureau": self.tr("City bureau"),
            "specialised": self.tr("Specialised units"),
            "branch": self.tr("Branches and stations"),
            "station": self.tr("Branches and stations"),
            "municipal": self.tr("Government departments (12345)"),
        }
        by_id = {u.id: u for u in units}
        heads: dict[str, QStandardItem] = {}
        items: dict[int, QStandardItem] = {}

        def head_for(kind: str) -> QStandardItem:
            name = groups.get(kind, self.tr("Other units"))
            if name not in heads:
                h = QStandardItem(name)
                h.setSelectable(False)
                h.setEditable(False)
                font = h.font()
                font.setBold(True)
                h.setFont(font)
                heads[name] = h
                self.model.appendRow(h)
            return heads[name]

        ordered = sorted(
            units,
            key=lambda u: (
                self._KIND_ORDER.index(u.kind) if u.kind in self._KIND_ORDER else 99,
                u.id,
            ),
        )
        for u in ordered:
            it = QStandardItem(safe_text.single_line(u.name, 60))
            it.setEditable(False)
            it.setData(u.id, UNIT_ID_ROLE)
            it.setCheckable(u.id != self._current)  # ticked: an assisting unit (联办)
            if u.id == self._current:
                it.setText(self.tr("{name} (current unit)").format(name=it.text()))
                it.setEnabled(False)
            elif u.id == self._suggested:
                it.setText(self.tr("{name} (district of the location)").format(name=it.text()))
            items[u.id] = it
            parent = by_id.get(u.parent_id) if u.parent_id is not None else None
            # Stations sit under their branch; everything else under its group heading.
            if u.kind == "station" and parent is not None and parent.id in items:
                items[parent.id].appendRow(it)
            else:
                head_for(u.kind).appendRow(it)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()
        self.revalidate()

    def _focus_first_match(self) -> None:
        idx = self._first_selectable()
        if idx is not None:
            self.tree.setCurrentIndex(idx)
            self.reason.setFocus()

    def _first_selectable(self) -> QModelIndex | None:
        """The first enabled unit in the filtered tree, depth first."""
        stack = [self.proxy.index(r, 0) for r in reversed(range(self.proxy.rowCount()))]
        while stack:
            idx = stack.pop()
            if idx.data(UNIT_ID_ROLE) is not None and idx.flags() & Qt.ItemFlag.ItemIsEnabled:
                return idx
            stack.extend(
                self.proxy.index(r, 0, idx) for r in reversed(range(self.proxy.rowCount(idx)))
            )
        return None

    def unit_id(self) -> int | None:
        idx = self.tree.currentIndex()
        value = idx.data(UNIT_ID_ROLE) if idx.isValid() else None
        if value is None or not idx.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return int(value)

    def assist_unit_ids(self) -> list[int]:
        """The ticked units, the lead unit left out (it leads, it does not assist)."""
        lead = self.unit_id()
        found: list[int] = []
        stack = [self.model.item(r) for r in range(self.model.rowCount())]
        while stack:
            item = stack.pop()
            uid = item.data(UNIT_ID_ROLE)
            if uid is not None and item.checkState() == Qt.CheckState.Checked and uid != lead:
                found.append(int(uid))
            stack.extend(item.child(r) for r in range(item.rowCount()))
        return sorted(found)

    def check_unit(self, unit_id: int, on: bool = True) -> None:
        """Tick (or untick) a unit as assisting, as Space on its row does."""
        found = self.model.match(
            self.model.index(0, 0), UNIT_ID_ROLE, unit_id, 1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )  # fmt: skip
        if found:
            item = self.model.itemFromIndex(found[0])
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def revalidate(self) -> None:
        super().revalidate()
        names = {
            int(i.data(UNIT_ID_ROLE)): i.text()
            for i in self.model.findItems(
                "", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive
            )
            if i.data(UNIT_ID_ROLE) is not None
        }
        lead = self.unit_id()
        text = self.tr("Lead unit: {lead}").format(lead=names.get(lead, "—") if lead else "—")
        assists = [names.get(a, str(a)) for a in self.assist_unit_ids()]
        if assists:
            text += self.tr(" · assisting: {units}").format(units="、".join(assists))
        if self._priority:
            text += self.tr(" · priority kept: {p}").format(p=self._priority)
        self.dispatch_summary.setText(text)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def problem_text(self) -> str:
        if self.unit_id() is None:
            return self.tr("Choose the receiving unit.")
        if len(self.assist_unit_ids()) > MAX_ASSISTS:
            return self.tr("At most {n} assisting units.").format(n=MAX_ASSISTS)
        if not self.reason_text():
            return self.tr("Give a reason for the transfer.")
        if len(self.reason_text()) > MAX_REASON_CHARS:
            return self.tr("The reason is too long (at most {n} characters).").format(
                n=MAX_REASON_CHARS
            )
        return ""


class CloseDialog(_ActionDialog):
    """办结: the resolution the citizen will read."""

    def __init__(self, post_title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Resolve"),
            self.tr("Resolve “{title}”: the citizen will read this resolution").format(
                title=safe_text.single_line(post_title, 40)
            ),
            self.tr("Resolve (Ctrl+Enter)"),
            parent,
        )
        self.ok_button.setShortcut("Ctrl+Return")
        self.resolution = _text_box(
            self.tr("Resolution (required), e.g. officers attended, the noise has stopped"),
            "Resolution",
        )
        self.code = QComboBox()  # 办结类型: the closure code, for the record and the ranking
        self.code.setObjectName("ClosureCode")
        for code in CLOSURE_CODES:
            self.code.addItem(closure_name(code), code)
        caption = QLabel(self.tr("Closure code (the public page shows the resolution only)"))
        caption.setBuddy(self.code)
        self.layout_.addWidget(caption)
        self.layout_.addWidget(self.code)
        self.layout_.addWidget(self.resolution)
        self.finish_layout()
        self.resolution.textChanged.connect(self.revalidate)
        self.resolution.setFocus()

    def resolution_text(self) -> str:
        return self.resolution.toPlainText().strip()

    def closure_code(self) -> str:
        return str(self.code.currentData())

    def problem_text(self) -> str:
        if not self.resolution_text():
            return self.tr("Write the resolution.")
        if len(self.resolution_text()) > MAX_RESOLUTION_CHARS:
            return self.tr("The resolution is too long (at most {n} characters).").format(
                n=MAX_RESOLUTION_CHARS
            )
        return ""


class ReopenDialog(_ActionDialog):
    """重新打开 a resolved post, with an optional reason for the record."""

    def __init__(self, post_title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Reopen"),
            self.tr("Reopen “{title}”: it goes back to in progress").format(
                title=safe_text.single_line(post_title, 40)
            ),
            self.tr("Reopen (Ctrl+Enter)"),
            parent,
        )
        self.ok_button.setShortcut("Ctrl+Return")
        self.reason = _text_box(
            self.tr("Reason (optional), e.g. the citizen says the problem is not solved"),
            "ReopenReason",
        )
        self.layout_.addWidget(self.reason)
        self.finish_layout()
        self.reason.textChanged.connect(self.revalidate)
        self.reason.setFocus()

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def problem_text(self) -> str:
        if len(self.reason_text()) > MAX_REASON_CHARS:
            return self.tr("The reason is too long (at most {n} characters).").format(
                n=MAX_REASON_CHARS
            )
        return ""
