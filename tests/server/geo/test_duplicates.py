"""Likely duplicates (`/posts/{id}/similar`) and merge/unmerge against a real platform."""

from __future__ import annotations

from typing import Any

import pytest

from platform_server.demo.text import STATIONS
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key, silent_report
from tests.helpers.posts import audit_of, events_of

pytestmark = pytest.mark.integration

HEBIN = STATIONS["st-hebin"][2]
GAOXIN = STATIONS["st-gaoxin"][2]
COMPLAINT = (
    "滨江大道127号楼下的烧烤摊每天晚上开到凌晨两点，油烟和吵闹声让整栋楼的人都睡不着，"
    "希望派人管一管。"
)


def at(point: tuple[float, float], north_m: float = 0.0) -> dict[str, Any]:
    return {"lat": point[0] + north_m / 111_320, "lon": point[1], "accuracy_m": 20}


def neighbour(p: RunningPlatform, n: int) -> Api:
    return p.citizen(nickname=f"邻居{n}", phone=f"1381234{n:04d}")


def test_similar_lists_neighbours_and_the_same_author_with_reasons(
    fresh_platform: RunningPlatform,
) -> None:
    p = fresh_platform
    officer = p.officer()
    author = neighbour(p, 1)
    board = {"board": "public-order"}
    first = citizen_post(
        author, "楼下烧烤摊太吵", "您好，" + COMPLAINT, **board, location=at(HEBIN)
    )
    near = citizen_post(
        neighbour(p, 2), "烧烤摊半夜扰民", COMPLAINT + "谢谢！", **board, location=at(HEBIN, 150)
    )
    far = citizen_post(neighbour(p, 3), "楼下烧烤摊太吵", COMPLAINT, **board, location=at(GAOXIN))
    theft = "昨晚停在楼下的电动车被偷了，求查监控。"
    other = citizen_post(neighbour(p, 4), "电动车被偷了", theft, location=at(HEBIN, 50))
    again = citizen_post(author, "烧烤摊的事怎么没人管", "我前天反映的问题还没人处理。", **board)
    silent = silent_report(p, COMPLAINT, location=at(HEBIN, 20))

    r = officer.get(f"/posts/{first}/similar")
    assert r.status_code == 200
    found = {x["id"]: x for x in r.json()}
    assert set(found) == {near, again}  # not the far one, not other matters, never an alarm
    assert found[near]["reason_code"] == "similar_text"
    assert "米" in found[near]["reason"] and "相似" in found[near]["reason"]
    assert found[again]["reason_code"] == "same_author"
    assert "同一发帖人" in found[again]["reason"]
    assert found[near]["post"]["title"] == "烧烤摊半夜扰民"
    assert far not in found and other not in found and silent not in found
    assert officer.get(f"/posts/{silent}/similar").json() == []
    assert officer.get("/posts/999999/similar").status_code == 404
    assert p.api().get(f"/posts/{first}/similar").status_code == 401


def test_merge_moves_the_duplicate_under_its_master_and_unmerge_restores_both_exactly(
    fresh_platform: RunningPlatform,
) -> None:
    p = fresh_platform
    officer = p.officer()
    master_author, dup_author = neighbour(p, 1), neighbour(p, 2)
    master = citizen_post(master_author, "楼下烧烤摊太吵", COMPLAINT, board="public-order")
    dup = citizen_post(dup_author, "烧烤摊半夜扰民", COMPLAINT, board="public-order")
    before_dup = officer.get(f"/posts/{dup}").json()
    before_master = officer.get(f"/posts/{master}").json()

    r = officer.act(dup, "merge", {"into": master}, headers={"Idempotency-Key": new_key()})
    assert r.status_code == 200, r.text
    assert r.json()["merged_into_id"] == master and r.json()["deadline_at"] is None
    assert officer.get(f"/posts/{master}").json()["merged_ids"] == [dup]
    merged = [e for e in events_of(p, dup) if e[0] == "post.merged"]
    assert len(merged) == 1 and merged[0][2]["into_id"] == master
    assert ("post.merge", "010001", "test-ws") in audit_of(p, dup)

    # Replies go once: on the master; the duplicate's author sees the master's progress.
    refused = officer.post(f"/posts/{dup}/replies", {"body": "已安排"})
    assert refused.status_code == 409 and f"#{master}" in refused.json()["error"]["message"]
    assert officer.post(f"/posts/{master}/replies", {"body": "已联系城管处理。"}).status_code == 201
    seen = dup_author.get(f"/public/posts/{dup}").json()
    assert seen["merged_into_id"] == master
    assert [x["body"] for x in seen["replies"]] == ["已联系城管处理。"]
    assert seen["status"] == "in_progress"
    assert seen["title"] == "烧烤摊半夜扰民"  # still their own post

    r = officer.act(dup, "unmerge", headers={"Idempotency-Key": new_key()})
    assert r.status_code == 200, r.text
    after_dup = officer.get(f"/posts/{dup}").json()
    moving = {"version", "updated_at", "timeline"}
    assert {k: v for k, v in after_dup.items() if k not in moving} == {
        k: v for k, v in before_dup.items() if k not in moving
    }
    assert [t["action"] for t in after_dup["timeline"]][-2:] == ["merged", "unmerged"]
    after_master = officer.get(f"/posts/{master}").json()
    assert after_master["merged_ids"] == [] and after_master["unit_id"] == before_master["unit_id"]
    assert dup_author.get(f"/public/posts/{dup}").json()["replies"] == []
    assert officer.post(f"/posts/{dup}/replies", {"body": "单独答复"}).status_code == 201


def test_merge_refusals_are_sentences(fresh_platform: RunningPlatform) -> None:
    p = fresh_platform
    officer = p.officer()
    a = citizen_post(p, "一件事", board="public-order")
    b = citizen_post(p, "另一件事", board="public-order")
    c = citizen_post(p, "第三件事", board="public-order")
    alarm = silent_report(p)

    def merge(post: int, into: int) -> Any:
        return officer.act(post, "merge", {"into": into})

    r = merge(a, a)
    assert r.status_code == 422 and "自己" in r.json()["error"]["message"]
    r = merge(alarm, a)
    assert r.status_code == 422 and "无声报警" in r.json()["error"]["message"]
    r = merge(a, alarm)
    assert r.status_code == 422 and "无声报警" in r.json()["error"]["message"]
    assert merge(b, a).status_code == 200
    r = merge(c, b)
    assert r.status_code == 409 and f"#{a}" in r.json()["error"]["message"]
    r = merge(a, c)
    assert r.status_code == 409 and "取消" in r.json()["error"]["message"]
    r = officer.act(c, "unmerge")
    assert r.status_code == 409 and "没有合并" in r.json()["error"]["message"]
    r = officer.post(f"/posts/{c}/merge", {"into": a})  # no If-Match
    assert r.status_code == 428
    assert officer.act(b, "merge", {"into": "x"}).status_code == 422
    assert officer.act(c, "merge", {"into": 999999}).status_code == 404
