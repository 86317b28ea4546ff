"""Triage suggestions (`/posts/{id}/suggestion`) from the platform's own history."""

from __future__ import annotations

import pytest

from tests.helpers.platform import Api, RunningPlatform, citizen_post
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration


def test_the_suggestion_names_the_board_a_post_belongs_on(
    seeded_platform: RunningPlatform,
) -> None:
    leader = seeded_platform.officer("010900")
    posts = leader.get("/posts", params={"limit": 40, "kind": "post"}).json()["items"]
    assert len(posts) >= 20
    units = {u["id"] for u in leader.get("/units").json()}
    # The first ask starts training in a thread and answers 204 until the model is ready.
    first_ask = leader.get(f"/posts/{posts[0]['id']}/suggestion")
    assert first_ask.status_code in (200, 204)
    wait_until(lambda: ready(leader, posts[0]["id"]), timeout=120)
    right = 0
    for post in posts:
        r = leader.get(f"/posts/{post['id']}/suggestion")
        assert r.status_code == 200, r.text
        s = r.json()
        assert 1 <= s["priority"] <= 4 and 0 < s["confidence"] <= 1
        assert s["unit_id"] in units
        assert s["trained_on"] >= 300
        right += s["board"] == post["board"]
    assert right >= 0.85 * len(posts)
    # The same post asked twice: the same model, the same answer (no retraining per ask).
    first = leader.get(f"/posts/{posts[0]['id']}/suggestion").json()
    again = leader.get(f"/posts/{posts[0]['id']}/suggestion").json()
    assert first == again


def ready(api: Api, post_id: int) -> bool:
    return api.get(f"/posts/{post_id}/suggestion").status_code == 200


def test_without_history_there_is_no_suggestion(
    fresh_platform: RunningPlatform,
) -> None:
    post = citizen_post(fresh_platform, "电动车被偷了")
    officer = fresh_platform.officer()
    for _ in range(3):  # asked again (training has found too little): still nothing
        r = officer.get(f"/posts/{post}/suggestion")
        assert r.status_code == 204 and r.content == b""
    assert officer.get("/posts/999999/suggestion").status_code == 404
    assert fresh_platform.api().get(f"/posts/{post}/suggestion").status_code == 401
