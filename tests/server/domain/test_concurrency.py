"""Officers racing on the same post, over real HTTP in parallel: one winner, no lost
updates, no duplicates."""

from __future__ import annotations

from functools import partial

import pytest

from tests.helpers import dbutil
from tests.helpers.concurrency import race
from tests.helpers.platform import Api, RunningPlatform, new_key
from tests.helpers.posts import citizen_post, error, ids, if_match, silent_report

pytestmark = pytest.mark.integration

CMD_OFFICERS = ("010001", "010002", "010003", "010004")


@pytest.fixture(scope="module")
def officers(platform: RunningPlatform) -> dict[str, Api]:
    return {b: platform.officer(b) for b in CMD_OFFICERS}


def test_accept_race_has_one_winner_and_names_it(
    platform: RunningPlatform, officers: dict[str, Api]
) -> None:
    for _ in range(3):
        pid = citizen_post(platform)
        results = race(
            [
                partial(a.post, f"/posts/{pid}/accept", headers=if_match(1))
                for a in officers.values()
            ]
        )
        winners = [(b, r) for b, r in zip(officers, results, strict=True) if r.status_code == 200]
        assert len(winners) == 1, [r.status_code for r in results]
        badge, won = winners[0]
        name = won.json()["timeline"][-1]["officer"]["name"]
        for r in results:
            if r is won:
                continue
            assert r.status_code == 409, r.text
            err = error(r)
            assert err["code"] == "claimed_by_other"
            assert err["holder"]["badge"] == badge
            assert err["message"].startswith(f"该帖已由 {name}（{badge}）受理")
        assert won.json()["version"] == 2
        assert (
            dbutil.scalar(
                platform,
                "SELECT count(*) FROM audit WHERE action = 'post.accept' AND target_id = ?",
                pid,
            )
            == 1
        )
        assert (
            dbutil.scalar(
                platform,
                "SELECT count(*) FROM events WHERE post_id = ? AND type = 'post.updated'",
                pid,
            )
            == 1
        )


def test_acknowledge_race_first_wins(platform: RunningPlatform, officers: dict[str, Api]) -> None:
    sid = silent_report(platform)
    results = race(
        [
            partial(a.post, f"/posts/{sid}/acknowledge", headers=if_match(1))
            for a in officers.values()
        ]
    )
    assert sorted(r.status_code for r in results) == [200, 409, 409, 409]
    first = next(r for r in results if r.status_code == 200).json()["acknowledged_by"]
    for r in results:
        if r.status_code == 409:
            assert error(r)["acknowledged_by"]["badge"] == first["badge"]
    assert (
        dbutil.scalar(
            platform,
            "SELECT count(*) FROM events WHERE post_id = ? AND type = 'silent.acknowledged'",
            sid,
        )
        == 1
    )


def test_retries_of_one_reply_in_parallel_create_it_once(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    key = new_key()
    # Six connections of the same officer (a client retrying on timeouts).
    apis = [platform.officer("010001") for _ in range(6)]
    body = {"body": "您好，已安排民警处理。"}
    headers = {"Idempotency-Key": key}
    results = race([partial(a.post, f"/posts/{pid}/replies", body, headers=headers) for a in apis])
    assert {r.status_code for r in results} == {201}
    assert len({r.json()["id"] for r in results}) == 1
    assert dbutil.scalar(platform, "SELECT count(*) FROM replies WHERE post_id = ?", pid) == 1
    assert dbutil.scalar(platform, "SELECT reply_count FROM posts WHERE id = ?", pid) == 1


def test_parallel_notes_lose_no_update(platform: RunningPlatform, officers: dict[str, Api]) -> None:
    pid = citizen_post(platform)
    calls = [
        partial(api.post, f"/posts/{pid}/notes", {"body": f"{badge} 第{n}条备注"})
        for badge, api in list(officers.items())[:3]
        for n in range(4)
    ]
    results = race(calls)
    assert [r.status_code for r in results] == [201] * 12
    assert len({r.json()["id"] for r in results}) == 12
    assert sorted(int(r.headers["ETag"].strip('"')) for r in results) == list(range(2, 14))
    assert dbutil.scalar(platform, "SELECT version FROM posts WHERE id = ?", pid) == 13
    assert (
        dbutil.scalar(
            platform, "SELECT count(*) FROM timeline WHERE post_id = ? AND action = 'noted'", pid
        )
        == 12
    )


def test_conflicting_actions_on_one_version(
    platform: RunningPlatform, officers: dict[str, Api]
) -> None:
    pid = citizen_post(platform)
    zhang = officers["010001"]
    assert zhang.post(f"/posts/{pid}/accept", headers=if_match(1)).status_code == 200
    hebin = ids(platform)["unit"]["st-hebin"]
    # The same officer at two more workstations, all holding version 2.
    second, third = platform.officer("010001", "ws-2"), platform.officer("010001", "ws-3")
    results = race(
        [
            partial(
                zhang.post, f"/posts/{pid}/close", {"resolution": "已处理"}, headers=if_match(2)
            ),
            partial(
                second.post,
                f"/posts/{pid}/transfer",
                {"unit_id": hebin, "reason": "属地"},
                headers=if_match(2),
            ),
            partial(third.post, f"/posts/{pid}/replies", {"body": "答复"}, headers=if_match(2)),
        ]
    )
    codes = [r.status_code for r in results]
    assert sum(c in (200, 201) for c in codes) == 1, codes
    # Losers: stale version (412), or the winner made the action illegal (409), or the
    # transfer took the post out of the officer's scope (403).
    assert all(c in (200, 201, 403, 409, 412) for c in codes), codes
    final = zhang.get(f"/posts/{pid}")
    state = final.json()
    assert state["version"] == 3
    winner = codes.index(next(c for c in codes if c in (200, 201)))
    expected_status = ["resolved", "new", "in_progress"][winner]
    assert state["status"] == expected_status
    assert dbutil.scalar(platform, "SELECT count(*) FROM replies WHERE post_id = ?", pid) == (
        1 if winner == 2 else 0
    )
