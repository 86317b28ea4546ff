"""Uploads are decoded, not only sniffed: polyglots and broken files are refused (422),
and downloads carry the stored type's extension with `nosniff`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers import dbutil
from tests.helpers.media import (
    adts_bytes,
    amr_bytes,
    jpeg_bytes,
    mp3_bytes,
    png_bytes,
    wav_bytes,
)
from tests.helpers.platform import Api, RunningPlatform, citizen_post

pytestmark = pytest.mark.integration

PAGE = b"<html><body><script>fetch('/api/v1/audit')</script></body></html>"


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """A platform with a small pixel limit (10,000 pixels) and room for many attachments."""
    path: Path = tmp_path_factory.mktemp("uploads") / "platform.sqlite3"
    p = RunningPlatform.start(path, max_image_pixels=10_000, max_attachments_per_post=100)
    yield p
    p.stop()


@pytest.fixture(scope="module")
def author(uploads: RunningPlatform) -> Api:
    return uploads.citizen()


@pytest.fixture(scope="module")
def post_id(uploads: RunningPlatform, author: Api) -> int:
    return citizen_post(author)


def _upload(api: Api, post_id: int, data: bytes, name: str = "file.bin") -> requests.Response:
    return api.session.post(
        api.url(f"/public/posts/{post_id}/attachments"),
        files={"file": (name, data, "application/octet-stream")},
        headers=api.headers(),
        timeout=30,
    )


GOOD: list[tuple[str, bytes, str]] = [
    ("png", png_bytes(), "image/png"),
    ("jpeg", jpeg_bytes(), "image/jpeg"),
    ("wav", wav_bytes(), "audio/wav"),
    ("mp3 with id3 tags", mp3_bytes(), "audio/mpeg"),
    ("bare mp3 frames", mp3_bytes(id3=False), "audio/mpeg"),
    ("amr", amr_bytes(), "audio/amr"),
    ("aac adts", adts_bytes(), "audio/aac"),
]


@pytest.mark.parametrize(("name", "data", "ctype"), GOOD, ids=[g[0] for g in GOOD])
def test_real_files_are_accepted(
    author: Api, post_id: int, name: str, data: bytes, ctype: str
) -> None:
    r = _upload(author, post_id, data)
    assert r.status_code == 201, r.text
    assert r.json()["content_type"] == ctype


def _png_with_text(text: bytes) -> bytes:
    good = png_bytes()
    import struct
    import zlib

    chunk = struct.pack(">I", len(text)) + b"tEXt" + text
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + text) & 0xFFFFFFFF)
    return good[:33] + chunk + good[33:]  # after the signature and IHDR


BAD: list[tuple[str, bytes]] = [
    ("png followed by a page", png_bytes() + PAGE),
    ("png followed by junk", png_bytes() + b"\x00" * 64),
    ("png with a page in a text chunk", _png_with_text(b"Comment\x00" + PAGE)),
    ("png cut short", png_bytes(40, 40)[:-30]),
    ("png with a broken checksum", png_bytes()[:-5] + b"\x00" + png_bytes()[-4:]),
    ("jpeg followed by a page", jpeg_bytes() + PAGE),
    ("jpeg cut short", jpeg_bytes()[:200]),
    ("wav followed by a page", wav_bytes() + PAGE),
    ("wav cut short", wav_bytes()[:-1000]),
    ("id3 tag then a page", b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"\x00" * 16 + PAGE * 20),
    ("a page that sniffs as mp3", b"\xff\xfb\x90\x64" + PAGE * 20),
    ("mp3 frames then a page", mp3_bytes(id3=False) + b"x" * 40 + PAGE),
    ("ogg header then a page", b"OggS\x00\x02" + b"\x00" * 20 + PAGE),
    ("m4a header then junk", b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + PAGE),
    ("amr then a page", amr_bytes() + PAGE),
    ("aac then junk", adts_bytes() + b"\x01\x02\x03"),
]


@pytest.mark.parametrize(("name", "data"), BAD, ids=[b[0] for b in BAD])
def test_polyglots_and_broken_files_are_refused(
    uploads: RunningPlatform, author: Api, post_id: int, name: str, data: bytes
) -> None:
    before = dbutil.counts(uploads)
    r = _upload(author, post_id, data, name="photo.png")
    assert r.status_code == 422, f"{name}: {r.status_code} {r.text}"
    err = r.json()["error"]
    assert err["code"] == "not_decodable"
    assert "无法作为" in err["message"]
    assert dbutil.counts(uploads) == before


def test_an_image_over_the_pixel_limit_is_refused(author: Api, post_id: int) -> None:
    r = _upload(author, post_id, png_bytes(101, 100))
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "image_too_large"
    assert "101×100" in r.json()["error"]["message"]


def test_download_has_the_stored_types_extension_and_nosniff(
    uploads: RunningPlatform, author: Api, post_id: int
) -> None:
    att = _upload(author, post_id, png_bytes(), name="现场.html").json()
    got = uploads.officer().get(f"/attachments/{att['id']}")
    assert got.status_code == 200
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Content-Type"] == "image/png"
    disposition = got.headers["Content-Disposition"]
    names: dict[str, Any] = dict(re.findall(r'(filename\*?)="?([^";]+)"?', disposition))
    assert names["filename"].endswith(".png")
    assert names["filename*"] == "UTF-8''%E7%8E%B0%E5%9C%BA.png", "现场.png, not .html"
