"""Writes the demo city's offline geography: platform_server/demo/linjiang.geojson.

临江市 is fictional. Its map is generated, not drawn: the station districts are the
Voronoi cells of the police stations (console and seeder agree on them because both read
this one file), clipped to the city boundary; the river 临江 crosses the city from west
to east with the high-tech zone south of it; main roads join the districts and cross the
river on 临江大桥. Run it again after changing a station; the output is deterministic.

    .venv/bin/python scripts/make_city_geo.py
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from shapely import transform, voronoi_polygons
from shapely.geometry import LineString, MultiPoint, Point, Polygon, mapping

from platform_server.demo.text import STATIONS

OUT = Path(__file__).resolve().parents[1] / "platform_server" / "demo" / "linjiang.geojson"
LAT0 = 30.60  # local projection origin (metres east/north of it)
LON0 = 114.30
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))

# (lat, lon) corners of the city limits, clockwise from the north-west.
BOUNDARY = [
    (30.676, 114.214), (30.684, 114.262), (30.679, 114.318), (30.667, 114.388),
    (30.628, 114.414), (30.571, 114.421), (30.526, 114.396), (30.513, 114.341),
    (30.522, 114.279), (30.552, 114.226), (30.601, 114.205), (30.648, 114.203),
]  # fmt: skip
RIVER = [
    (30.566, 114.180), (30.574, 114.250), (30.578, 114.290), (30.588, 114.325),
    (30.584, 114.350), (30.570, 114.385), (30.556, 114.440),
]  # fmt: skip
RIVER_WIDTH_M = 320.0
# name, kind (arterial | street), waypoints
ROADS: list[tuple[str, str, list[tuple[float, float]]]] = [
    ("解放路", "arterial", [(30.613, 114.210), (30.612, 114.262), (30.612, 114.305),
                           (30.616, 114.352), (30.620, 114.410)]),
    ("中山路", "arterial", [(30.680, 114.300), (30.640, 114.302), (30.612, 114.305),
                           (30.590, 114.307)]),
    ("滨江大道", "arterial", [(30.580, 114.250), (30.584, 114.290), (30.594, 114.325),
                            (30.590, 114.352), (30.578, 114.385)]),
    ("临江大桥", "bridge", [(30.596, 114.331), (30.585, 114.333), (30.566, 114.336)]),
    ("东环路", "arterial", [(30.670, 114.360), (30.627, 114.365), (30.600, 114.368)]),
    ("人民路", "street", [(30.640, 114.262), (30.605, 114.262), (30.582, 114.266)]),
    ("花园路", "street", [(30.660, 114.230), (30.631, 114.248), (30.612, 114.262)]),
    ("迎宾大道", "arterial", [(30.582, 114.276), (30.560, 114.240), (30.540, 114.232)]),
    ("科技大道", "arterial", [(30.566, 114.336), (30.553, 114.372), (30.546, 114.410)]),
    ("经开大道", "arterial", [(30.566, 114.336), (30.541, 114.318), (30.526, 114.290)]),
]  # fmt: skip


def to_m(lonlat: np.ndarray) -> np.ndarray:
    """(lon, lat) rows → metres east and north of the origin."""
    return np.column_stack(
        ((lonlat[:, 0] - LON0) * M_PER_DEG_LON, (lonlat[:, 1] - LAT0) * M_PER_DEG_LAT)
    )


def to_deg(xy: np.ndarray) -> np.ndarray:
    return np.round(
        np.column_stack((LON0 + xy[:, 0] / M_PER_DEG_LON, LAT0 + xy[:, 1] / M_PER_DEG_LAT)), 6
    )


def lonlat(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(lon, lat) for lat, lon in points]


def feature(geom: object, **props: object) -> dict[str, object]:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def build() -> dict[str, object]:
    city_m = transform(Polygon(lonlat(BOUNDARY)), to_m)
    codes = sorted(STATIONS)
    centres = {c: transform(Point(STATIONS[c][2][1], STATIONS[c][2][0]), to_m) for c in codes}
    cells = voronoi_polygons(MultiPoint([centres[c] for c in codes]), extend_to=city_m.buffer(5000))
    features = []
    for cell in cells.geoms:
        code = next(c for c in codes if cell.contains(centres[c]))
        name, district, _centre, _streets = STATIONS[code]
        area = transform(cell.intersection(city_m), to_deg)
        features.append(
            feature(area, layer="district", unit_code=code, name=name, area_name=district)
        )
    features.sort(key=lambda f: str(f["properties"]["unit_code"]))  # type: ignore[index]
    river_m = transform(LineString(lonlat(RIVER)), to_m)
    water = river_m.buffer(RIVER_WIDTH_M / 2, quad_segs=4).intersection(city_m.buffer(1500))
    features.append(feature(transform(water.simplify(20), to_deg), layer="river", name="临江"))
    for name, kind, points in ROADS:
        features.append(feature(LineString(lonlat(points)), layer="road", name=name, kind=kind))
    for code in codes:
        name, _district, (lat, lon), _streets = STATIONS[code]
        features.append(feature(Point(lon, lat), layer="station", unit_code=code, name=name))
    limits = LineString(city_m.exterior.coords)
    features.append(feature(transform(limits, to_deg), layer="boundary", name="临江市"))
    return {"type": "FeatureCollection", "name": "临江市（虚构）", "features": features}


def main() -> None:
    data = build()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text) // 1024} KiB, {len(data['features'])} features)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
