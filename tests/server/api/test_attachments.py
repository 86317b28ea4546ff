"""Serving attachments to officers: the bytes, with headers that never let a citizen's
upload act as a page, and only to officers who may read the post."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.helpers.media import png_bytes
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import (
    citizen_post,
    error,
    insert_attachment,
    insert_post,
    silent_report,
)

pytestmark = pytest.mark.integration

STATION = "020020"  # 徐俊杰, 城关派出所: outside the command centre's scope


# ---------------------------------------------------------------- attachments
PNG = png_bytes(1, 1)


def test_attachment_bytes_with_safe_headers(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    pid = citizen_post(citizen)
    up = citizen.session.post(
        citizen.url(f"/public/posts/{pid}/attachments"),
        headers=citizen.headers(),
        files={"file": ('现场"照片"/../a.png', PNG, "image/png")},
        timeout=10,
    )
    assert up.status_code == 201, up.text
    att = up.json()
    api = platform.officer()
    d = api.get(f"/posts/{pid}").json()
    assert [a["url"] for a in d["attachments"]] == [f"/api/v1/attachments/{att['id']}"]
    r = api.session.get(platform.url + att["url"], headers=api.headers(), timeout=10)
    assert r.status_code == 200
    assert r.content == PNG
    assert r.headers["Content-Type"] == "image/png"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"].startswith("private")
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith(f'inline; filename="attachment-{att["id"]}.png"; ')
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name.endswith("a.png")
    assert "/" not in name and '"' not in name


def test_attachment_of_unsafe_type_is_a_download(platform: RunningPlatform) -> None:
    pid = insert_post(platform)
    aid = insert_attachment(platform, pid, b"<script>alert(1)</script>", "text/html", "x.html")
    r = platform.officer().get(f"/attachments/{aid}")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/octet-stream"
    assert r.headers["Content-Disposition"].startswith("attachment;")


def test_attachment_of_unreadable_post_is_404(platform: RunningPlatform) -> None:
    sid = silent_report(platform)
    aid = insert_attachment(platform, sid, PNG, "image/png", "scene.png")
    assert platform.officer(STATION).get(f"/attachments/{aid}").status_code == 404
    assert platform.officer("010001").get(f"/attachments/{aid}").status_code == 200
    r = platform.officer().get("/attachments/999999")
    assert r.status_code == 404 and "没有找到这个附件" in error(r)["message"]
