"""The citizen API against a real server: posts, silent reports, attachments, ratings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests

from platform_server.domain import sniff
from tests.helpers import dbutil
from tests.helpers.databases import start_platform_on
from tests.helpers.media import png_bytes, wav_bytes
from tests.helpers.platform import Api, RunningPlatform, new_key

pytestmark = pytest.mark.integration


def upload(
    api: Api,
    post_id: int,
    data: bytes,
    name: str = "photo.png",
    declared: str = "image/png",
    **kw: Any,
) -> requests.Response:
    return api.session.post(
        api.url(f"/public/posts/{post_id}/attachments"),
        files={"file": (name, data, declared)},
        headers=api.headers(kw.pop("headers", None)),
        timeout=10,
        **kw,
    )


def new_post(citizen: Api, **fields: Any) -> dict[str, Any]:
    body = {
        "board": "110",
        "title": "家门口的井盖丢了",
        "body": "晚上很危险，请尽快处理。",
        **fields,
    }
    r = citizen.post("/public/posts", body)
    assert r.status_code == 201, r.text
    return dict(r.json())


@pytest.fixture(scope="module")
def small_platform(
    engine: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningPlatform]:
    """Attachments capped at 40 KB and 2 per post, so the limits are cheap to reach."""
    p = start_platform_on(
        engine,
        tmp_path_factory.mktemp("small"),
        max_attachment_bytes=40_000,
        max_attachments_per_post=2,
    )
    yield p
    p.stop()


# ---------------------------------------------------------------- session
def test_session_gives_a_new_identity_each_time(platform: RunningPlatform) -> None:
    api = platform.api()
    a = api.post("/public/session", {"nickname": "老王", "phone": "13900001111"}).json()
    b = api.post("/public/session", {"nickname": "老王", "phone": "13900001111"}).json()
    assert a["citizen_id"] != b["citizen_id"], "a phone number must not hand out an identity"
    assert a["token"] != b["token"]
    r = api.post("/public/session", {"nickname": "老王", "phone": "call me"})
    assert r.status_code == 422
    assert "手机号" in r.json()["error"]["message"]


# ---------------------------------------------------------------- posts
def test_create_post_stores_text_exactly_and_routes_by_board(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    title = "  <b>求助</b> 😀 "
    body = "第一行\n<script>alert(1)</script>\r\n  末尾有空格  "
    out = new_post(
        citizen,
        board="traffic",
        title=title,
        body=body,
        location={"lat": 31.2, "lon": 121.5, "accuracy_m": 15, "address": "人民路1号"},
    )
    assert out["title"] == title and out["body"] == body
    assert out["status"] == "new"
    assert out["unit_name"] == "交警支队"
    assert "author_phone" not in out and "notes" not in out
    row = dbutil.rows(
        platform,
        "SELECT title, body, unit_id, address, created_at, deadline_at, "
        "kind, author_phone FROM posts WHERE id = ?",
        out["id"],
    )[0]
    assert row[0] == title and row[1] == body
    assert row[2] == dbutil.unit_id(platform, "traffic")
    assert row[3] == "人民路1号"
    assert row[6] == "post"
    assert row[7] == "13812345678"
    # deadline = created + the board's 24 h
    since = datetime.fromisoformat(row[5]) - datetime.fromisoformat(row[4])
    assert since == timedelta(hours=24)
    assert dbutil.rows(
        platform, "SELECT action, actor_kind FROM timeline WHERE post_id = ?", out["id"]
    ) == [("created", "citizen")]
    assert (
        dbutil.scalar(
            platform,
            "SELECT count(*) FROM events WHERE type = 'post.created' AND post_id = ?",
            out["id"],
        )
        == 1
    )


def test_mentioned_unit_routes_the_post_and_officers_are_recorded(
    platform: RunningPlatform,
) -> None:
    station_badge = dbutil.badge_in_unit(platform, "st-hebin")
    out = new_post(platform.citizen(), mentions=["@河滨派出所", "st-dongmen", station_badge])
    assert out["unit_name"] == "河滨派出所", "the first mentioned unit handles the post"
    mentions = dbutil.rows(
        platform,
        "SELECT unit_id, officer_id FROM mentions WHERE post_id = ? ORDER BY id",
        out["id"],
    )
    officer_id = dbutil.scalar(platform, "SELECT id FROM officers WHERE badge = ?", station_badge)
    assert mentions == [
        (dbutil.unit_id(platform, "st-hebin"), None),
        (dbutil.unit_id(platform, "st-dongmen"), None),
        (None, officer_id),
    ]


def test_mention_on_a_complaint_does_not_reroute_it(platform: RunningPlatform) -> None:
    out = new_post(
        platform.citizen(),
        board="complaint",
        title="民警态度差",
        body="城关派出所民警态度很差",
        mentions=["城关派出所"],
    )
    assert out["unit_name"] == "督察支队"


def test_unknown_mention_or_board_writes_nothing(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    before = dbutil.counts(platform)
    r = citizen.post(
        "/public/posts", {"board": "110", "title": "t", "body": "b", "mentions": ["不存在的单位"]}
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unknown_mention"
    assert "不存在的单位" in r.json()["error"]["message"]
    r = citizen.post("/public/posts", {"board": "no-such-board", "title": "t", "body": "b"})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unknown_board"
    assert "板块" in r.json()["error"]["message"]
    r = citizen.post("/public/posts", {"board": "silent", "title": "t", "body": "b"})
    assert r.status_code == 422
    assert dbutil.counts(platform) == before


def test_idempotency_key_returns_the_first_post(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    key = new_key()
    body = {"board": "hukou", "title": "户口迁移要带什么", "body": "想把户口迁到孩子家"}
    first = citizen.post("/public/posts", body, headers={"Idempotency-Key": key})
    again = citizen.post("/public/posts", body, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert dbutil.scalar(platform, "SELECT count(*) FROM posts WHERE title = ?", body["title"]) == 1
    other = citizen.post(
        "/public/posts", {**body, "body": "换了内容"}, headers={"Idempotency-Key": key}
    )
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"


def test_public_view_hides_internal_data(platform: RunningPlatform) -> None:
    author, other = platform.citizen(), platform.citizen("路人", "13700000000")
    post = new_post(author)
    officer = platform.officer()
    assert officer.act(post["id"], "accept").status_code == 200
    assert (
        officer.post(f"/posts/{post['id']}/replies", {"body": "已安排民警前往。"}).status_code
        == 201
    )
    assert (
        officer.post(f"/posts/{post['id']}/notes", {"body": "内部：报警人情绪激动"}).status_code
        == 201
    )
    r = other.get(f"/public/posts/{post['id']}")
    assert r.status_code == 200
    text = r.text
    assert "内部" not in text and "13812345678" not in text and "张伟" not in text
    view = r.json()
    assert view["replies"] == [
        {
            "body": "已安排民警前往。",
            "unit_name": "市局指挥中心",
            "created_at": view["replies"][0]["created_at"],
        }
    ]
    assert view["status"] in ("accepted", "in_progress")
    assert other.get("/public/posts/999999").status_code == 404


# ---------------------------------------------------------------- silent reports
def test_silent_report_is_private_and_never_rate_limited(platform: RunningPlatform) -> None:
    author, other = platform.citizen(), platform.citizen("旁人", None)
    ids = []
    for i in range(25):
        r = author.post(
            "/public/silent-reports",
            {
                "body": f"第{i}次：有人尾随我",
                "suppress_receipt": True,
                "location": {"lat": 30.0, "lon": 120.0},
            },
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    assert author.get(f"/public/posts/{ids[0]}").json()["kind"] == "silent_report"
    assert other.get(f"/public/posts/{ids[0]}").status_code == 404
    row = dbutil.rows(
        platform, "SELECT kind, suppress_receipt, lat, unit_id FROM posts WHERE id = ?", ids[0]
    )[0]
    assert row[:3] == ("silent_report", 1, 30.0)
    assert row[3] == dbutil.unit_id(platform, "cmd")


def test_silent_report_event_carries_a_bounded_excerpt(platform: RunningPlatform) -> None:
    body = "救命" * 300
    r = platform.citizen().post("/public/silent-reports", {"body": body})
    assert r.status_code == 201
    payload = json.loads(
        dbutil.scalar(
            platform,
            "SELECT payload FROM events WHERE post_id = ? AND type = 'silent.created'",
            r.json()["id"],
        )
    )
    assert payload["body"] == body[:200]
    assert (
        dbutil.scalar(platform, "SELECT audience FROM events WHERE post_id = ?", r.json()["id"])
        == "scope"
    )


# ---------------------------------------------------------------- attachments
def test_png_round_trip(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    post = new_post(citizen)
    data = png_bytes()
    # Declared type and name are wrong on purpose: the bytes decide.
    r = upload(
        citizen,
        post["id"],
        data,
        name="../../etc/现场照片.jpg",
        declared="application/octet-stream",
    )
    assert r.status_code == 201, r.text
    att = r.json()
    assert att["kind"] == "image" and att["content_type"] == "image/png"
    assert att["filename"] == "现场照片.jpg"
    assert att["size"] == len(data)
    assert att["url"] == f"/api/v1/attachments/{att['id']}"
    stored = dbutil.rows(
        platform, "SELECT data, content_type FROM attachments WHERE id = ?", att["id"]
    )[0]
    assert stored == (data, "image/png")
    assert dbutil.rows(
        platform, "SELECT attachment_count, version FROM posts WHERE id = ?", post["id"]
    ) == [(1, 2)]
    assert (
        dbutil.scalar(
            platform,
            "SELECT count(*) FROM events WHERE type = 'post.updated' AND post_id = ?",
            post["id"],
        )
        == 1
    )
    got = platform.officer().get(f"/attachments/{att['id']}")
    assert got.status_code == 200
    assert got.content == data
    assert got.headers["content-type"] == "image/png"


def test_audio_upload_is_recognised(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    report = citizen.post("/public/silent-reports", {"body": "录音在附件里"}).json()
    r = upload(citizen, report["id"], wav_bytes(), name="voice", declared="image/png")
    assert r.status_code == 201, r.text
    assert (r.json()["kind"], r.json()["content_type"]) == ("audio", "audio/wav")


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        (b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>", "photo.png"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "photo.png"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "funny.png"),
        (b"\x89PNG\r\n\x1a\n" + b"<html>not really a png</html>", "fake.png"),
    ],
)
def test_disguised_files_are_refused(platform: RunningPlatform, payload: bytes, name: str) -> None:
    citizen = platform.citizen()
    post = new_post(citizen)
    before = dbutil.counts(platform)
    r = upload(citizen, post["id"], payload, name=name, declared="image/png")
    assert r.status_code == 415
    assert r.json()["error"]["code"] == "unsupported_type"
    assert "PNG" in r.json()["error"]["message"]
    assert dbutil.counts(platform) == before
    assert dbutil.rows(
        platform, "SELECT attachment_count, version FROM posts WHERE id = ?", post["id"]
    ) == [(0, 1)]


def test_only_the_author_may_attach(platform: RunningPlatform) -> None:
    author, other = platform.citizen(), platform.citizen("别人", None)
    post = new_post(author)
    r = upload(other, post["id"], png_bytes())
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "not_author"
    assert upload(platform.officer(), post["id"], png_bytes()).status_code == 401
    assert upload(author, 999999, png_bytes()).status_code == 404
    r = author.session.post(
        author.url(f"/public/posts/{post['id']}/attachments"),
        data={"file": "just text"},
        headers=author.headers(),
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "not_multipart"
    r = author.session.post(
        author.url(f"/public/posts/{post['id']}/attachments"),
        files={"file": (None, "a text field, not a file")},
        headers=author.headers(),
    )
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "missing_file"


def test_oversize_upload_is_refused_without_writing(small_platform: RunningPlatform) -> None:
    citizen = small_platform.citizen()
    post = new_post(citizen)
    before = dbutil.counts(small_platform)
    big = png_bytes(extra=60_000)
    r = upload(citizen, post["id"], big)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"
    assert "MB" in r.json()["error"]["message"] or "KB" in r.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap must hold while streaming
        boundary = b"xyzBOUNDARY"
        yield (
            b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; '
            b'filename="a.png"\r\nContent-Type: image/png\r\n\r\n' + png_bytes()
        )
        for _ in range(100):
            yield b"\x00" * 10_000
        yield b"\r\n--" + boundary + b"--\r\n"

    r = citizen.session.post(
        citizen.url(f"/public/posts/{post['id']}/attachments"),
        data=chunks(),
        headers=citizen.headers({"Content-Type": "multipart/form-data; boundary=xyzBOUNDARY"}),
        timeout=10,
    )
    assert r.status_code == 413
    assert dbutil.counts(small_platform) == before


def test_attachment_count_is_capped(small_platform: RunningPlatform) -> None:
    citizen = small_platform.citizen()
    post = new_post(citizen)
    assert upload(citizen, post["id"], png_bytes()).status_code == 201
    assert upload(citizen, post["id"], png_bytes(5, 5)).status_code == 201
    r = upload(citizen, post["id"], png_bytes(6, 6))
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "too_many_attachments"


def test_upload_idempotency_key(small_platform: RunningPlatform) -> None:
    citizen = small_platform.citizen()
    post = new_post(citizen)
    key = new_key()
    first = upload(citizen, post["id"], png_bytes(), headers={"Idempotency-Key": key})
    again = upload(citizen, post["id"], png_bytes(), headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert (
        dbutil.scalar(
            small_platform, "SELECT count(*) FROM attachments WHERE post_id = ?", post["id"]
        )
        == 1
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "image/jpeg"),
        (png_bytes()[:64], "image/png"),
        (b"RIFF\x24\x08\x00\x00WAVEfmt ", "audio/wav"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 8, "audio/mpeg"),
        (b"OggS\x00\x02" + b"\x00" * 20, "audio/ogg"),
        (b"#!AMR\n\x3c", "audio/amr"),
        (b"#!AMR-WB\n", "audio/amr-wb"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom", "audio/mp4"),
        (b"\x00\x00\x00\x1cftypmp42\x00\x00\x00\x00mp42M4A ", "audio/mp4"),
        (b"\xff\xf1\x50\x80\x02\x1f\xfc", "audio/aac"),
        (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", None),  # an MP4 video
        (b"%PDF-1.7\n", None),
        (b"PK\x03\x04", None),
        (b"\xff\xff\xff\xff", None),
        (b"", None),
    ],
)
def test_sniff_signatures(head: bytes, expected: str | None) -> None:
    found = sniff.sniff(head)
    assert (found.content_type if found else None) == expected


# ---------------------------------------------------------------- ratings
def test_rating_rules(platform: RunningPlatform) -> None:
    author, other = platform.citizen(), platform.citizen("别人", None)
    officer = platform.officer()
    post = new_post(author)
    r = author.post(f"/public/posts/{post['id']}/rating", {"score": 5, "comment": "快"})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "not_resolved"
    assert "办结" in r.json()["error"]["message"]

    assert officer.act(post["id"], "accept").status_code == 200
    assert officer.act(post["id"], "close", {"resolution": "已修复井盖"}).status_code == 200
    version = dbutil.scalar(platform, "SELECT version FROM posts WHERE id = ?", post["id"])

    assert other.post(f"/public/posts/{post['id']}/rating", {"score": 1}).status_code == 403
    assert author.post(f"/public/posts/{post['id']}/rating", {"score": 6}).status_code == 422
    r = author.post(f"/public/posts/{post['id']}/rating", {"score": 4, "comment": "处理及时"})
    assert r.status_code == 201, r.text
    assert r.json()["score"] == 4
    again = author.post(f"/public/posts/{post['id']}/rating", {"score": 5})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_rated"

    assert dbutil.rows(
        platform, "SELECT rating_score, version FROM posts WHERE id = ?", post["id"]
    ) == [(4, version + 1)]
    assert dbutil.rows(
        platform, "SELECT score, comment FROM ratings WHERE post_id = ?", post["id"]
    ) == [(4, "处理及时")]
    assert (
        dbutil.scalar(
            platform,
            "SELECT count(*) FROM events WHERE type = 'post.rated' AND post_id = ?",
            post["id"],
        )
        == 1
    )
    view = other.get(f"/public/posts/{post['id']}").json()
    assert view["rating"]["score"] == 4
    assert view["resolution"] == "已修复井盖"
