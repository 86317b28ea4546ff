"""Officer sign-in against a real server: tokens, logout, expiry, token kinds.

The limiter on sign-in: tests/server/api/test_login_limits.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from platform_server.demo.reference_data import DEMO_PASSWORD
from platform_server.domain.security import token_hash
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration


def _parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


def test_login_returns_token_officer_and_shift_expiry(platform: RunningPlatform) -> None:
    api = platform.api()
    r = api.post(
        "/auth/login", {"badge": "010001", "password": DEMO_PASSWORD, "workstation": "指挥台-3"}
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["officer"]["badge"] == "010001"
    assert out["officer"]["name"] == "张伟"
    assert out["officer"]["role"] == "officer"
    ttl = _parse(out["expires_at"]) - datetime.now(UTC)
    assert timedelta(hours=11.9) < ttl <= timedelta(hours=12)
    # Stored hashed, never in plain text, with the workstation.
    assert (
        dbutil.scalar(
            platform, "SELECT count(*) FROM officer_tokens WHERE token_hash = ?", out["token"]
        )
        == 0
    )
    ws = dbutil.scalar(
        platform,
        "SELECT workstation FROM officer_tokens WHERE token_hash = ?",
        token_hash(out["token"]),
    )
    assert ws == "指挥台-3"

    api.token = out["token"]
    me = api.get("/me").json()
    assert me["badge"] == "010001"
    assert me["unit_name"] == "市局指挥中心"
    assert me["workstation"] == "指挥台-3"
    assert me["scope_unit_ids"] == [me["unit_id"]]
    assert me["token_expires_at"] == out["expires_at"]


def test_leader_scope_covers_the_unit_subtree(platform: RunningPlatform) -> None:
    me = platform.officer("010900").get("/me").json()
    assert me["role"] == "leader"
    # The city bureau's leader sees every unit under the bureau.
    assert dbutil.unit_id(platform, "st-chengguan") in me["scope_unit_ids"]
    assert dbutil.unit_id(platform, "cmd") in me["scope_unit_ids"]


def test_wrong_password_and_unknown_badge_look_the_same(platform: RunningPlatform) -> None:
    api = platform.api()
    wrong = api.post("/auth/login", {"badge": "010002", "password": "guess-1"})
    unknown = api.post("/auth/login", {"badge": "777777", "password": "guess-1"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["error"]["code"] == unknown.json()["error"]["code"] == "bad_credentials"
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]
    assert "密码" in wrong.json()["error"]["message"]
    failures = dbutil.rows(
        platform, "SELECT badge, detail, address FROM audit WHERE action = 'login.failed'"
    )
    assert {f[0] for f in failures} >= {"010002", "777777"}
    assert all("guess-1" not in (f[1] or "") for f in failures)
    assert all(f[2] == "127.0.0.1" for f in failures)


def test_logout_revokes_the_token(platform: RunningPlatform) -> None:
    api = platform.officer("010002")
    assert api.get("/me").status_code == 200
    r = api.post("/auth/logout")
    assert r.status_code == 204
    assert r.content == b""
    again = api.get("/me")
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "token_revoked"
    actions = [
        a
        for (a,) in dbutil.rows(
            platform, "SELECT action FROM audit WHERE badge = '010002' ORDER BY id"
        )
    ]
    assert actions[-2:] == ["login", "logout"]


def test_expired_token_is_refused(platform: RunningPlatform) -> None:
    api = platform.officer("010003")
    past = (datetime.now(UTC) - timedelta(seconds=1)).replace(tzinfo=None).isoformat(sep=" ")
    changed = dbutil.execute(
        platform,
        "UPDATE officer_tokens SET expires_at = ? WHERE token_hash = ?",
        past,
        token_hash(api.token or ""),
    )
    assert changed == 1
    r = api.get("/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "token_expired"
    assert r.headers["WWW-Authenticate"] == "Bearer"


def test_missing_and_garbage_tokens(platform: RunningPlatform) -> None:
    api = platform.api()
    assert api.get("/me").status_code == 401
    api.token = "not-a-token"
    r = api.get("/me")
    assert r.status_code == 401
    assert r.json()["error"]["message"]


def test_citizen_token_never_works_on_officer_routes(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    for path in ("/me", "/audit", "/events"):
        r = citizen.get(path)
        assert r.status_code == 401, path
        assert r.json()["error"]["code"] == "token_invalid"
    assert citizen.post("/auth/logout").status_code == 401


def test_officer_token_never_works_on_citizen_routes(platform: RunningPlatform) -> None:
    officer = platform.officer()
    r = officer.post("/public/posts", {"board": "110", "title": "冒充", "body": "民警令牌发帖"})
    assert r.status_code == 401
    assert officer.post("/public/silent-reports", {"body": "x"}).status_code == 401
    assert officer.get("/public/posts/1").status_code == 401
    assert dbutil.scalar(platform, "SELECT count(*) FROM posts WHERE title = '冒充'") == 0


def test_login_input_is_validated(platform: RunningPlatform) -> None:
    api = platform.api()
    r = api.post("/auth/login", {"badge": "010001"})
    assert r.status_code == 422
    assert "密码" in r.json()["error"]["message"]
    r = api.post("/auth/login", {"badge": "010001", "password": "x", "role": "admin"})
    assert r.status_code == 422
