"""What the outside probe sent, and what the platform must answer: no 5xx for huge
numbers or broken text, strict types named in Chinese, one-line labels kept one line,
and a connection that survives a 500."""

from __future__ import annotations

import pytest
import requests

from platform_server.demo.reference_data import DEMO_PASSWORD
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key

pytestmark = pytest.mark.integration

PG_HUGE = 2**31  # one past the largest id on PostgreSQL (INTEGER is 32-bit there)
HUGE = 2**63  # one past the largest SQLite integer
HUGER = 2**70


def _chinese_error(r: requests.Response, status: int) -> dict[str, str]:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), err
    return dict(err)


@pytest.mark.parametrize("value", [PG_HUGE, HUGE, HUGER, 0, -(2**63) - 1])
def test_an_id_that_cannot_exist_in_a_path_is_404(platform: RunningPlatform, value: int) -> None:
    officer, citizen = platform.officer(), platform.citizen()
    for api, path in [
        (officer, f"/posts/{value}"),
        (officer, f"/attachments/{value}"),
        (citizen, f"/public/posts/{value}"),
    ]:
        _chinese_error(api.get(path), 404)
    headers = {"If-Match": '"1"', "Idempotency-Key": new_key()}
    _chinese_error(officer.post(f"/posts/{value}/accept", headers=headers), 404)
    _chinese_error(citizen.post(f"/public/posts/{value}/rating", {"score": 5}), 404)


def test_huge_numbers_in_bodies_and_queries_are_422(platform: RunningPlatform) -> None:
    officer = platform.officer()
    leader = platform.officer("010900")
    post_id = citizen_post(platform)
    headers = {"If-Match": '"1"'}
    r = officer.post(
        f"/posts/{post_id}/transfer", {"unit_id": HUGER, "reason": "x"}, headers=headers
    )
    assert "单位" in _chinese_error(r, 422)["message"]
    for api, path, params in [
        (officer, "/posts", {"unit": HUGE}),
        (officer, "/posts", {"assignee": str(HUGER)}),
        (officer, "/officers", {"unit": HUGER}),
        (leader, "/audit", {"officer_id": HUGE}),
        (leader, "/stats/summary", {"unit": HUGE}),
        (officer, "/events", {"after": HUGE}),
    ]:
        _chinese_error(api.get(path, params=params), 422)


def test_a_cursor_with_a_huge_number_is_422(platform: RunningPlatform) -> None:
    import base64
    import json

    raw = {"s": "created_desc", "k": ["2026-01-01T00:00:00", HUGER], "n": "2026-01-01T00:00:00"}
    cursor = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
    r = platform.officer().get("/posts", params={"cursor": cursor})
    assert _chinese_error(r, 422)["code"] == "bad_cursor"


def test_a_lone_surrogate_in_mentions_is_422(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    before = dbutil.counts(platform)
    raw = b'{"board":"110","title":"t","body":"b","mentions":["\\ud83d"]}'
    r = citizen.session.post(
        citizen.url("/public/posts"),
        data=raw,
        headers=citizen.headers({"Content-Type": "application/json", "Idempotency-Key": new_key()}),
        timeout=10,
    )
    assert "@提及" in _chinese_error(r, 422)["message"]
    assert dbutil.counts(platform) == before


STRICT: list[tuple[str, str, str, object, str]] = [
    # (who, path, field, value, the field's Chinese name in the message)
    ("citizen", "/public/posts/1/rating", "score", True, "评分"),
    ("citizen", "/public/posts/1/rating", "score", "5", "评分"),
    ("citizen", "/public/posts/1/rating", "score", 5.0, "评分"),
    ("citizen", "/public/silent-reports", "suppress_receipt", "yes", "不接收回执"),
    ("citizen", "/public/silent-reports", "location", {"lat": "30.5", "lon": 120}, "纬度"),
    ("officer", "/me/duty", "on_duty", 0, "在岗状态"),
    ("officer", "/posts/1/transfer", "unit_id", "5", "单位"),
]


@pytest.mark.parametrize(
    ("who", "path", "field", "value", "name"),
    STRICT,
    ids=[f"{s[2]}={s[3]!r}" for s in STRICT],
)
def test_loose_types_are_refused_naming_the_field(
    platform: RunningPlatform, who: str, path: str, field: str, value: object, name: str
) -> None:
    api = platform.citizen() if who == "citizen" else platform.officer()
    body: dict[str, object] = {
        "/public/posts/1/rating": {"score": 5},
        "/public/silent-reports": {"body": "救命"},
        "/me/duty": {"on_duty": True},
        "/posts/1/transfer": {"unit_id": 1, "reason": "辖区"},
    }[path] | {field: value}
    before = dbutil.counts(platform)
    send = api.put if path == "/me/duty" else api.post
    r = send(path, body, headers={"If-Match": '"1"'})
    err = _chinese_error(r, 422)
    assert name in err["message"], err
    assert dbutil.counts(platform) == before


@pytest.mark.parametrize("workstation", ["ws\r\nforged: line", "ws\x00", "ws\n"])
def test_line_breaks_and_nul_in_the_workstation_are_refused(
    platform: RunningPlatform, workstation: str
) -> None:
    r = platform.api().post(
        "/auth/login", {"badge": "010001", "password": DEMO_PASSWORD, "workstation": workstation}
    )
    assert "工作站" in _chinese_error(r, 422)["message"]


def test_line_breaks_in_a_nickname_are_refused(platform: RunningPlatform) -> None:
    r = platform.api().post("/public/session", {"nickname": "市民\r\n管理员", "phone": None})
    assert "昵称" in _chinese_error(r, 422)["message"]


def test_nul_in_the_reopen_reason_is_refused(platform: RunningPlatform) -> None:
    officer = platform.officer()
    post_id = citizen_post(platform)
    assert officer.act(post_id, "accept").status_code == 200
    assert officer.act(post_id, "close", {"resolution": "已处理"}).status_code == 200
    before = dbutil.counts(platform)
    r = officer.act(post_id, "reopen", {"reason": "群众说\x00没修好"})
    assert "空字符" in _chinese_error(r, 422)["message"]
    assert dbutil.counts(platform) == before
    assert officer.act(post_id, "reopen", {"reason": "群众说\n没修好"}).status_code == 200


@pytest.mark.expected_log(r"platform_server\.api\.errors: unhandled error")
def test_after_a_500_the_next_request_on_the_connection_works(
    fresh_platform: RunningPlatform,
) -> None:
    """Any unexpected error: the answer says `Connection: close`, so a client reusing
    its connection opens a new one instead of failing with a reset."""

    def boom() -> None:
        raise RuntimeError("a bug the probe found")

    fresh_platform.server.app.add_api_route("/api/v1/test-boom", boom, methods=["GET"])
    api: Api = fresh_platform.officer()
    r = api.get("/test-boom")
    assert r.status_code == 500
    assert r.headers.get("Connection", "").lower() == "close"
    assert r.json()["error"]["code"] == "internal"
    for _ in range(3):  # the same requests.Session: its pooled connection was closed
        assert api.get("/me").status_code == 200


def test_a_nul_in_a_query_string_is_422_with_a_sentence(platform: RunningPlatform) -> None:
    officer = platform.officer()
    for path, params in [
        ("/posts", {"board": "v=\x00Q"}),
        ("/posts", {"q": "派出所\x00"}),
        ("/officers", {"q\x00": "x"}),
    ]:
        assert "空字符" in _chinese_error(officer.get(path, params=params), 422)["message"]


def test_a_resume_point_past_the_largest_id_is_422(platform: RunningPlatform) -> None:
    officer = platform.officer()
    for params in [{"after": PG_HUGE}]:
        _chinese_error(officer.get("/events", params=params), 422)
    r = officer.get("/events", headers={"Last-Event-ID": str(PG_HUGE)})
    assert _chinese_error(r, 422)["code"] == "bad_last_event_id"


def test_a_nul_in_any_body_field_is_422_and_stores_nothing(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    before = dbutil.counts(platform)
    r = citizen.post("/public/posts", {"board": "v=\x00Q", "title": "t", "body": "b"})
    assert "空字符" in _chinese_error(r, 422)["message"]
    assert dbutil.counts(platform) == before
