"""The dashboard's city parts: open posts per station district on the map (a choropleth,
clickable to the queue of that district), with the open located posts the console holds
as dots (silent reports large and red; a click opens the post).

On the wall display the map is one of the cycling panels; a new silent report brings it
to the front at once, so the room sees where it is.

`CityParts` is mixed into `Dashboard`; without a `CityApi` (a platform that cannot answer)
the parts are simply not built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from console.api.city import CityApi, CityGeo, DistrictCounts
from console.views.dashboard.draw import Panel
from console.views.map.scene import CityScene
from console.views.map.source import CityGeoSource
from console.views.map.view import MapView

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedLayout

    from console.store import CaseStore
    from console.tasks import Runner

OPEN = ["new", "accepted", "in_progress"]


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


class DistrictMapView(MapView):
    """The whole city, fitted again whenever the panel changes size (grid, wall display)."""

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.home()


class CityParts:
    """The district map of the dashboard (mixed into `Dashboard`)."""

    runner: Runner
    filter_requested: Any
    city_store: CaseStore | None
    wall_mode: bool
    wall_stack: QStackedLayout
    city_source: CityGeoSource | None
    district_counts: DistrictCounts | None

    def _build_city(self, city: CityApi | None) -> dict[str, Panel]:
        self.city_source = None
        self.district_counts = None
        if city is None:
            return {}
        self.city_source = CityGeoSource(city, self.runner)
        self.district_scene = CityScene()
        self.district_view = DistrictMapView(self.district_scene)
        self.district_view.setObjectName("DistrictMap")
        self.district_view.district_clicked.connect(self._district_clicked)
        self.district_view.post_clicked.connect(self._post_clicked)
        self.district_panel = Panel(_t("Open posts by district"), self.district_view)
        self._geo_asked = False
        if self.city_store is not None:
            self.city_store.silent_created.connect(self._silent_on_wall)
        return {"districts": self.district_panel}

    def _refresh_city(self) -> None:
        source = self.city_source
        if source is None:
            return
        if not self._geo_asked:
            self._geo_asked = True
            source.when_loaded(self._city_geo)
        self._show_open_posts()
        self.runner.run(source.api.open_counts, self._counts_arrived, self._counts_failed)

    def _show_open_posts(self) -> None:
        store = self.city_store
        if store is None:
            return
        posts = [p for p in store.posts() if p.is_open and p.location is not None]
        self.district_scene.set_nearby(posts)

    def _silent_on_wall(self, *_args: Any) -> None:
        self._show_open_posts()
        if self.wall_mode:
            self.wall_stack.setCurrentWidget(self.district_panel)

    def _city_geo(self, geo: CityGeo) -> None:
        self.district_scene.set_city(geo.districts, geo.basemap)
        self.district_view.home()
        if self.district_counts is not None:
            self._counts_arrived(self.district_counts)

    def _counts_arrived(self, counts: DistrictCounts) -> None:
        self.district_counts = counts
        heat = {d.unit_id: d.open for d in counts.items}
        self.district_scene.set_heat(heat)
        located = sum(heat.values())
        silent = sum(d.silent_open for d in counts.items)
        self.district_panel.note.setText(
            _t("{n} open posts located, {s} of them silent reports; {u} without a location").format(
                n=located, s=silent, u=counts.unlocated_open
            )
        )

    def _counts_failed(self, _exc: Exception) -> None:
        self.district_panel.note.setText(_t("Open posts per district could not be loaded."))

    def _district_clicked(self, unit_id: int) -> None:
        self.filter_requested.emit({"status": OPEN, "district": unit_id})

    def _post_clicked(self, post_id: int) -> None:
        self.filter_requested.emit({"post_id": post_id})
