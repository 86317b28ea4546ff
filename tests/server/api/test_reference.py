"""Reference data routes, server meta and the on-duty toggle, against a real server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from platform_server.demo.reference_data import BOARDS, OFFICERS, TEMPLATES, UNITS
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import error

# Only reads, or requests the platform refuses: the run's shared seeded platform serves.
pytestmark = pytest.mark.integration


def test_reference_routes_need_a_token(seeded_platform: RunningPlatform) -> None:
    anon = seeded_platform.api()
    for path in ("/boards", "/units", "/officers", "/templates"):
        r = anon.get(path)
        assert r.status_code == 401, path
        assert error(r)["code"] == "unauthenticated"
    assert anon.put("/me/duty", {"on_duty": True}).status_code == 401


def test_boards_in_display_order_with_deadlines(seeded_platform: RunningPlatform) -> None:
    boards = seeded_platform.officer().get("/boards").json()
    assert [b["code"] for b in boards] == [b[0] for b in BOARDS]
    silent = boards[0]
    assert silent == {
        "id": silent["id"],
        "code": "silent",
        "name": "V报警",
        "deadline_minutes": 30,
        "deadline_working_days": None,
        "restricted": True,
    }
    assert {b["code"] for b in boards if b["restricted"]} == {"silent", "tips", "complaint"}
    working = {b["code"]: b["deadline_working_days"] for b in boards if b["deadline_working_days"]}
    assert working == {"complaint": 3, "advice": 5}


def test_units_form_a_tree(seeded_platform: RunningPlatform) -> None:
    units = seeded_platform.officer().get("/units").json()
    assert len(units) == len(UNITS)
    by_code = {u["code"]: u for u in units}
    assert by_code["st-chengguan"]["parent_id"] == by_code["br-east"]["id"]
    assert by_code["bureau"]["parent_id"] is None
    assert by_code["gov-heat"]["kind"] == "municipal"
    assert set(by_code["cmd"]) == {"id", "code", "name", "kind", "parent_id"}


def test_officers_with_on_duty_state_and_filters(seeded_platform: RunningPlatform) -> None:
    api = seeded_platform.officer()
    officers = api.get("/officers").json()
    assert len(officers) == len(OFFICERS)
    li = next(o for o in officers if o["badge"] == "010002")
    assert li["name"] == "李静" and li["role"] == "officer" and li["on_duty"] is True
    assert "password_hash" not in li and "phone" not in li
    cmd = li["unit_id"]
    in_cmd = api.get("/officers", params={"unit": cmd}).json()
    assert {o["badge"] for o in in_cmd} == {"010001", "010002", "010003", "010004", "010901"}
    on_duty = api.get("/officers", params={"unit": cmd, "on_duty": "false"}).json()
    assert [o["badge"] for o in on_duty] == ["010004"]


def test_templates(seeded_platform: RunningPlatform) -> None:
    templates = seeded_platform.officer().get("/templates").json()
    assert [t["title"] for t in templates] == [t[0] for t in TEMPLATES]
    hukou = next(t for t in templates if t["title"] == "户口迁移材料")
    assert hukou["board_code"] == "hukou" and hukou["shortcut"] == "/hk"


def test_meta_needs_no_login(seeded_platform: RunningPlatform) -> None:
    r = seeded_platform.api().get("/meta")
    assert r.status_code == 200
    meta = r.json()
    assert meta["demo"] is False
    assert meta["escalation_seconds"] == 2.0
    assert meta["max_body_chars"] == 5000 and meta["max_title_chars"] == 100
    assert meta["max_attachment_bytes"] == 8 * 1024 * 1024
    server_time = datetime.fromisoformat(meta["server_time"].replace("Z", "+00:00"))
    assert abs(server_time - datetime.now(UTC)) < timedelta(seconds=5)


def test_duty_toggle_is_seen_by_everyone_and_audited(fresh_platform: RunningPlatform) -> None:
    api = fresh_platform.officer("010004", workstation="指挥台-4")  # off duty in the seed
    r = api.put("/me/duty", {"on_duty": True})
    assert r.status_code == 200
    me = r.json()
    assert me["badge"] == "010004" and me["on_duty"] is True
    others = fresh_platform.officer("010001").get("/officers").json()
    assert next(o for o in others if o["badge"] == "010004")["on_duty"] is True
    ((etype, audience, payload),) = dbutil.rows(
        fresh_platform, "SELECT type, audience, payload FROM events WHERE type = 'officer.updated'"
    )
    assert (etype, audience) == ("officer.updated", "all")
    # The officer's record, and who caused the change.
    actor = {"id": me["id"], "badge": "010004", "name": me["name"]}
    assert json.loads(payload) == {**me, "actor": actor, "idempotency_key": None}
    audit = dbutil.rows(
        fresh_platform,
        "SELECT action, badge, workstation, target_id FROM audit WHERE action LIKE 'duty.%'",
    )
    assert audit == [("duty.on", "010004", "指挥台-4", me["id"])]
    # Setting the same state again is a no-op: no event, no audit line.
    assert api.put("/me/duty", {"on_duty": True}).status_code == 200
    assert (
        dbutil.scalar(fresh_platform, "SELECT count(*) FROM events WHERE type = 'officer.updated'")
        == 1
    )
    assert api.put("/me/duty", {"on_duty": False}).json()["on_duty"] is False
    assert (
        dbutil.scalar(fresh_platform, "SELECT count(*) FROM events WHERE type = 'officer.updated'")
        == 2
    )
    r = api.put("/me/duty", {"on_duty": "maybe"})
    assert r.status_code == 422


def test_reference_routes_are_documented(seeded_platform: RunningPlatform) -> None:
    spec = (
        seeded_platform.api().session.get(seeded_platform.url + "/openapi.json", timeout=10).json()
    )
    for path, method in (
        ("/api/v1/boards", "get"),
        ("/api/v1/units", "get"),
        ("/api/v1/officers", "get"),
        ("/api/v1/templates", "get"),
        ("/api/v1/meta", "get"),
        ("/api/v1/me/duty", "put"),
    ):
        op = spec["paths"][path][method]
        assert op["summary"]
        assert "schema" in op["responses"]["200"]["content"]["application/json"]
