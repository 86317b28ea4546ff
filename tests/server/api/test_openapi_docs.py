"""/openapi.json documents the headers clients must get right; /docs is off by default
and, when on, makes no request to another host."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration

ACTIONS = ("accept", "transfer", "close", "reopen", "acknowledge")


@pytest.fixture(scope="module")
def spec(platform: RunningPlatform) -> dict[str, Any]:
    r = platform.api().session.get(platform.url + "/openapi.json", timeout=10)
    assert r.status_code == 200
    return dict(r.json())


def _header(op: dict[str, Any], name: str) -> dict[str, Any]:
    found = [p for p in op.get("parameters", []) if p["in"] == "header" and p["name"] == name]
    assert found, f"{op.get('operationId')} has no {name} header"
    return dict(found[0])


@pytest.mark.parametrize("action", ACTIONS)
def test_if_match_is_required_on_state_changing_actions(spec: dict[str, Any], action: str) -> None:
    op = spec["paths"][f"/api/v1/posts/{{post_id}}/{action}"]["post"]
    if_match = _header(op, "If-Match")
    assert if_match["required"] is True
    assert "428" in if_match["description"] and "412" in if_match["description"]
    assert {"412", "428"} <= set(op["responses"])
    assert "If-Match missing" in op["responses"]["428"]["description"]


@pytest.mark.parametrize("kind", ["replies", "notes"])
def test_if_match_is_optional_on_replies_and_notes(spec: dict[str, Any], kind: str) -> None:
    op = spec["paths"][f"/api/v1/posts/{{post_id}}/{kind}"]["post"]
    assert not _header(op, "If-Match").get("required", False)
    assert "428" not in op["responses"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/posts/{post_id}/replies",
        "/api/v1/posts/{post_id}/notes",
        "/api/v1/public/posts",
        "/api/v1/public/silent-reports",
        "/api/v1/public/posts/{post_id}/attachments",
    ],
)
def test_idempotency_key_behaviour_is_documented(spec: dict[str, Any], path: str) -> None:
    doc = _header(spec["paths"][path]["post"], "Idempotency-Key")["description"]
    assert "same body" in doc and "first response" in doc
    assert "422" in doc and "idempotency_key_reused" in doc


def test_since_and_until_say_they_need_period_custom(spec: dict[str, Any]) -> None:
    op = spec["paths"]["/api/v1/stats/summary"]["get"]
    params = {p["name"]: p for p in op["parameters"]}
    for name in ("since", "until"):
        assert "period=custom" in params[name]["description"]


def test_docs_are_not_served_by_default(platform: RunningPlatform) -> None:
    for path in ("/docs", "/redoc", "/docs-static/swagger-ui.css"):
        assert platform.api().session.get(platform.url + path, timeout=10).status_code == 404


def test_docs_when_enabled_load_nothing_from_elsewhere(tmp_path: Any) -> None:
    p = RunningPlatform.start(tmp_path / "platform.sqlite3", docs=True)
    try:
        s = p.api().session
        page = s.get(p.url + "/docs", timeout=10)
        assert page.status_code == 200
        urls = re.findall(r'(?:src|href|url)\s*[=:]\s*["\']([^"\']+)["\']', page.text)
        assert urls and all(u.startswith("/") for u in urls), urls
        assert "http://" not in page.text and "https://" not in page.text
        assert '"validatorUrl": null' in page.text
        for u in urls:
            assert s.get(p.url + u, timeout=10).status_code == 200, u
    finally:
        p.stop()
