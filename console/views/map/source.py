"""The city's geography for the maps of one session, fetched once on a worker."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from console.api.city import CityApi, CityGeo
from console.tasks import Runner

log = logging.getLogger(__name__)


class CityGeoSource(QObject):
    """Fetches `/geo/districts` and `/geo/basemap` once; hands them to every map.

    Signals:
        loaded(object): the `CityGeo` arrived.
        failed(str): it could not be fetched (the maps still show posts, on a plain ground).
    """

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, api: CityApi, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self._runner = runner
        self.geo: CityGeo | None = None
        self._asked = False

    def when_loaded(self, callback: Callable[[CityGeo], None]) -> None:
        """Call `callback(geo)` now if the geography is here, else once it arrives."""
        if self.geo is not None:
            callback(self.geo)
            return
        self.loaded.connect(callback)
        self.fetch()

    def fetch(self) -> None:
        if self._asked:
            return
        self._asked = True
        self._runner.run(self.api.geo, self._arrived, self._failed)

    def _arrived(self, geo: CityGeo) -> None:
        self.geo = geo
        self.loaded.emit(geo)

    def _failed(self, exc: Exception) -> None:
        self._asked = False  # the next map to ask tries again
        message = getattr(exc, "user_message", None)
        self.failed.emit(message() if callable(message) else str(exc))
