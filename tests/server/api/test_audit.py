"""The audit log: who may read it, filters, keyset paging, leader scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from platform_server.demo.reference_data import DEMO_PASSWORD
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration


def test_leader_reads_the_log_officer_and_citizen_do_not(platform: RunningPlatform) -> None:
    platform.officer("010001", workstation="坐席-7")
    leader = platform.officer("010900")
    page = leader.get("/audit").json()
    logins = [e for e in page["items"] if e["action"] == "login" and e["badge"] == "010001"]
    assert logins and logins[0]["workstation"] == "坐席-7"
    assert logins[0]["at"].endswith("Z")

    r = platform.officer("010002").get("/audit")
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"
    assert platform.citizen().get("/audit").status_code == 401


def test_filters_and_keyset_paging(platform: RunningPlatform) -> None:
    for _ in range(3):
        platform.officer("010003")
    admin = platform.officer("010999")
    r = admin.get("/audit", params={"officer": "010003", "action": "login", "limit": 2})
    first = r.json()
    assert [e["badge"] for e in first["items"]] == ["010003", "010003"]
    assert first["next_cursor"]
    second = admin.get(
        "/audit",
        params={"officer": "010003", "action": "login", "limit": 2, "cursor": first["next_cursor"]},
    ).json()
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids == sorted(ids, reverse=True), "newest first"
    assert second["next_cursor"] is None

    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert admin.get("/audit", params={"since": future}).json()["items"] == []
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    assert admin.get("/audit", params={"until": past}).json()["items"] == []
    assert admin.get("/audit", params={"cursor": "abc"}).status_code == 422
    assert admin.get("/audit", params={"limit": 100000}).status_code == 422


def test_leader_sees_only_their_subtree(platform: RunningPlatform) -> None:
    station_leader_badge = dbutil.badge_in_unit(platform, "st-chengguan", role="leader")
    station_officer = dbutil.badge_in_unit(platform, "st-chengguan")
    platform.officer(station_officer)
    platform.officer("010001")
    # A failed login with an unknown badge has no officer: admins only.
    platform.api().post("/auth/login", {"badge": "555555", "password": DEMO_PASSWORD})
    seen = {
        e["badge"]
        for e in platform.officer(station_leader_badge)
        .get("/audit", params={"limit": 500})
        .json()["items"]
    }
    assert station_officer in seen
    assert "010001" not in seen
    assert "555555" not in seen
    admin_seen = {
        e["badge"]
        for e in platform.officer("010999").get("/audit", params={"limit": 500}).json()["items"]
    }
    assert {"555555", "010001", station_officer} <= admin_seen
