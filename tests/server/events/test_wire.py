"""Every event the platform writes, as the stream sends it, is its type's model exactly.

One of each type is caused through the API (officers, citizens, escalation, the duty
toggle); then every stored payload must parse with `extra="forbid"` and name its cause.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from platform_server.demo.wave import stage_wave
from platform_server.events.dispatch_watch import DispatchWatch
from platform_server.events.hotspot_watch import HotspotWatch
from platform_server.events.types import EVENT_MODELS
from platform_server.storage.models import utcnow
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key, silent_report
from tests.helpers.posts import ids, parse_time
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration

CMD_LEADER = "010901"  # leader of the command centre


def _the_handling_loop(p: RunningPlatform) -> None:
    """Dispatch, sign, return, assign, overdue, extension, urge, supervise: one of each."""
    officer, leader = p.officer("010001"), p.officer(CMD_LEADER)
    station = dbutil.unit_id(p, "st-chengguan")
    station_officer = p.officer(dbutil.badge_in_unit(p, "st-chengguan"))
    dispatch = {"unit_id": station, "reason": "属地管辖，请签收办理"}
    signed, returned, late = citizen_post(p), citizen_post(p), citizen_post(p)
    for pid in (signed, returned, late):
        assert officer.act(pid, "transfer", dispatch).status_code == 200
    assert station_officer.act(signed, "sign").status_code == 200
    r = station_officer.act(returned, "return", {"reason_code": "other", "reason": "不属本所"})
    assert r.status_code == 200, r.text
    me = officer.get("/me").json()
    r = leader.act(returned, "assign", {"officer_id": me["id"]})
    assert r.status_code == 200, r.text
    # Nobody signs for `late`: a check past its sign deadline announces it.
    DispatchWatch(p.ctx.db, p.ctx.settings, p.ctx.hub.notify).run_once(
        utcnow() + timedelta(hours=1)
    )
    deadline = officer.get(f"/posts/{signed}").json()["deadline_at"]
    until = (datetime.fromisoformat(deadline.replace("Z", "")) + timedelta(days=2)).isoformat()
    r = station_officer.act(signed, "extension", {"until": until + "Z", "reason": "需现场勘查"})
    assert r.status_code == 200, r.text
    chief = p.officer(dbutil.badge_in_unit(p, "st-chengguan", "leader"))
    (waiting,) = [e for e in chief.get("/extensions").json() if e["post_id"] == signed]
    r = chief.post(f"/extensions/{waiting['id']}/decide", {"approve": True, "comment": "同意"})
    assert r.status_code == 200, r.text
    assert chief.act(signed, "urge", {"message": "请今日内答复"}).status_code == 200
    due = (utcnow() + timedelta(days=3)).isoformat(timespec="milliseconds") + "Z"
    r = chief.act(signed, "supervise", {"due_at": due, "instruction": "书面报告"})
    assert r.status_code == 200, r.text


def test_one_of_every_event_type_parses_with_its_model(fresh_platform: RunningPlatform) -> None:
    p = fresh_platform
    officer = p.officer("010001", workstation="指挥台-1")
    citizen = p.citizen()
    post = citizen_post(citizen)
    key = new_key()
    assert officer.act(post, "accept", headers={"Idempotency-Key": key}).status_code == 200
    assert officer.post(f"/posts/{post}/replies", {"body": "已安排民警"}).status_code == 201
    assert officer.post(f"/posts/{post}/notes", {"body": "内部备注"}).status_code == 201
    assert officer.post(f"/posts/{post}/messages", {"body": "请问几点？"}).status_code == 201
    assert citizen.post(f"/public/posts/{post}/messages", {"body": "八点"}).status_code == 201
    assert officer.act(post, "close", {"resolution": "已处理"}).status_code == 200
    for cb in officer.get("/callbacks").json():
        r = officer.post(f"/callbacks/{cb['id']}/attempts", {"outcome": "satisfied", "note": ""})
        assert r.status_code == 201
    unit = officer.get("/me").json()["unit_id"]
    notice = {"title": "提醒", "body": "谨防诈骗", "category": "reminder", "unit_id": unit}
    assert officer.post("/notices", notice).status_code == 201
    r = citizen.post(f"/public/posts/{post}/rating", {"score": 5, "comment": "谢谢"})
    assert r.status_code == 201, r.text
    _dispatch_and_city_events(p, officer, citizen)
    acked = silent_report(p)
    assert officer.act(acked, "acknowledge").status_code == 200
    ignored = silent_report(p)
    assert officer.put("/me/duty", {"on_duty": False}).status_code == 200
    wait_until(
        lambda: dbutil.scalar(p, "SELECT escalated_at FROM posts WHERE id = ?", ignored),
        timeout=10,
        what="the ignored report escalated",
    )

    _the_handling_loop(p)
    master = citizen_post(citizen, "楼下烧烤摊半夜太吵", board="public-order")
    dup = citizen_post(citizen, "烧烤摊半夜扰民", board="public-order")
    assert officer.act(dup, "merge", {"into": master}).status_code == 200
    stage_wave(p.url, station="st-xiguan", posts=7, minutes=0, seed=1)
    assert HotspotWatch(p.ctx.db, p.ctx.settings, p.ctx.hub.notify).run_once() >= 1

    rows = dbutil.rows(p, "SELECT type, payload FROM events ORDER BY seq")
    assert {t for t, _ in rows} == set(EVENT_MODELS)
    for etype, payload in rows:
        event = EVENT_MODELS[etype].model_validate_json(payload)
        data = json.loads(payload)
        assert set(data) == set(type(event).model_fields), etype
    by_type = {t: json.loads(body) for t, body in rows}
    me = {"id": by_type["officer.updated"]["id"], "badge": "010001", "name": "张伟"}
    accepted = next(
        json.loads(body)
        for t, body in rows
        if t == "post.updated" and json.loads(body)["action"] == "accept"
    )
    # The officer's own action comes back naming them and their request's key.
    assert accepted["actor"] == me and accepted["idempotency_key"] == key
    assert by_type["post.replied"]["actor"] == me
    # Citizens and the platform itself are nobody in particular.
    assert by_type["post.created"]["actor"] is None
    assert by_type["post.rated"]["actor"] is None
    assert by_type["silent.escalated"]["actor"] is None
    assert by_type["silent.escalated"]["idempotency_key"] is None
    assert by_type["officer.updated"]["actor"] == me


def _z(dt: datetime) -> str:
    return dt.isoformat(timespec="milliseconds") + "Z"


def _dispatch_and_city_events(p: RunningPlatform, officer: Api, citizen: Api) -> None:
    """One of each: merge, assign, extension asked and decided, urge, supervise, dispatch,
    the overdue notice, sign and return (issues 12 and 14)."""
    leader = p.officer("010901")  # 赵国庆, leader of the command centre
    master, dup = citizen_post(citizen), citizen_post(citizen)
    r = officer.act(dup, "merge", {"into": master}, headers={"Idempotency-Key": new_key()})
    assert r.status_code == 200, r.text
    (mate, *_), *_ = dbutil.rows(
        p,
        "SELECT o.id FROM officers o JOIN units u ON u.id = o.unit_id WHERE u.code = 'cmd'"
        " AND o.role = 'officer' AND o.on_duty AND o.badge <> '010001' ORDER BY o.badge",
    )
    r = officer.act(master, "assign", {"officer_id": mate})
    assert r.status_code == 200, r.text
    watched = citizen_post(citizen)
    deadline = parse_time(officer.get(f"/posts/{watched}").json()["deadline_at"])
    ask = {"until": _z(deadline + timedelta(hours=48)), "reason": "需协调住建部门现场勘查"}
    assert officer.act(watched, "extension", ask).status_code == 200
    (ext,) = [e["id"] for e in leader.get("/extensions").json() if e["post_id"] == watched]
    r = leader.post(f"/extensions/{ext}/decide", {"approve": True, "comment": "同意"})
    assert r.status_code == 200, r.text
    assert leader.act(watched, "urge", {"message": "请今日内答复"}).status_code == 200
    order = {"due_at": _z(utcnow() + timedelta(days=1)), "instruction": "书面报告"}
    assert leader.act(watched, "supervise", order).status_code == 200
    station = ids(p)["unit"]["st-chengguan"]
    signed, returned = citizen_post(citizen), citizen_post(citizen)
    for pid in (signed, returned):
        body = {"unit_id": station, "reason": "属地管辖，请签收办理"}
        assert officer.act(pid, "transfer", body).status_code == 200
    DispatchWatch(p.ctx.db, p.ctx.settings, p.ctx.hub.notify).run_once(
        utcnow() + timedelta(hours=1)
    )
    lead = p.officer("020020")  # 徐俊杰, 城关派出所
    assert lead.act(signed, "sign").status_code == 200
    why = {"reason_code": "insufficient_information", "reason": "缺少地址"}
    r = lead.act(returned, "return", why)
    assert r.status_code == 200, r.text


def test_openapi_documents_every_event_model(platform: RunningPlatform) -> None:
    spec = platform.api().session.get(platform.url + "/openapi.json", timeout=10).json()
    kinds = spec["paths"]["/api/v1/events"]["get"]["x-event-types"]
    assert set(kinds) == set(EVENT_MODELS)
    for name, ref in kinds.items():
        model = EVENT_MODELS[name].__name__
        assert ref == {"$ref": f"#/components/schemas/{model}"}
        schema = spec["components"]["schemas"][model]
        assert schema["additionalProperties"] is False
        assert {"actor", "idempotency_key"} <= set(schema["properties"])
