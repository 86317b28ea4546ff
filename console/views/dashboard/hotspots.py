"""The dashboard's hotspots (预警研判): spikes of similar posts in the leader's area.

The list is loaded once when the dashboard is first shown (`GET /hotspots?active=true`)
and then follows the event stream: a `hotspot.detected` (`CaseStore.hotspot_detected`)
adds its row at once — no polling. On the wall display a new hotspot brings the panel
to the front, as a new silent report brings the map. For the selected hotspot a leader
opens all its posts at once (the queue filtered to them) or answers them together
(`hotspot_reply_requested`, the dialog in console/views/dialogs/hotspot_reply.py).

`HotspotParts` is mixed into `Dashboard`; without a `CityApi` it is not built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.city import CityApi, Hotspot
from console.safe_text import single_line
from console.views.dashboard.draw import Panel
from console.views.text import local_time

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedLayout

    from console.api.models import Unit
    from console.store import CaseStore
    from console.tasks import Runner


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def hotspot_line(h: Hotspot, unit_names: dict[int, str]) -> str:
    """One row: the words, where, how many against the usual (plain text)."""
    where = unit_names.get(h.unit_id, _t("unit {id}").format(id=h.unit_id))
    words = single_line(" / ".join(h.terms), 40) or _t("(no words)")
    return _t("{words} · {where} · {n} posts in {m} min (usually {b:g}) · since {t}").format(
        words=words,
        where=where,
        n=len(h.post_ids) or h.count,
        m=h.window_minutes,
        b=h.baseline,
        t=local_time(h.detected_at) if h.detected_at else "",
    )


class HotspotList(QWidget):
    """The active hotspots, newest first, with the two things a leader does with one.

    Attributes:
        items: the hotspots shown, in row order.
        table: the list widget (rows carry the hotspot id in Qt.UserRole).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Hotspot] = []
        self.unit_names: dict[int, str] = {}
        self.table = QListWidget()
        self.table.setObjectName("HotspotList")
        self.table.setWordWrap(True)
        self.open_button = QPushButton(_t("Open all posts"))
        self.open_button.setObjectName("HotspotOpenAll")
        self.reply_button = QPushButton(_t("Answer all…"))
        self.reply_button.setObjectName("HotspotReplyAll")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reply_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        self.table.currentRowChanged.connect(lambda _r: self._enable())
        self._enable()

    def set_hotspots(self, hotspots: Sequence[Hotspot]) -> None:
        self.items = []
        self.table.clear()
        for h in hotspots:
            self.add(h)

    def add(self, h: Hotspot) -> None:
        """Add (or refresh) one hotspot at the top."""
        for row, old in enumerate(self.items):
            if old.id == h.id:
                self.items.pop(row)
                self.table.takeItem(row)
                break
        self.items.insert(0, h)
        item = QListWidgetItem(hotspot_line(h, self.unit_names))
        item.setData(Qt.ItemDataRole.UserRole, h.id)
        self.table.insertItem(0, item)
        if self.table.currentRow() < 0:
            self.table.setCurrentRow(0)
        self._enable()

    def selected(self) -> Hotspot | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _enable(self) -> None:
        on = self.selected() is not None
        self.open_button.setEnabled(on)
        self.reply_button.setEnabled(on)


class HotspotParts:
    """The hotspot list of the dashboard (mixed into `Dashboard`)."""

    runner: Runner
    filter_requested: Any
    hotspot_reply_requested: Any
    city_store: CaseStore | None
    wall_mode: bool
    wall_stack: QStackedLayout

    def _build_hotspots(self, city: CityApi | None, units: Sequence[Unit]) -> dict[str, Panel]:
        self.hotspot_api = city
        if city is None:
            return {}
        self.hotspot_list = HotspotList()
        self.hotspot_list.unit_names = {u.id: u.name for u in units}
        self.hotspot_list.open_button.clicked.connect(self._open_hotspot)
        self.hotspot_list.reply_button.clicked.connect(self._answer_hotspot)
        self.hotspot_list.table.itemActivated.connect(lambda _i: self._open_hotspot())
        self.hotspot_panel = Panel(_t("Hotspots"), self.hotspot_list)
        self.hotspot_panel.note.setText(_t("Loading…"))
        self._hotspots_asked = False
        self.hotspots_loaded = False
        if self.city_store is not None:
            self.city_store.hotspot_detected.connect(self._hotspot_detected)
        return {"hotspots": self.hotspot_panel}

    def _refresh_hotspots(self) -> None:
        """Load the active hotspots once; the stream keeps the list current after that."""
        api = self.hotspot_api
        if api is None or self._hotspots_asked:
            return
        self._hotspots_asked = True
        self.runner.run(api.hotspots, self._hotspots_arrived, self._hotspots_failed)

    def _hotspots_arrived(self, hotspots: list[Hotspot]) -> None:
        known = {h.id for h in self.hotspot_list.items}
        self.hotspot_list.set_hotspots(
            [h for h in hotspots if h.id not in known] + self.hotspot_list.items
        )
        self.hotspots_loaded = True
        self._hotspot_note()

    def _hotspots_failed(self, _exc: Exception) -> None:
        self._hotspots_asked = False  # asked again at the next refresh
        self.hotspot_panel.note.setText(_t("Hotspots could not be loaded."))

    def _hotspot_detected(self, h: Hotspot) -> None:
        self.hotspot_list.add(h)
        self._hotspot_note()
        if self.wall_mode:
            self.wall_stack.setCurrentWidget(self.hotspot_panel)

    def _hotspot_note(self) -> None:
        n = len(self.hotspot_list.items)
        self.hotspot_panel.note.setText(
            _t("{n} active: many alike posts in one district, more than usual.").format(n=n)
            if n
            else _t("No hotspot: no district has more alike posts than usual.")
        )

    def _open_hotspot(self) -> None:
        h = self.hotspot_list.selected()
        if h is not None:
            self.filter_requested.emit({"status": "all", "ids": list(h.post_ids)})

    def _answer_hotspot(self) -> None:
        h = self.hotspot_list.selected()
        if h is not None:
            self.hotspot_reply_requested.emit(h)
