"""Officer-side post routes against a real server: who may read what, the detail view
with its ETag, and the documented contract of every post route."""

from __future__ import annotations

import pytest

from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import (
    citizen_post,
    error,
    ids,
    if_match,
    silent_report,
)

pytestmark = pytest.mark.integration

STATION = "020020"  # 徐俊杰, 城关派出所: outside the command centre's scope


# ---------------------------------------------------------------- auth and reading
def test_every_post_route_needs_a_token(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    anon = platform.api()
    for r in (
        anon.get("/posts"),
        anon.get(f"/posts/{pid}"),
        anon.post(f"/posts/{pid}/accept", headers=if_match(1)),
        anon.post(f"/posts/{pid}/replies", {"body": "您好"}),
        anon.post(f"/posts/{pid}/notes", {"body": "内部"}),
        anon.post(f"/posts/{pid}/close", {"resolution": "好"}, headers=if_match(1)),
        anon.get("/attachments/1"),
    ):
        assert r.status_code == 401, r.text
        assert error(r)["message"] == "请先登录。"


def test_detail_is_complete_with_etag(platform: RunningPlatform) -> None:
    pid = citizen_post(
        platform,
        "东门菜市场电动车被盗",
        "昨晚停在菜市场门口的电动车不见了，车牌号临A12345",
        mentions=["城关派出所"],
        location={"lat": 31.23, "lon": 121.47, "accuracy_m": 15, "address": "东门菜市场"},
    )
    r = platform.officer("010001").get(f"/posts/{pid}")
    assert r.status_code == 200
    assert r.headers["ETag"] == '"1"'
    d = r.json()
    assert d["id"] == pid and d["status"] == "new" and d["version"] == 1
    assert d["body"].startswith("昨晚停在菜市场门口")
    assert d["mentions"] == [
        {"kind": "unit", "id": ids(platform)["unit"]["st-chengguan"], "name": "城关派出所"}
    ]
    assert d["location"]["address"] == "东门菜市场"
    assert d["replies"] == [] and d["attachments"] == [] and d["rating_detail"] is None
    assert [t["action"] for t in d["timeline"]] == ["created"]
    assert d["deadline_at"] is not None


def test_phone_unmasked_only_within_scope(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)  # board 110 → command centre
    inside = platform.officer("010001").get(f"/posts/{pid}").json()
    outside = platform.officer(STATION).get(f"/posts/{pid}").json()
    assert inside["author"]["phone"] == "13812345678"
    assert outside["author"]["phone"] == "*******5678"


def test_if_none_match_answers_304(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    r = api.get(f"/posts/{pid}", headers={"If-None-Match": '"1"'})
    assert r.status_code == 304 and r.headers["ETag"] == '"1"'


def test_missing_post_is_404_in_chinese(platform: RunningPlatform) -> None:
    r = platform.officer().get("/posts/999999")
    assert r.status_code == 404
    assert "没有找到这条帖子" in error(r)["message"]


def test_restricted_posts_are_invisible_outside_their_scope(platform: RunningPlatform) -> None:
    sid = silent_report(platform)  # V报警 → command centre
    complaint = citizen_post(platform, "民警态度恶劣", "办事窗口民警推诿不办", board="complaint")
    station = platform.officer(STATION)
    cmd = platform.officer("010001")
    leader = platform.officer("010900")
    for pid in (sid, complaint):
        r = station.get(f"/posts/{pid}")
        assert r.status_code == 404  # same answer as for a missing post: existence not leaked
        assert error(r)["code"] == "post_not_found"
        assert station.post(f"/posts/{pid}/accept", headers=if_match(1)).status_code == 404
        assert leader.get(f"/posts/{pid}").status_code == 200
    assert cmd.get(f"/posts/{sid}").status_code == 200
    assert cmd.get(f"/posts/{complaint}").status_code == 404  # inspection unit only
    listed = {p["id"] for p in station.get("/posts", params={"limit": 200}).json()["items"]}
    assert sid not in listed and complaint not in listed
    listed = {p["id"] for p in leader.get("/posts", params={"limit": 200}).json()["items"]}
    assert {sid, complaint} <= listed


# ---------------------------------------------------------------- contract
def test_openapi_documents_the_post_routes(platform: RunningPlatform) -> None:
    spec = platform.api().session.get(platform.url + "/openapi.json", timeout=10).json()
    paths = spec["paths"]
    for path, method, model in (
        ("/api/v1/posts", "get", "PostPage"),
        ("/api/v1/posts/{post_id}", "get", "PostDetail"),
        ("/api/v1/posts/{post_id}/accept", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/transfer", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/replies", "post", "ReplyOut"),
        ("/api/v1/posts/{post_id}/notes", "post", "NoteOut"),
        ("/api/v1/posts/{post_id}/close", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/reopen", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/acknowledge", "post", "PostDetail"),
    ):
        op = paths[path][method]
        assert op["summary"], path
        ok = op["responses"]["201" if model in ("ReplyOut", "NoteOut") else "200"]
        assert ok["content"]["application/json"]["schema"]["$ref"].endswith("/" + model), path
        if method == "post":
            # If-Match is optional on replies and notes: no 428 there.
            creates = model in ("ReplyOut", "NoteOut")
            expected = {"409", "412"} if creates else {"409", "412", "428"}
            assert expected <= set(op["responses"]), path
            assert creates != ("428" in op["responses"]), path
    params = {p["name"] for p in paths["/api/v1/posts"]["get"]["parameters"]}
    assert {
        "status",
        "board",
        "unit",
        "assignee",
        "kind",
        "q",
        "overdue",
        "sort",
        "limit",
        "cursor",
    } <= params
    assert "/api/v1/attachments/{attachment_id}" in paths
