"""The queue as a table model: posts by id, filtered and sorted on the server.

`QueueModel` holds the loaded rows (PostSummary, newest data wins) and changes
them precisely — beginInsertRows / dataChanged / beginMoveRows / beginRemoveRows,
never a reset for one change — so selection, scrolling and the officer's place in
the list survive live updates. `QueueFilters` (console/views/queue/filters.py)
decides whether a live post belongs in the rows and where. Paging is `canFetchMore` /
`fetchMore`: the model asks for the next page with `more_requested` and `QueueFeed`
(console/views/queue/feed.py) answers.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from console.api.models import OPEN_STATUSES, Board, Me, PostSummary, Unit
from console.safe_text import single_line, tooltip
from console.views.queue import signing
from console.views.queue.filters import QueueFilters, sort_key
from console.views.text import duration, full_time, priority_name, status_name
from console.workdays import Calendar, working_days_to

Index = QModelIndex | QPersistentModelIndex


class Directory(Protocol):
    """Where the queue finds names for ids (the CaseStore)."""

    def board(self, code: str) -> Board | None: ...
    def unit_name(self, unit_id: int | None) -> str: ...
    def officer_name(self, officer_id: int | None) -> str: ...
    def units(self) -> list[Unit]: ...
    def workdays(self) -> Calendar | None: ...


# ------------------------------------------------------------------ columns and roles
# Time left and status come first: they are what an officer scans the queue for.
# Priority next to them: with many red overdue rows it says where to start.
COLUMNS = (
    "kind", "priority", "deadline", "status", "board", "title", "citizen", "unit", "assignee",
    "age",
)  # fmt: skip
KIND, PRIORITY, DEADLINE, STATUS, BOARD, TITLE, CITIZEN, UNIT, ASSIGNEE, AGE = range(len(COLUMNS))

POST_ROLE = Qt.ItemDataRole.UserRole + 1  # the PostSummary of the row
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2  # "", "near", "over" (deadline column)
POST_ID_ROLE = Qt.ItemDataRole.UserRole + 3

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_USED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _ALIGN, POST_ROLE, URGENCY_ROLE, POST_ID_ROLE})

NEAR_FRACTION = 0.2  # amber when less than 20 % of the board's handling time is left
NEAR_MINUTES = 30  # ... or less than half an hour
TICK_MS = 30_000  # age and deadline texts move on every 30 s


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def channel_name(channel: str) -> str:
    """Where an ordinary post came in (posts reach one queue from several channels)."""
    names = {
        "board": _t("Channel", "Post"),
        "group": _t("Channel", "Group"),
        "web": _t("Channel", "Web"),
        "hotline": _t("Channel", "Hotline"),
        "sms": _t("Channel", "SMS"),
        "letter": _t("Channel", "Letter"),
        "visit": _t("Channel", "Visit"),
        "official": _t("Channel", "Notice"),
    }
    return names.get(channel, _t("QueueModel", "Post"))


def deadline_sample() -> str:
    """About the longest text the time-left column shows (for sizing it)."""
    return _t("QueueModel", "late {t}").format(t=duration(88 * 86400 + 23 * 3600))


def silent_label() -> str:
    return _t("QueueModel", "Silent report")


def column_title(column: int) -> str:
    titles = {
        KIND: _t("QueueModel", "Kind"),
        PRIORITY: _t("QueueModel", "Priority"),
        DEADLINE: _t("QueueModel", "Time left"),
        STATUS: _t("QueueModel", "Status"),
        BOARD: _t("QueueModel", "Board"),
        TITLE: _t("QueueModel", "Title"),
        CITIZEN: _t("QueueModel", "Citizen"),
        UNIT: _t("QueueModel", "Unit"),
        ASSIGNEE: _t("QueueModel", "Assignee"),
        AGE: _t("QueueModel", "Age"),
    }
    return titles[column]


# ------------------------------------------------------------------ the model
class QueueModel(QAbstractTableModel):
    """Loaded queue rows; names come from the directory (the CaseStore).

    Signals:
        more_requested(str cursor): the view scrolled near the end; load the next page.

    Attributes:
        filters: the filters the rows were loaded with (decides live inserts).
    """

    more_requested = Signal(str)

    def __init__(
        self,
        directory: Directory,
        *,
        now: Callable[[], datetime] | None = None,
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._dir = directory
        self._now = now or (lambda: datetime.now(UTC))
        self._rows: list[PostSummary] = []
        self._row_of: dict[int, int] = {}
        self._cursor: str | None = None
        self._fetching = False
        self.filters = QueueFilters()
        self._waits: Callable[[PostSummary], bool] = lambda _p: False
        self._key = self._sort_key()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.refresh_times)
        self._timer.start()
        self._sign_timer = QTimer(self)  # the sign countdowns, to the second
        self._sign_timer.setInterval(signing.SIGN_TICK_MS)
        self._sign_timer.timeout.connect(self._tick_signatures)
        self._sign_timer.start()

    # ------------------------------------------------------------ waiting for my signature
    def set_signature_check(self, waits: Callable[[PostSummary], bool]) -> None:
        """`waits(post)`: the post waits for my unit's signature; such rows come first."""
        self._waits = waits
        self._key = self._sort_key()

    def _tier(self, p: PostSummary) -> int:
        """Unacknowledged silent reports stay on top (priority order); then what waits
        for my signature; then the rest, each group in the server's order."""
        if self.filters.sort == "priority" and p.is_silent and p.acknowledged_at is None:
            return 0 if p.status in OPEN_STATUSES else 2
        return 1 if self._waits(p) else 2

    def _sort_key(self) -> Callable[[PostSummary], Any]:
        base = sort_key(self.filters.sort, self._now)
        return lambda p: (self._tier(p), base(p))

    def _tick_signatures(self) -> None:
        for row, post in enumerate(self._rows):
            if self._tier(post) > 1:
                break  # the waiting rows are the first ones
            if self._waits(post):
                idx = self.index(row, DEADLINE)
                self.dataChanged.emit(idx, idx, [_DISPLAY, URGENCY_ROLE])

    # ------------------------------------------------------------ Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == _DISPLAY:
            return column_title(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called hundreds of times per repaint: leave at once for roles we do not serve.
        if role not in _USED_ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= len(self._rows) or col >= len(COLUMNS):
            return None
        post = self._rows[row]
        if role == _DISPLAY:
            return self._display(post, col)
        if role == POST_ROLE:
            return post
        if role == POST_ID_ROLE:
            return post.id
        if role == URGENCY_ROLE:
            return self.urgency(post) if col == DEADLINE else ""
        if role == _ALIGN:
            if col in (AGE, DEADLINE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == _TOOLTIP:
            return self._tooltip(post, col)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_requested.emit(self._cursor)

    # ------------------------------------------------------------ texts
    def _display(self, post: PostSummary, col: int) -> str:
        if col == KIND:
            if post.is_silent:
                return silent_label()
            return channel_name(post.channel)
        if col == PRIORITY:
            return priority_name(post.priority)
        if col == BOARD:
            board = self._dir.board(post.board)
            return board.name if board else post.board
        if col == TITLE:
            title = single_line(post.title, 120)
            if self._waits(post):
                title = signing.sign_title(post, title, self._now())
            # The citizen answered privately and no officer has read it yet.
            return f"✉{post.unread_messages} {title}" if post.unread_messages else title
        if col == CITIZEN:
            phone = f" {post.author.phone}" if post.author.phone else ""
            return single_line(post.author.nickname, 30) + phone
        if col == UNIT:
            return self._dir.unit_name(post.unit_id)
        if col == ASSIGNEE:
            return self._dir.officer_name(post.assignee_id)
        if col == STATUS:
            return status_name(post.status)
        now = self._now()
        if col == AGE:
            return duration((now - post.created_at).total_seconds())
        return self.deadline_text(post, now)

    def deadline_text(self, post: PostSummary, now: datetime | None = None) -> str:
        if post.status not in OPEN_STATUSES:
            return _t("QueueModel", "done")
        if self._waits(post):
            return signing.sign_text(post, now or self._now())
        if post.deadline_at is None:
            return "—"
        now = now or self._now()
        left = (post.deadline_at - now).total_seconds()
        if left <= 0:
            return _t("QueueModel", "late {t}").format(t=duration(-left))
        days = self._working_days_left(post, now)
        if days:  # a working-day board, due on a later day: counted as the platform counts
            return QCoreApplication.translate("QueueModel", "%n working day(s)", "", days)
        return duration(left)

    def _working_days_left(self, post: PostSummary, now: datetime) -> int | None:
        """Working days to the deadline on a board that counts them (None otherwise)."""
        assert post.deadline_at is not None
        return working_days_to(
            self._dir.board(post.board), self._dir.workdays(), now, post.deadline_at
        )

    def urgency(self, post: PostSummary) -> str:
        """ "over" past the deadline, "near" with < 20 % of the board's time or < 30 min left."""
        if post.status in OPEN_STATUSES and self._waits(post):
            return signing.sign_urgency(post, self._now())
        if post.status not in OPEN_STATUSES or post.deadline_at is None:
            return ""
        left = (post.deadline_at - self._now()).total_seconds()
        if left <= 0:
            return "over"
        days = self._working_days_left(post, self._now())
        if days is not None:  # a working-day board: amber on its last working day
            return "near" if days <= 0 or left < NEAR_MINUTES * 60 else ""
        board = self._dir.board(post.board)
        total = board.deadline_minutes * 60 if board else 0
        if left < NEAR_MINUTES * 60 or (total and left < NEAR_FRACTION * total):
            return "near"
        return ""

    def _tooltip(self, post: PostSummary, col: int) -> str | None:
        if col == TITLE:
            unread = (
                _t("QueueModel", "{n} private answers from the citizen not read yet\n\n").format(
                    n=post.unread_messages
                )
                if post.unread_messages
                else ""
            )
            return tooltip(f"{unread}{post.title}\n\n{post.excerpt}")
        if col == DEADLINE and self._waits(post):
            return signing.sign_tooltip(post)
        if col == DEADLINE and post.deadline_at is not None:
            return _t("QueueModel", "Deadline: {time}").format(time=full_time(post.deadline_at))
        if col == KIND and post.is_silent:
            if post.acknowledged_by is not None:
                return _t("QueueModel", "Silent report, acknowledged by {name}").format(
                    name=post.acknowledged_by.name
                )
            return _t("QueueModel", "Silent report, not yet acknowledged")
        if col == CITIZEN:
            return tooltip(post.author.nickname)
        return None

    @property
    def directory(self) -> Directory:
        """Where names come from (the CaseStore)."""
        return self._dir

    # ------------------------------------------------------------ reading rows
    def post_at(self, row: int) -> PostSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, post_id: int) -> int | None:
        return self._row_of.get(post_id)

    def post_ids(self) -> list[int]:
        return [p.id for p in self._rows]

    @property
    def has_more(self) -> bool:
        return self._cursor is not None

    # ------------------------------------------------------------ loading
    def set_filters(self, filters: QueueFilters) -> None:
        """New filters: the rows are now stale until `replace_rows` brings the new ones."""
        self.filters = filters
        self._key = self._sort_key()

    def replace_rows(self, posts: Iterable[PostSummary], cursor: str | None) -> None:
        """The first page of a (re)load. The only place the model resets."""
        self.beginResetModel()
        self._rows = []
        seen: set[int] = set()
        for p in posts:
            if p.id not in seen:
                seen.add(p.id)
                self._rows.append(p)
        self._rows.sort(key=self._tier)  # stable: the server's order within each group
        self._reindex()
        self._cursor = cursor
        self._fetching = False
        self.endResetModel()

    def append_rows(self, posts: Iterable[PostSummary], cursor: str | None) -> None:
        """A further page: new rows go at the end, ones already shown are refreshed."""
        fresh: list[PostSummary] = []
        for p in posts:
            if p.id in self._row_of:
                self.update_post(p)
            else:
                fresh.append(p)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            for i, p in enumerate(fresh, start=first):
                self._row_of[p.id] = i
            self.endInsertRows()
        self._cursor = cursor
        self._fetching = False

    def fetch_failed(self) -> None:
        """The page did not come; scrolling to the end asks again."""
        self._fetching = False

    # ------------------------------------------------------------ live changes
    def apply(self, post: PostSummary, me: Me | None) -> None:
        """A post appeared or changed: insert, update in place, move, or remove it."""
        belongs = self.filters.matches(post, me, self._now(), self.units_below)
        if post.id in self._row_of:
            if belongs:
                self.update_post(post)
            else:
                self.remove_post(post.id)
        elif belongs:
            self.insert_post(post)

    def insert_post(self, post: PostSummary) -> None:
        pos = bisect.bisect_left(self._rows, self._key(post), key=self._key)
        if pos == len(self._rows) and self._cursor is not None:
            return  # beyond the loaded part: the next page brings it
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._rows.insert(pos, post)
        self._reindex(pos)
        self.endInsertRows()

    def update_post(self, post: PostSummary) -> None:
        row = self._row_of.get(post.id)
        if row is None:
            return
        old = self._rows[row]
        if old.version > post.version:
            return  # an older copy arriving late
        self._rows[row] = post
        if self._key(old) != self._key(post):
            self._move_into_place(row)
            row = self._row_of[post.id]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _move_into_place(self, row: int) -> None:
        post = self._rows[row]
        rest = self._rows[:row] + self._rows[row + 1 :]
        target = bisect.bisect_left(rest, self._key(post), key=self._key)
        if target == row:
            return
        # beginMoveRows counts the destination before the removal of the moved row.
        dest = target if target < row else target + 1
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest):
            return
        self._rows = rest
        self._rows.insert(target, post)
        self._reindex(min(row, target))
        self.endMoveRows()

    def remove_post(self, post_id: int) -> None:
        row = self._row_of.get(post_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        del self._row_of[post_id]
        self._reindex(row)
        self.endRemoveRows()

    def units_below(self, unit_id: int) -> frozenset[int]:
        """The unit and every unit under it, from the directory's unit list."""
        units = self._dir.units()
        children: dict[int | None, list[int]] = {}
        for u in units:
            children.setdefault(u.parent_id, []).append(u.id)
        found, stack = set(), [unit_id]
        while stack:
            uid = stack.pop()
            if uid not in found:
                found.add(uid)
                stack.extend(children.get(uid, ()))
        return frozenset(found)

    def refresh_times(self) -> None:
        """Age and time left move on: repaint those two columns only."""
        if not self._rows:
            return
        last = len(self._rows) - 1
        for col in (AGE, DEADLINE):
            self.dataChanged.emit(self.index(0, col), self.index(last, col), [_DISPLAY])
        self.dataChanged.emit(self.index(0, DEADLINE), self.index(last, DEADLINE), [URGENCY_ROLE])

    def refresh_names(self, _changed: object = None) -> None:
        """Reference data (units, officers) changed: repaint the columns that show names.

        A slot for the store's ``officer_changed``: a renamed or moved officer reads right
        in the queue at once.
        """
        if self._rows:
            self.dataChanged.emit(
                self.index(0, BOARD), self.index(len(self._rows) - 1, ASSIGNEE), [_DISPLAY]
            )

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._row_of = {p.id: i for i, p in enumerate(self._rows)}
            return
        for i in range(start, len(self._rows)):
            self._row_of[self._rows[i].id] = i
