"""Station districts on the platform: the districts and base map, a located post's
station (`suggested_unit_id`), open posts per district, nearby posts, newer locations."""

from __future__ import annotations

import json

import pytest

from platform_server.demo.text import STATIONS
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key, silent_report

pytestmark = pytest.mark.integration

HEBIN = STATIONS["st-hebin"][2]  # (lat, lon) of 河滨派出所, inside its own district
GAOXIN = STATIONS["st-gaoxin"][2]


def at(point: tuple[float, float], north_m: float = 0.0, accuracy: float = 15) -> dict:
    lat, lon = point
    return {"lat": lat + north_m / 111_320, "lon": lon, "accuracy_m": accuracy}


def test_districts_are_geojson_with_the_station_unit_ids(platform: RunningPlatform) -> None:
    officer = platform.officer()
    r = officer.get("/geo/districts")
    assert r.status_code == 200
    data = r.json()
    assert data["type"] == "FeatureCollection"
    by_code = {f["properties"]["unit_code"]: f for f in data["features"]}
    assert set(by_code) == set(STATIONS)
    for code, f in by_code.items():
        assert f["properties"]["unit_id"] == dbutil.unit_id(platform, code)
        assert f["geometry"]["type"] == "Polygon"
    assert platform.api().get("/geo/districts").status_code == 401


def test_basemap_has_river_roads_and_stations(platform: RunningPlatform) -> None:
    layers = [
        f["properties"]["layer"] for f in platform.officer().get("/geo/basemap").json()["features"]
    ]
    assert {"river", "road", "station", "boundary"} <= set(layers)
    assert layers.count("station") == len(STATIONS)


def test_a_located_silent_report_carries_the_station_of_its_district(
    platform: RunningPlatform,
) -> None:
    officer = platform.officer()
    inside = silent_report(platform, location=at(HEBIN, north_m=200))
    outside = silent_report(platform, location={"lat": 31.2, "lon": 121.5, "accuracy_m": 20})
    post = officer.get(f"/posts/{inside}").json()
    assert post["suggested_unit_id"] == dbutil.unit_id(platform, "st-hebin")
    assert post["unit_id"] == dbutil.unit_id(platform, "cmd")  # routing is unchanged
    assert officer.get(f"/posts/{outside}").json()["suggested_unit_id"] is None
    row = officer.get("/posts", params={"kind": "silent_report", "limit": 5}).json()["items"]
    assert {p["id"]: p["suggested_unit_id"] for p in row}[inside] == post["suggested_unit_id"]


def test_nearby_lists_open_readable_posts_within_the_radius_nearest_first(
    fresh_platform: RunningPlatform,
) -> None:
    p = fresh_platform
    officer = p.officer()
    centre = citizen_post(p, "河边有人打架", location=at(HEBIN))
    near = citizen_post(p, "河边吵闹", location=at(HEBIN, north_m=300))
    nearer = citizen_post(p, "桥下有人喊救命", location=at(HEBIN, north_m=-120))
    far = citizen_post(p, "高新区停车", location=at(GAOXIN))
    closed = citizen_post(p, "已经解决的事", location=at(HEBIN, north_m=50))
    silent = silent_report(p, location=at(HEBIN, north_m=80))
    officer.act(closed, "accept")
    officer.act(closed, "close", {"resolution": "已处理"})

    r = officer.get(f"/posts/{centre}/nearby", params={"radius_m": 500})
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["id"] for i in items] == [silent, nearer, near]
    assert items[1]["distance_m"] == pytest.approx(120, abs=2)
    assert far not in [i["id"] for i in items]

    # A station officer far from the command centre reads no one else's silent report.
    station = p.officer(dbutil.badge_in_unit(p, "st-gaoxin"))
    ids = [i["id"] for i in station.get(f"/posts/{centre}/nearby").json()["items"]]
    assert silent not in ids and near in ids

    unlocated = citizen_post(p, "没有位置的帖子")
    r = officer.get(f"/posts/{unlocated}/nearby")
    assert r.status_code == 422 and "位置" in r.json()["error"]["message"]
    assert officer.get(f"/posts/{centre}/nearby", params={"radius_m": 0}).status_code == 422


def test_open_posts_per_district(fresh_platform: RunningPlatform) -> None:
    p = fresh_platform
    citizen_post(p, "一", location=at(HEBIN))
    citizen_post(p, "二", location=at(HEBIN, north_m=100))
    silent_report(p, location=at(GAOXIN))
    citizen_post(p, "没有位置")
    counts = p.officer().get("/geo/open-counts").json()
    by_unit = {c["unit_id"]: c for c in counts["items"]}
    assert by_unit[dbutil.unit_id(p, "st-hebin")] == {
        "unit_id": dbutil.unit_id(p, "st-hebin"),
        "open": 2,
        "silent_open": 0,
    }
    assert by_unit[dbutil.unit_id(p, "st-gaoxin")]["silent_open"] == 1
    assert counts["unlocated_open"] == 1


def test_a_newer_location_shows_beside_the_first_which_never_changes(
    fresh_platform: RunningPlatform,
) -> None:
    p = fresh_platform
    reporter = p.citizen("匿名", None)
    first = at(HEBIN, accuracy=60)
    post_id = silent_report(reporter, location=first)
    officer = p.officer()
    before = officer.get(f"/posts/{post_id}").json()

    moved = {**at(HEBIN, north_m=400, accuracy=10), "address": "公交车上，往东开"}
    r = reporter.post(
        f"/public/posts/{post_id}/locations", moved, headers={"Idempotency-Key": new_key()}
    )
    assert r.status_code == 201, r.text
    after = officer.get(f"/posts/{post_id}").json()
    assert after["location"] == before["location"]  # the first location stays
    assert [(x["lat"], x["accuracy_m"], x["address"]) for x in after["later_locations"]] == [
        (moved["lat"], 10, "公交车上，往东开")
    ]
    assert after["version"] == before["version"] + 1
    assert after["timeline"][-1]["action"] == "located"
    events = dbutil.rows(p, "SELECT type, payload FROM events WHERE post_id = ?", post_id)
    assert ("post.updated", "locate") in [(t, json.loads(d)["action"]) for t, d in events]

    # Someone else cannot move another person's report (it does not exist for them).
    other = p.citizen("路人", "13900000000")
    r = other.post(f"/public/posts/{post_id}/locations", moved)
    assert r.status_code == 404


def test_a_newer_location_on_a_resolved_post_is_refused(fresh_platform: RunningPlatform) -> None:
    p = fresh_platform
    reporter = p.citizen()
    post_id = citizen_post(reporter, "事情", location=at(HEBIN))
    officer: Api = p.officer()
    officer.act(post_id, "accept")
    officer.act(post_id, "close", {"resolution": "已处理"})
    r = reporter.post(f"/public/posts/{post_id}/locations", at(HEBIN))
    assert r.status_code == 409 and "办结" in r.json()["error"]["message"]


def test_the_queue_filters_by_district_and_by_ids(fresh_platform: RunningPlatform) -> None:
    p = fresh_platform
    officer = p.officer()
    a = citizen_post(p, "一", location=at(HEBIN))
    b = citizen_post(p, "二", location=at(GAOXIN))
    c = citizen_post(p, "三")
    hebin = dbutil.unit_id(p, "st-hebin")
    listed = officer.get("/posts", params={"district": hebin}).json()["items"]
    assert [x["id"] for x in listed] == [a]
    listed = officer.get("/posts", params={"ids": f"{c},{b}"}).json()["items"]
    assert sorted(x["id"] for x in listed) == sorted([b, c])
    r = officer.get("/posts", params={"ids": "1,x"})
    assert r.status_code == 422 and "编号" in r.json()["error"]["message"]
