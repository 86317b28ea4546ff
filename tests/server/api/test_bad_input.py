"""Malformed and hostile input on the routes of auth, events, public and audit.

Every refusal is a JSON error with a machine code and a sentence for people, and
nothing is half-written: row counts are compared before and after each attempt.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform

# Only reads, or requests the platform refuses: the run's shared seeded platform serves.
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def citizen(seeded_platform: RunningPlatform) -> Api:
    return seeded_platform.citizen()


def _raw_post(
    api: Api, path: str, data: Any, content_type: str = "application/json", **kw: Any
) -> requests.Response:
    return api.session.post(
        api.url(path),
        data=data,
        headers=api.headers({"Content-Type": content_type}),
        timeout=10,
        **kw,
    )


def _assert_error(r: requests.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    if code is not None:
        assert err["code"] == code
    assert err["message"] and any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), err
    return dict(err)


POST_BODIES: list[tuple[str, bytes, int, str | None]] = [
    ("broken json", b'{"board": "110", "title": ', 422, "invalid_request"),
    (
        "not utf-8",
        b'{"board":"110","title":"\xc7\xeb\xbd\xf8","body":"gbk text"}',
        422,
        "invalid_request",
    ),
    ("json array", b"[1, 2, 3]", 422, "invalid_request"),
    ("title is a number", b'{"board":"110","title":5,"body":"x"}', 422, "invalid_request"),
    ("missing body", b'{"board":"110","title":"t"}', 422, "invalid_request"),
    (
        "unknown field",
        b'{"board":"110","title":"t","body":"b","urgent":true}',
        422,
        "invalid_request",
    ),
    ("unknown board", b'{"board":"nope","title":"t","body":"b"}', 422, "unknown_board"),
    ("nul in body", b'{"board":"110","title":"t","body":"a\\u0000b"}', 422, "invalid_request"),
    ("lone surrogate", b'{"board":"110","title":"\\ud83d","body":"b"}', 422, "invalid_request"),
    ("blank title", b'{"board":"110","title":"   ","body":"b"}', 422, "empty_text"),
    (
        "title too long",
        ('{"board":"110","title":"' + "长" * 101 + '","body":"b"}').encode(),
        422,
        "text_too_long",
    ),
    (
        "body too long",
        ('{"board":"110","title":"t","body":"' + "字" * 5001 + '"}').encode(),
        422,
        "text_too_long",
    ),
    (
        "latitude out of range",
        b'{"board":"110","title":"t","body":"b","location":{"lat":91,"lon":0}}',
        422,
        "invalid_request",
    ),
    (
        "too many mentions",
        (
            '{"board":"110","title":"t","body":"b","mentions":[' + ",".join(['"cmd"'] * 11) + "]}"
        ).encode(),
        422,
        "invalid_request",
    ),
    (
        "oversize body",
        b'{"board":"110","title":"t","body":"' + b"x" * 400_000 + b'"}',
        413,
        "too_large",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "status", "code"), POST_BODIES, ids=[b[0] for b in POST_BODIES]
)
def test_bad_post_bodies(
    seeded_platform: RunningPlatform,
    citizen: Api,
    name: str,
    data: bytes,
    status: int,
    code: str | None,
) -> None:
    before = dbutil.counts(seeded_platform)
    _assert_error(_raw_post(citizen, "/public/posts", data), status, code)
    assert dbutil.counts(seeded_platform) == before, name


def test_oversize_body_without_content_length(
    seeded_platform: RunningPlatform, citizen: Api
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"board":"110","title":"t","body":"'
        for _ in range(50):
            yield b"x" * 10_000
        yield b'"}'

    before = dbutil.counts(seeded_platform)
    _assert_error(_raw_post(citizen, "/public/posts", chunks()), 413, "too_large")
    assert dbutil.counts(seeded_platform) == before


def test_too_long_title_message_names_the_limit(
    seeded_platform: RunningPlatform, citizen: Api
) -> None:
    r = citizen.post("/public/posts", {"board": "110", "title": "长" * 101, "body": "b"})
    err = _assert_error(r, 422, "text_too_long")
    assert "100" in err["message"] and "标题" in err["message"]


def test_bad_silent_reports_and_ratings(seeded_platform: RunningPlatform, citizen: Api) -> None:
    before = dbutil.counts(seeded_platform)
    _assert_error(citizen.post("/public/silent-reports", {"body": ""}), 422)
    _assert_error(
        citizen.post("/public/silent-reports", {"body": "x", "suppress_receipt": "maybe"}), 422
    )
    _assert_error(_raw_post(citizen, "/public/silent-reports", b"\xff\xfe{}"), 422)
    _assert_error(citizen.post("/public/posts/1/rating", {"score": "five"}), 422)
    _assert_error(citizen.post("/public/posts/abc/rating", {"score": 5}), 422)
    assert dbutil.counts(seeded_platform) == before


def test_bad_login_bodies(seeded_platform: RunningPlatform) -> None:
    api = seeded_platform.api()
    before = dbutil.counts(seeded_platform)
    _assert_error(_raw_post(api, "/auth/login", b'{"badge": "010001", "password": '), 422)
    _assert_error(_raw_post(api, "/auth/login", b'{"badge":"\xb9\xab","password":"x"}'), 422)
    _assert_error(api.post("/auth/login", {"badge": 10001, "password": "x"}), 422)
    _assert_error(api.post("/auth/login", {"badge": "0" * 21, "password": "x"}), 422)
    _assert_error(
        _raw_post(api, "/auth/login", b"badge=010001", "application/x-www-form-urlencoded"), 422
    )
    assert dbutil.counts(seeded_platform) == before


def test_bad_idempotency_key(seeded_platform: RunningPlatform, citizen: Api) -> None:
    before = dbutil.counts(seeded_platform)
    r = citizen.post(
        "/public/posts",
        {"board": "110", "title": "t", "body": "b"},
        headers={"Idempotency-Key": "x" * 201},
    )
    _assert_error(r, 422, "bad_idempotency_key")
    assert dbutil.counts(seeded_platform) == before


def test_bad_query_parameters(seeded_platform: RunningPlatform) -> None:
    leader = seeded_platform.officer("010900")
    _assert_error(leader.get("/audit", params={"since": "yesterday"}), 422)
    _assert_error(leader.get("/audit", params={"limit": "many"}), 422)
    _assert_error(leader.get("/events", params={"after": "x"}), 422)
    _assert_error(seeded_platform.citizen().get("/public/posts/not-a-number"), 422)
