"""The leaders' worklist (领导工作台): what waits for a leader in the handling loop.

Three tabs, each row opening its case (Enter or a double click):

- **Extensions waiting** (``GET /extensions``): A approves (the deadline moves), R rejects
  (a comment is required); the decision goes through console.operations (the outbox) and a
  refusal brings the dialog back with the platform's sentence.
- **Supervision** (``GET /supervision``): open supervision orders (督办), by due time.
- **Overdue dispatches by unit**: open posts whose dispatch nobody signed for in time,
  under the unit that should have signed.

It stays live without polling: every event of the loop (a dispatch, sign-for, return,
overdue notice, extension, urge, supervision) that reaches this console makes it read the
three lists again (coalesced: one reading at a time). Reachable from View → Leaders'
worklist (Ctrl+J) and with one click from the dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import ApiError
from console.api.models import Extension, Page, PostSummary, Supervision
from console.api.outbox import OutboxItem
from console.safe_text import single_line
from console.tasks import Runner
from console.views.dialogs.loop_dialogs import DecideDialog
from console.views.text import duration, local_time

POST_ROLE = Qt.ItemDataRole.UserRole + 1  # the post id of a row
EXTENSION_ROLE = Qt.ItemDataRole.UserRole + 2  # the extension request of a row
MAX_PAGES = 5  # open posts read for overdue dispatches (100 a page)
OPEN = "new,accepted,in_progress"


def _t(text: str) -> str:
    return QCoreApplication.translate("LeaderWorklist", text)


class WorklistClient(Protocol):
    def extensions(self, status: str = "pending") -> list[Extension]: ...
    def supervision(self) -> list[Supervision]: ...
    def list_posts(
        self, filters: dict[str, Any] | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[PostSummary]: ...


class Decider(Protocol):
    """Where a decision is written (console.operations.PostOperations)."""

    def decide(self, post_id: int, extension_id: int, approve: bool, comment: str) -> Any: ...


def overdue_dispatches(posts: list[PostSummary], now: datetime) -> dict[int, list[PostSummary]]:
    """Open posts whose dispatch is past its sign deadline unsigned, by the lead unit,
    the longest overdue first."""
    late: dict[int, list[PostSummary]] = {}
    for p in posts:
        d = p.dispatch
        if d is None or d.signed_at is not None or d.sign_deadline_at is None:
            continue
        if d.sign_deadline_at < now:
            late.setdefault(d.unit_id, []).append(p)
    for rows in late.values():
        rows.sort(key=lambda p: (p.dispatch.sign_deadline_at if p.dispatch else None) or now)
    return late


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    return tree


def _item(texts: list[str], post_id: int) -> QTreeWidgetItem:
    item = QTreeWidgetItem([single_line(t, 120) for t in texts])
    item.setData(0, POST_ROLE, post_id)
    for col, text in enumerate(texts):
        item.setToolTip(col, text)
    return item


class LeaderWorklist(QDialog):
    """The leaders' worklist window (non-modal: the alarm banner stays usable).

    Signals:
        open_case(int): the leader asked to open this post.

    Attributes:
        extensions, supervision, overdue: the three lists (QTreeWidget).
        decide_dialog: the approve/reject dialog while open or its decision is on its way.
    """

    open_case = Signal(int)

    def __init__(
        self,
        client: WorklistClient,
        runner: Runner,
        unit_name: Callable[[int | None], str],
        decider: Decider,
        parent: QWidget | None = None,
        *,
        cancel: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LeaderWorklist")
        self.setWindowTitle(self.tr("Leaders' worklist"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(900, 520)
        self._client = client
        self._runner = runner
        self._unit_name = unit_name
        self._decider = decider
        self._cancel = cancel  # withdraws a refused decision from the outbox
        self._loading = False
        self._again = False
        self.decide_dialog: DecideDialog | None = None
        self._decision: tuple[int, DecideDialog] | None = None  # (outbox item id, dialog)

        self.tabs = QTabWidget()
        self.extensions = _tree(
            [self.tr("Case"), self.tr("Unit"), self.tr("Asked by"), self.tr("Until"),
             self.tr("Reason")],
            "ExtensionList",
        )  # fmt: skip
        self.supervision = _tree(
            [self.tr("Case"), self.tr("Due"), self.tr("Instruction"), self.tr("By")],
            "SupervisionList",
        )
        self.overdue = _tree(
            [self.tr("Unit / case"), self.tr("Overdue by"), self.tr("Dispatched")],
            "OverdueList",
        )
        self.overdue.setRootIsDecorated(True)
        for tree in (self.extensions, self.supervision, self.overdue):
            self.tabs.addTab(tree, "")
            tree.itemActivated.connect(lambda item, _col: self._open(item))
        self.status = QLabel()
        self.status.setObjectName("WorklistStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.approve_button = QPushButton(self.tr("Approve (A)"))
        self.reject_button = QPushButton(self.tr("Reject (R)"))
        self.approve_button.clicked.connect(lambda: self.start_decision(True))
        self.reject_button.clicked.connect(lambda: self.start_decision(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr("Enter opens the case · A approve · R reject · F5 reload · Esc close")
        )
        hint.setObjectName("WorklistHint")
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        for keys, slot in (
            ("A", lambda: self.start_decision(True)),
            ("R", lambda: self.start_decision(False)),
            ("F5", self.reload),
        ):
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._counts = (0, 0, 0)
        self._name_tabs()
        self._tab_changed(0)

    # ------------------------------------------------------------ loading
    def reload(self) -> None:
        """Read the three lists again (on a worker; one reading at a time)."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._again = False
        client = self._client

        def op() -> tuple[list[Extension], list[Supervision], list[PostSummary]]:
            posts: list[PostSummary] = []
            cursor: str | None = None
            for _ in range(MAX_PAGES):
                page = client.list_posts({"status": OPEN, "sort": "created_asc"}, cursor, 100)
                posts.extend(page.items)
                cursor = page.next_cursor
                if not cursor:
                    break
            return client.extensions("pending"), client.supervision(), posts

        self._runner.run(op, self._loaded, self._failed)

    def on_loop_event(self, *_args: object) -> None:
        """A loop event reached this console: read again if the window is open."""
        if self.isVisible():
            self.reload()

    def _loaded(self, res: tuple[list[Extension], list[Supervision], list[PostSummary]]) -> None:
        self._loading = False
        extensions, orders, posts = res
        now = datetime.now(UTC)
        self.extensions.clear()
        for e in extensions:
            item = _item(
                [f"#{e.post_id}", self._unit_name(e.unit_id),
                 e.requested_by.name if e.requested_by else "",
                 local_time(e.until), e.reason],
                e.post_id,
            )  # fmt: skip
            item.setData(0, EXTENSION_ROLE, e.id)
            self.extensions.addTopLevelItem(item)
        self.supervision.clear()
        for s in sorted(orders, key=lambda s: s.due_at or now):
            item = _item(
                [f"#{s.post_id}", local_time(s.due_at), s.instruction, s.by.name if s.by else ""],
                s.post_id,
            )
            self.supervision.addTopLevelItem(item)
        self.overdue.clear()
        late = overdue_dispatches(posts, now)
        for unit_id, rows in sorted(late.items(), key=lambda kv: -len(kv[1])):
            head = QTreeWidgetItem([f"{self._unit_name(unit_id)} ({len(rows)})"])
            head.setFirstColumnSpanned(False)
            self.overdue.addTopLevelItem(head)
            for p in rows:
                d = p.dispatch
                over = (now - d.sign_deadline_at).total_seconds() if d and d.sign_deadline_at else 0
                head.addChild(
                    _item(
                        [f"#{p.id} {p.title}", duration(over), local_time(d.at if d else None)],
                        p.id,
                    )
                )
        self.overdue.expandAll()
        for tree in (self.extensions, self.supervision, self.overdue):
            tree.resizeColumnToContents(0)
            first = tree.topLevelItem(0)
            if tree.currentItem() is None and first is not None:
                tree.setCurrentItem(first)
        self._counts = (len(extensions), len(orders), sum(len(r) for r in late.values()))
        self._name_tabs()
        self.status.setText(self.tr("Updated {t}").format(t=local_time(now)))
        if self._again:
            self.reload()

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.status.setText(exc.user_message() if isinstance(exc, ApiError) else str(exc))
        if self._again:
            self.reload()

    def _name_tabs(self) -> None:
        ext, sup, late = self._counts
        self.tabs.setTabText(0, self.tr("Extensions waiting ({n})").format(n=ext))
        self.tabs.setTabText(1, self.tr("Supervision ({n})").format(n=sup))
        self.tabs.setTabText(2, self.tr("Overdue dispatches ({n})").format(n=late))

    def _tab_changed(self, index: int) -> None:
        on_extensions = index == 0
        self.approve_button.setVisible(on_extensions)
        self.reject_button.setVisible(on_extensions)
        tree = self.tabs.widget(index)
        if isinstance(tree, QTreeWidget):
            tree.setFocus()

    def _open(self, item: QTreeWidgetItem | None) -> None:
        post_id = item.data(0, POST_ROLE) if item is not None else None
        if post_id is not None:
            self.open_case.emit(int(post_id))

    def rows(self, tree: QTreeWidget) -> list[str]:
        """The first column of every row (units and their cases), as shown."""
        out: list[str] = []
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top is None:
                continue
            out.append(top.text(0))
            kids = (top.child(j) for j in range(top.childCount()))
            out.extend(k.text(0) for k in kids if k is not None)
        return out

    # ------------------------------------------------------------ deciding
    def start_decision(self, approve: bool) -> None:
        """Approve or reject the selected extension request (the Extensions tab)."""
        if self.tabs.currentIndex() != 0:
            return
        item = self.extensions.currentItem()
        ext_id = item.data(0, EXTENSION_ROLE) if item is not None else None
        if item is None or ext_id is None:
            return
        what = self.tr("Case {case} asks until {until}: {reason}").format(
            case=item.text(0), until=item.text(3), reason=item.toolTip(4)
        )
        dlg = DecideDialog(what, approve, self)
        post_id = int(item.data(0, POST_ROLE))
        dlg.accepted.connect(lambda: self._send(dlg, post_id, int(ext_id)))
        dlg.rejected.connect(lambda: self._forget(dlg))
        self.decide_dialog = dlg
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _send(self, dlg: DecideDialog, post_id: int, ext_id: int) -> None:
        try:
            item = self._decider.decide(post_id, ext_id, dlg.approve, dlg.comment_text())
        except (OSError, ValueError):
            dlg.show_refusal(self.tr("The decision could not be saved on this computer."))
            dlg.show()
            return
        self._decision = (item.id, dlg)

    def item_changed(self, item: OutboxItem) -> None:
        """Slot for the outbox sender: follow the decision on its way."""
        if self._decision is None or item.id != self._decision[0]:
            return
        dlg = self._decision[1]
        if item.state == "sent":
            self._decision = None
            self._forget(dlg)
            self.reload()
        elif item.state == "failed":
            self._decision = None
            if self._cancel is not None:
                self._cancel(item.id)  # it cannot succeed unchanged; do not hold up others
            dlg.show_refusal(item.last_error)
            dlg.show()
            dlg.raise_()

    def _forget(self, dlg: DecideDialog) -> None:
        if self.decide_dialog is dlg:
            self.decide_dialog = None
        dlg.deleteLater()


def worklist_button(open_worklist: Callable[[], None]) -> QPushButton:
    """The dashboard's one click to the worklist (leaders)."""
    button = QPushButton(_t("Leaders' worklist (Ctrl+J)"))
    button.setObjectName("WorklistButton")
    button.clicked.connect(open_worklist)
    return button
