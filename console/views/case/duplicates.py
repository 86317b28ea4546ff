"""The case's likely duplicates (a tab beside the conversation and the history).

The platform lists them (`/posts/{id}/similar`: the same author, or similar text near in
time and place) with its reason; the officer opens one, or merges it under the open case
(the merged post's author then follows this case; a reply goes out once, here). A case
that is itself merged says under which post, with a way there and a way back (unmerge).
Merging and unmerging go through the outbox like every action. Citizen text is plain
text here (list items never interpret markup).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.city import CityApi, Similar
from console.api.models import PostDetail
from console.tasks import Runner

ID_ROLE = Qt.ItemDataRole.UserRole


def _t(text: str) -> str:
    return QCoreApplication.translate("DuplicatesPanel", text)


class DuplicatesPanel(QWidget):
    """Likely duplicates of the open case, and its own merge.

    Signals:
        open_requested(int): open this post.
        merge_requested(object): merge this `PostSummary` under the open case.
        unmerge_requested(): undo the open case's merge.
        counted(int): how many likely duplicates are listed (for the tab's title).
    """

    open_requested = Signal(int)
    merge_requested = Signal(object)
    unmerge_requested = Signal()
    counted = Signal(int)

    def __init__(self, api: CityApi | None, runner: Runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Duplicates")
        self._api = api
        self._runner = runner
        self._post: PostDetail | None = None
        self._generation = 0
        self.found: list[Similar] = []
        self.merged_label = QLabel()
        self.merged_label.setObjectName("MergedInto")
        self.merged_label.setTextFormat(Qt.TextFormat.PlainText)
        self.merged_label.setWordWrap(True)
        self.open_master_button = QPushButton(_t("Open the master post"))
        self.open_master_button.clicked.connect(self._open_master)
        self.unmerge_button = QPushButton(_t("Unmerge"))
        self.unmerge_button.setObjectName("UnmergeButton")
        self.unmerge_button.clicked.connect(self.unmerge_requested)
        self.merged_box = QWidget()
        mrow = QHBoxLayout(self.merged_box)
        mrow.setContentsMargins(0, 0, 0, 0)
        mrow.addWidget(self.merged_label, 1)
        mrow.addWidget(self.open_master_button)
        mrow.addWidget(self.unmerge_button)
        self.status = QLabel()
        self.status.setObjectName("DuplicatesStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("DuplicatesList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda it: self.open_requested.emit(it.data(ID_ROLE)))
        self.list.currentRowChanged.connect(lambda *_: self._update_buttons())
        self.open_button = QPushButton(_t("Open"))
        self.open_button.clicked.connect(self._open_selected)
        self.merge_button = QPushButton(_t("Merge into this post"))
        self.merge_button.setObjectName("MergeButton")
        self.merge_button.setToolTip(
            _t("The selected post becomes a duplicate of this one: its author follows this case")
        )
        self.merge_button.clicked.connect(self._merge_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.merge_button)
        col = QVBoxLayout(self)
        col.addWidget(self.merged_box)
        col.addWidget(self.status)
        col.addWidget(self.list, 1)
        col.addLayout(buttons)
        self.may_merge = False
        self.set_post(None)

    # ------------------------------------------------------------ showing a case
    def set_post(self, post: PostDetail | None, *, may_merge: bool = False) -> None:
        """Show the case's merge and fetch its likely duplicates (on a worker)."""
        same = post is not None and self._post is not None and post.id == self._post.id
        self._post = post
        self.may_merge = may_merge
        merged = post is not None and post.merged_into_id is not None
        self.merged_box.setVisible(merged)
        if post is not None and post.merged_into_id is not None:
            self.merged_label.setText(
                _t("This post is merged as a duplicate into #{id}.").format(id=post.merged_into_id)
            )
        self.unmerge_button.setEnabled(merged and may_merge)
        if not same:
            self._show([])
        self._generation += 1
        if post is None or self._api is None or post.kind == "silent_report":
            self.status.setText("" if post is None else _t("No likely duplicates."))
            return
        if not same:
            self.status.setText(_t("Looking for likely duplicates…"))
        generation, api, post_id = self._generation, self._api, post.id
        self._runner.run(
            lambda: api.similar(post_id),
            lambda found: self._arrived(generation, found),
            lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, found: list[Similar]) -> None:
        if generation != self._generation:
            return
        self._show(found)
        self.status.setText(
            _t("No likely duplicates.")
            if not found
            else _t("{n} likely duplicates, most likely first.").format(n=len(found))
        )

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        message = getattr(exc, "user_message", None)
        self.status.setText(
            _t("Likely duplicates could not be loaded: {why}").format(
                why=message() if callable(message) else str(exc)
            )
        )

    def _show(self, found: list[Similar]) -> None:
        self.found = list(found)
        self.list.clear()
        for s in self.found:
            it = QListWidgetItem(f"#{s.id} {s.post.title}\n{s.reason}")
            it.setData(ID_ROLE, s.id)
            it.setToolTip(s.reason)
            self.list.addItem(it)
        if self.found:
            self.list.setCurrentRow(0)
        self._update_buttons()
        self.counted.emit(len(self.found))

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.open_button.setEnabled(chosen)
        merged = self._post is not None and self._post.merged_into_id is not None
        self.merge_button.setEnabled(chosen and self.may_merge and not merged)

    def _selected(self) -> Similar | None:
        row = self.list.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None

    # ------------------------------------------------------------ actions
    def _open_selected(self) -> None:
        s = self._selected()
        if s is not None:
            self.open_requested.emit(s.id)

    def _open_master(self) -> None:
        if self._post is not None and self._post.merged_into_id is not None:
            self.open_requested.emit(self._post.merged_into_id)

    def _merge_selected(self) -> None:
        s = self._selected()
        if s is not None and self.merge_button.isEnabled():
            self.merge_requested.emit(s.post)

    def remove(self, post_id: int) -> Any:
        """Take a post off the list (it was just merged)."""
        self._show([s for s in self.found if s.id != post_id])


def attach_duplicates(view: Any) -> DuplicatesPanel:
    """The panel as a tab of a `CaseView`, wired to its controller."""
    get_json = getattr(view._client, "get_json", None)
    panel = DuplicatesPanel(CityApi(get_json) if callable(get_json) else None, view._tasks)
    view.tabs.addTab(panel, _t("Likely duplicates"))
    panel.open_requested.connect(view.load)
    panel.unmerge_requested.connect(view.controller.unmerge)

    def merge(summary: Any) -> None:
        if view.controller.merge_here(summary):
            panel.remove(summary.id)

    def count(n: int) -> None:
        view.tabs.setTabText(view.tabs.indexOf(panel), _t("Likely duplicates ({n})").format(n=n))

    panel.merge_requested.connect(merge)
    panel.counted.connect(count)
    return panel
