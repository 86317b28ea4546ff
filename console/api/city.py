"""The platform's "seeing the city" answers, typed: districts and base map (GeoJSON),
open posts per district, nearby posts, likely duplicates, triage suggestions.

`CityApi` wraps a blocking ``get_json(path, params)`` (`PlatformClient.get_json`); call it
on a worker (console.tasks), never on the GUI thread. Field names are the platform's
(platform_server/geo/schemas.py); tests/contract compares them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from console.api.models import FromJson, PostSummary

GetJson = Callable[[str, dict[str, Any] | None], Any]
GeoJson = dict[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class NearbyPost(PostSummary):
    distance_m: float = 0.0


@dataclass(frozen=True, kw_only=True, slots=True)
class Nearby(FromJson):
    radius_m: float
    items: tuple[NearbyPost, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class DistrictCount(FromJson):
    unit_id: int
    open: int
    silent_open: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class DistrictCounts(FromJson):
    items: tuple[DistrictCount, ...] = ()
    unlocated_open: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class Similar(FromJson):
    """A likely duplicate, with the platform's reason (a sentence for people)."""

    id: int
    score: float
    reason: str
    reason_code: Literal["same_author", "similar_text"]
    post: PostSummary


@dataclass(frozen=True, kw_only=True, slots=True)
class Suggestion(FromJson):
    """What the platform's history suggests; the console shows it, never applies it."""

    board: str
    unit_id: int | None
    priority: int
    confidence: float
    unit_confidence: float
    trained_at: datetime
    trained_on: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Hotspot(FromJson):
    """A spike of similar posts (预警研判) in one station's district, on one board."""

    id: int
    board: str
    unit_id: int
    terms: tuple[str, ...] = ()
    post_ids: tuple[int, ...] = ()
    window_minutes: int = 60
    count: int = 0
    baseline: float = 0.0
    detected_at: datetime | None = None
    last_post_at: datetime | None = None
    active: bool = True


@dataclass(frozen=True, kw_only=True, slots=True)
class Hotspots(FromJson):
    items: tuple[Hotspot, ...] = ()


@dataclass(frozen=True)
class CityGeo:
    """The city's geography from the platform: station districts and the base map."""

    districts: GeoJson
    basemap: GeoJson


class CityApi:
    """Blocking calls (run them on a worker)."""

    def __init__(self, get_json: GetJson) -> None:
        self._get = get_json

    def geo(self) -> CityGeo:
        return CityGeo(self._get("/geo/districts", None), self._get("/geo/basemap", None))

    def open_counts(self) -> DistrictCounts:
        return DistrictCounts.from_json(self._get("/geo/open-counts", None))

    def nearby(self, post_id: int, radius_m: float = 1000.0) -> Nearby:
        return Nearby.from_json(self._get(f"/posts/{post_id}/nearby", {"radius_m": radius_m}))

    def similar(self, post_id: int) -> list[Similar]:
        return [Similar.from_json(d) for d in self._get(f"/posts/{post_id}/similar", None)]

    def hotspots(self, active: bool = True) -> list[Hotspot]:
        """The hotspots in the officer's area, newest first."""
        data = self._get("/hotspots", {"active": "true" if active else "false"})
        return list(Hotspots.from_json(data).items)

    def suggestion(self, post_id: int) -> Suggestion | None:
        """None while the platform has too little history to suggest anything (204)."""
        data = self._get(f"/posts/{post_id}/suggestion", None)
        return None if data is None else Suggestion.from_json(data)
