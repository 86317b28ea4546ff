"""The map in the case pane: where the report is, how precise, how old, what is near.

Shown whenever the case has a location: the first location with its accuracy circle and
age, every newer location the reporter sent beside it (announced in words above the map,
never moved silently), the station districts, and the other open posts within
`NEARBY_RADIUS_M` (silent reports large and red). The coordinates are selectable text
with a copy button. The case's point is drawn at once from the post itself; the city's
geography and the nearby posts arrive on workers, so the point never waits for them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

from console.api.city import CityApi, CityGeo, Nearby
from console.api.models import PostDetail
from console.settings import Settings
from console.tasks import Runner
from console.views.map.geometry import format_coordinates
from console.views.map.scene import CityScene, Fix
from console.views.map.source import CityGeoSource
from console.views.map.tiles import TileFetcher, TileLayer, valid_template
from console.views.map.view import MapView

NEARBY_RADIUS_M = 1500.0
AGE_REFRESH_MS = 30_000


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseMapPanel", text)


def fixes_of(post: PostDetail) -> list[Fix]:
    """The case's locations: the first (the post's own), then each newer one in order."""
    if post.location is None:
        return []
    loc = post.location
    out = [Fix(loc.lat, loc.lon, loc.accuracy_m, post.created_at, first=True)]
    out += [Fix(x.lat, x.lon, x.accuracy_m, x.at, first=False) for x in post.later_locations]
    return out


def add_tile_layer(view: MapView, settings: Settings, runner: Runner) -> TileLayer | None:
    """Tiles from the configured server, or None: with no template nothing is requested."""
    template = settings.map_tile_url.strip()
    if not template or not valid_template(template):
        return None
    return TileLayer(view, TileFetcher(template, verify=settings.ca_bundle or True), runner)


class CaseMapPanel(QWidget):
    """The case's map, with its coordinates line and keys (see console/views/map/view.py).

    Signals:
        post_clicked(int): another post's marker was clicked (open it).
        coordinates_copied(str): the coordinates were put on the clipboard.
    """

    post_clicked = Signal(int)
    coordinates_copied = Signal(str)

    def __init__(
        self,
        source: CityGeoSource | None,
        runner: Runner,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CaseMap")
        self._source = source
        self._runner = runner
        self._post: PostDetail | None = None
        self._generation = 0
        self.scene = CityScene(self)
        self.view = MapView(self.scene)
        self.view.setMinimumSize(260, 220)
        self.view.post_clicked.connect(self.post_clicked)
        self.tiles = add_tile_layer(self.view, settings, runner)
        self.where = QLabel()
        self.where.setObjectName("MapWhere")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setWordWrap(True)
        self.moved = QLabel()
        self.moved.setObjectName("MapMoved")
        self.moved.setTextFormat(Qt.TextFormat.PlainText)
        self.moved.setWordWrap(True)
        self.moved.hide()
        self.near = QLabel()
        self.near.setObjectName("MapNearby")
        self.near.setTextFormat(Qt.TextFormat.PlainText)
        self.copy_button = QToolButton()
        self.copy_button.setObjectName("CopyCoordinates")
        self.copy_button.setText(_t("Copy coordinates"))
        self.copy_button.clicked.connect(self.copy_coordinates)
        self.home_button = QToolButton()
        self.home_button.setText(_t("Back to the report (0)"))
        self.home_button.clicked.connect(self.view.home)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.where, 1)
        top.addWidget(self.copy_button)
        top.addWidget(self.home_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        col.addLayout(top)
        col.addWidget(self.moved)
        col.addWidget(self.view, 1)
        col.addWidget(self.near)
        self._ages = QTimer(self, interval=AGE_REFRESH_MS)
        self._ages.timeout.connect(self._draw_case)
        if source is not None:
            source.when_loaded(self._city_loaded)
        self.hide()

    @classmethod
    def for_client(cls, client: Any, runner: Runner, settings: Settings) -> CaseMapPanel:
        """A panel on a platform client (`PlatformClient.get_json`), or without a city
        (only the case's own points) when the client cannot fetch it."""
        get_json = getattr(client, "get_json", None)
        source = CityGeoSource(CityApi(get_json), runner) if callable(get_json) else None
        return cls(source, runner, settings)

    # ------------------------------------------------------------ showing a case
    def set_post(self, post: PostDetail | None) -> None:
        """Show this case's locations (hidden when it has none)."""
        same_case = post is not None and self._post is not None and self._post.id == post.id
        before = len(fixes_of(self._post)) if same_case and self._post else 0
        self._post = post
        self._generation += 1
        fixes = fixes_of(post) if post is not None else []
        if post is None or not fixes:
            self.scene.set_case([])
            self.scene.set_nearby([])
            self._ages.stop()
            self.hide()
            return
        self.show()
        self._draw_case()
        if not same_case or len(fixes) != before:
            self.view.home()
        self._ages.start()
        self._fetch_nearby(post.id)

    def _draw_case(self) -> None:
        post = self._post
        if post is None or post.location is None:
            return
        now = datetime.now(UTC)
        fixes = fixes_of(post)
        self.scene.set_case(fixes, now)
        loc = post.location
        words = [format_coordinates(loc.lat, loc.lon)]
        if loc.accuracy_m is not None:
            words.append(_t("±{m} m").format(m=f"{loc.accuracy_m:.0f}"))
        self.where.setText(" · ".join(words))
        later = fixes[1:]
        if later:
            last = later[-1]
            self.moved.setText(
                _t("The reporter sent {n} newer location(s); the latest {age}: {where}").format(
                    n=len(later),
                    age=CityScene.fix_words(last, len(later), now),
                    where=format_coordinates(last.lat, last.lon),
                )
            )
        self.moved.setVisible(bool(later))

    def copy_coordinates(self) -> None:
        text = self.coordinates_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.coordinates_copied.emit(text)

    def coordinates_text(self) -> str:
        """Every location of the case, first first, as copied."""
        post = self._post
        if post is None:
            return ""
        lines = [format_coordinates(f.lat, f.lon) for f in fixes_of(post)]
        return "\n".join(lines)

    # ------------------------------------------------------------ the city, the others
    def _city_loaded(self, geo: CityGeo) -> None:
        self.scene.set_city(geo.districts, geo.basemap)
        if self._post is None:
            self.view.home()

    def _fetch_nearby(self, post_id: int) -> None:
        if self._source is None:
            return
        gen = self._generation
        api = self._source.api
        self._runner.run(
            lambda: api.nearby(post_id, NEARBY_RADIUS_M),
            lambda found: self._nearby_arrived(gen, found),
            lambda _exc: self._nearby_failed(gen),
        )

    def _nearby_arrived(self, gen: int, found: Nearby) -> None:
        if gen != self._generation:
            return
        self.scene.set_nearby(found.items)
        silent = sum(1 for p in found.items if p.is_silent)
        self.near.setText(
            _t("{n} other open posts within {r} m, {s} of them silent reports").format(
                n=len(found.items), r=f"{NEARBY_RADIUS_M:.0f}", s=silent
            )
        )

    def _nearby_failed(self, gen: int) -> None:
        if gen == self._generation:
            self.near.setText(_t("Nearby posts could not be loaded."))

    def stop(self) -> None:
        self._ages.stop()


def beside(body: QWidget, panel: CaseMapPanel) -> QSplitter:
    """The case's text and its map side by side (the map hides itself without a location)."""
    split = QSplitter(Qt.Orientation.Horizontal)
    split.setObjectName("BodyMapSplitter")
    split.setChildrenCollapsible(False)
    split.addWidget(body)
    split.addWidget(panel)
    split.setStretchFactor(0, 1)
    split.setStretchFactor(1, 1)
    return split
