"""The city's geography: station districts (which station a located post belongs to)
and the offline base map (roads, the river, stations, the city limits).

The geography is one GeoJSON file (`ServerSettings.geo_file`; by default the demo city's,
`platform_server/demo/linjiang.geojson`, written by `scripts/make_city_geo.py`). Each
feature has a `layer` property: `district` (a Polygon, with the `unit_code` of its
station), `station` (a Point, with `unit_code`), `road`, `river`, `boundary`. The file
names units by code; the platform's unit ids are filled in when it is served.

Point in polygon is shapely's (`contains_xy` over all districts at once): GEOS handles the
edge cases (a point on a shared border, holes, multipolygons a real city's districts have)
that a hand-written ray cast gets wrong, and the same library generates the demo city.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.storage.models import Unit

LAYERS = ("district", "station", "road", "river", "boundary")


def demo_geo_file() -> Path:
    """The demo city's geography, shipped with the platform."""
    return Path(str(resources.files("platform_server.demo") / "linjiang.geojson"))


@dataclass(frozen=True)
class CityMap:
    """One city's geography, parsed once.

    Attributes:
        features: every feature as read (GeoJSON dicts).
        codes: the unit code of each district, in the order of `polygons`.
        polygons: the districts as shapely geometries.
    """

    features: tuple[dict[str, Any], ...]
    codes: tuple[str, ...]
    polygons: np.ndarray

    def unit_code_at(self, lat: float, lon: float) -> str | None:
        """The code of the station whose district contains the point, or None (outside)."""
        if not self.codes:
            return None
        inside = shapely.contains_xy(self.polygons, lon, lat)
        hits = np.flatnonzero(inside)
        if hits.size == 0:
            # On a border line contains() is false for both sides: take the nearer district.
            touching = np.flatnonzero(shapely.intersects_xy(self.polygons, lon, lat))
            if touching.size == 0:
                return None
            hits = touching
        return self.codes[int(hits[0])]

    def layer(self, name: str) -> list[dict[str, Any]]:
        return [f for f in self.features if f.get("properties", {}).get("layer") == name]


def parse_city_map(data: dict[str, Any]) -> CityMap:
    """A `CityMap` from a GeoJSON FeatureCollection (ValueError when it is not one)."""
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise ValueError("the geography file is not a GeoJSON FeatureCollection")
    features = tuple(data["features"])
    codes: list[str] = []
    polygons = []
    for f in features:
        props = f.get("properties") or {}
        if props.get("layer") == "district" and props.get("unit_code"):
            geom = shape(f["geometry"])
            shapely.prepare(geom)
            codes.append(str(props["unit_code"]))
            polygons.append(geom)
    return CityMap(features, tuple(codes), np.array(polygons, dtype=object))


@lru_cache(maxsize=4)
def load_city_map(path: str = "") -> CityMap:
    """The geography in `path` ("" = the demo city's), read once per process."""
    file = Path(path) if path else demo_geo_file()
    return parse_city_map(json.loads(file.read_text(encoding="utf-8")))


def unit_ids_by_code(db: Session) -> dict[str, int]:
    return {code: uid for uid, code in db.execute(select(Unit.id, Unit.code)).all()}


def suggest_unit(db: Session, geo_file: str, lat: float | None, lon: float | None) -> int | None:
    """The station whose district contains (lat, lon), as a unit id (None: not located,
    outside every district, or the district's station is not a unit here)."""
    if lat is None or lon is None:
        return None
    code = load_city_map(geo_file).unit_code_at(lat, lon)
    if code is None:
        return None
    return db.scalar(select(Unit.id).where(Unit.code == code))


def _with_unit_ids(features: list[dict[str, Any]], ids: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for f in features:
        props = dict(f.get("properties") or {})
        if "unit_code" in props:
            props["unit_id"] = ids.get(str(props["unit_code"]))
        out.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    return out


def districts_collection(db: Session, geo_file: str) -> dict[str, Any]:
    """`GET /geo/districts`: the station districts, `properties.unit_id` filled in."""
    city = load_city_map(geo_file)
    features = _with_unit_ids(city.layer("district"), unit_ids_by_code(db))
    return {"type": "FeatureCollection", "features": features}


def basemap_collection(db: Session, geo_file: str) -> dict[str, Any]:
    """`GET /geo/basemap`: what a map draws under the districts (river, roads, stations,
    city limits), so a console shows the city with no tile server at all."""
    city = load_city_map(geo_file)
    chosen = [f for name in ("boundary", "river", "road", "station") for f in city.layer(name)]
    return {"type": "FeatureCollection", "features": _with_unit_ids(chosen, unit_ids_by_code(db))}
