"""The reporter's other posts, a tab of the case pane (GET /citizens/{id}/posts).

A person who wrote before — a neighbour's noise every night, a stalker reported last
week — is a different case from a first report; the officer sees it at a glance and
opens an earlier post with a double click or Enter. Titles come from citizens and are
shown as plain text (list items never render markup).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from console import safe_text
from console.api.models import PostSummary
from console.tasks import Runner
from console.views.text import local_time, status_name

Lister = Callable[[int], list[PostSummary]]


class EarlierPosts(QListWidget):
    """The author's other posts, newest first.

    Signals:
        open_requested(int): the officer asked to open that post.
        counted(int): how many other posts the author has (after each load), -1 while
            unknown.
    """

    open_requested = Signal(int)
    counted = Signal(int)

    def __init__(self, lister: Lister, tasks: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EarlierPosts")
        self._lister = lister
        self._tasks = tasks
        self._for: tuple[int, int] | None = None  # (citizen id, post id) shown or loading
        self.itemActivated.connect(self._activated)

    def show_for(self, citizen_id: int | None, post_id: int) -> None:
        """Load the posts of ``citizen_id`` other than ``post_id`` (on a worker)."""
        key = (citizen_id, post_id) if citizen_id is not None else None
        if key == self._for and key is not None:
            return
        self._for = key
        self.clear()
        if citizen_id is None:
            self.counted.emit(0)
            return
        self.counted.emit(-1)
        self._tasks.run(
            lambda: self._lister(citizen_id),
            lambda posts: self._loaded(key, posts),
            lambda _exc: self._loaded(key, None),
        )

    def _loaded(self, key: tuple[int, int] | None, posts: Sequence[PostSummary] | None) -> None:
        if key != self._for or key is None:
            return  # another case meanwhile
        self.clear()
        if posts is None:
            self.addItem(self.tr("The reporter's other posts could not be loaded."))
            self.counted.emit(-1)
            return
        others = [p for p in posts if p.id != key[1]]
        for p in others:
            title = safe_text.single_line(p.title, 60)
            text = f"#{p.id}  {local_time(p.created_at)}  {status_name(p.status)}  {title}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(safe_text.tooltip(p.title))
            self.addItem(item)
        if not others:
            self.addItem(self.tr("No other posts by this reporter that you may read."))
        self.counted.emit(len(others))

    def post_ids(self) -> list[int]:
        """The ids listed, in order."""
        ids = (self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count()))
        return [i for i in ids if isinstance(i, int)]

    def _activated(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(pid, int):
            self.open_requested.emit(pid)
