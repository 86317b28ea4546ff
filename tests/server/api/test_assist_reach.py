"""联办 on private posts: an assisting unit hears, reads and finds its case.

A silent report (V报警) or a complaint is readable only inside its handling unit's
scope. Dispatched to 城关派出所 with 河滨派出所 assisting, 河滨's officers must hear its
dispatch, sign-for and note events live and on resume (`Last-Event-ID`), open it
(notes and the author's phone included, as the lead unit does), find it in their queue
and by search, and write their part as a note; 西关派出所's officers, who have no
part, get none of it. When the lead unit returns the case the assisting unit hears
the return and loses sight of it, except the officer who signed (he handled it).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, citizen_post, silent_report
from tests.helpers.sse import Frame, SseReader

pytestmark = pytest.mark.integration

LEAD = "020020"  # 徐俊杰, 城关派出所
SEEN_TYPES = ["post.dispatched", "post.signed", "post.signed", "post.noted", "post.noted"]


def _officers(platform: RunningPlatform, unit_code: str) -> list[str]:
    rows = dbutil.rows(
        platform,
        "SELECT o.badge FROM officers o JOIN units u ON u.id = o.unit_id "
        "WHERE u.code = ? AND o.role = 'officer' AND o.active = ? ORDER BY o.badge",
        unit_code,
        True,
    )
    return [str(r[0]) for r in rows]


def _private_post(platform: RunningPlatform, kind: str, word: str) -> tuple[int, Api]:
    """A silent report (at the command centre) or a complaint (at 督察), and who holds it."""
    if kind == "silent":
        pid = silent_report(platform, f"{word}：司机把车开进小路，不让我下车")
        return pid, platform.officer("010001")
    pid = citizen_post(platform, f"投诉{word}态度恶劣", board="complaint")
    return pid, platform.officer(dbutil.badge_in_unit(platform, "inspect"))


def _about(frames: list[Frame], pid: int) -> list[str]:
    return [str(f.event) for f in frames if f.data and (f.json or {}).get("id") == pid]


def _marker(platform: RunningPlatform) -> Any:
    """An ordinary post every officer hears of: a stream reaching it has read all before."""
    pid = citizen_post(platform, "路口信号灯不亮")
    return lambda f: f.event == "post.created" and f.json["id"] == pid


@pytest.mark.parametrize("kind", ["silent", "complaint"])
def test_an_assisting_unit_hears_reads_and_finds_a_private_case(
    platform: RunningPlatform, kind: str
) -> None:
    word = {"silent": "协办静默报警", "complaint": "协办投诉核查"}[kind]
    pid, holder = _private_post(platform, kind, word)
    hebin_badges = _officers(platform, "st-hebin")
    assert len(hebin_badges) >= 2
    hebin, hebin_colleague = (platform.officer(b) for b in hebin_badges[:2])
    xiguan = platform.officer(dbutil.badge_in_unit(platform, "st-xiguan"))
    before = int(dbutil.scalar(platform, "SELECT max(seq) FROM events"))
    units = {c: dbutil.unit_id(platform, c) for c in ("st-chengguan", "st-hebin")}

    with SseReader(platform.url, hebin.token) as live, SseReader(platform.url, xiguan.token) as xl:
        live.ready()
        xl.ready()
        body = {
            "unit_id": units["st-chengguan"],
            "reason": "属地管辖，河滨派出所协助核查",
            "assist_unit_ids": [units["st-hebin"]],
        }
        r = holder.act(pid, "transfer", body)
        assert r.status_code == 200, r.text
        assert platform.officer(LEAD).act(pid, "sign").status_code == 200
        assert hebin.act(pid, "sign").status_code == 200
        note = hebin.post(f"/posts/{pid}/notes", {"body": "河滨所已调取沿途监控，协办完毕。"})
        assert note.status_code == 201, note.text
        assert note.json()["unit_id"] == units["st-hebin"]
        lead_note = platform.officer(LEAD).post(f"/posts/{pid}/notes", {"body": "已联系当事人"})
        assert lead_note.status_code == 201
        done = _marker(platform)
        assert _about(live.until(done, timeout=10), pid) == SEEN_TYPES
        assert _about(xl.until(done, timeout=10), pid) == []

    # On resume (Last-Event-ID) the same rule: from the ring, as after a reconnect.
    for api, want in ((hebin, SEEN_TYPES), (xiguan, [])):
        with SseReader(platform.url, api.token, last_event_id=str(before)) as again:
            assert _about(again.until(done, timeout=10), pid) == want

    # The assisting unit reads it as the lead unit does: notes and the phone too.
    for api in (hebin, hebin_colleague):
        got = api.get(f"/posts/{pid}")
        assert got.status_code == 200, got.text
        detail = got.json()
        assert detail["notes_visible"] is True
        assert [n["body"] for n in detail["notes"]] == [
            "河滨所已调取沿途监控，协办完毕。",
            "已联系当事人",
        ]
        assert detail["handled_before"] is False
        if kind == "complaint":
            assert detail["author"]["phone"] == "13812345678"
        queue = api.get("/posts", params={"status": "new,accepted,in_progress", "limit": 200})
        assert pid in [p["id"] for p in queue.json()["items"]]
        found = api.get("/posts", params={"q": word})
        assert [p["id"] for p in found.json()["items"]] == [pid]
    # 西关派出所 has no part: not found, not listed, not searchable.
    assert xiguan.get(f"/posts/{pid}").status_code == 404
    assert xiguan.get("/posts", params={"q": word}).json()["items"] == []
    assert xiguan.post(f"/posts/{pid}/notes", {"body": "看看"}).status_code == 404
    # Assisting is not leading: no closing, no reply to the citizen.
    closing = {"resolution": "协办完毕", "closure_code": "resolved"}
    assert hebin.act(pid, "close", closing).status_code == 403


def test_a_returned_case_leaves_the_assisting_unit_which_hears_of_it(
    platform: RunningPlatform,
) -> None:
    word = "回退后协办"
    pid = citizen_post(platform, f"投诉{word}民警推诿", board="complaint")
    inspector = platform.officer(dbutil.badge_in_unit(platform, "inspect"))
    signer, colleague = (platform.officer(b) for b in _officers(platform, "st-hebin")[:2])
    units = {c: dbutil.unit_id(platform, c) for c in ("st-chengguan", "st-hebin")}
    body = {
        "unit_id": units["st-chengguan"],
        "reason": "请城关所核查",
        "assist_unit_ids": [units["st-hebin"]],
    }
    assert inspector.act(pid, "transfer", body).status_code == 200
    assert signer.act(pid, "sign").status_code == 200
    assert colleague.get(f"/posts/{pid}").status_code == 200
    with SseReader(platform.url, colleague.token) as live:
        live.ready()
        back = {"reason_code": "not_our_jurisdiction", "reason": "被投诉民警不在本所"}
        assert platform.officer(LEAD).act(pid, "return", back).status_code == 200
        got = live.until(lambda f: f.event == "post.returned", timeout=10)[-1].json
        assert got["id"] == pid and got["unit_id"] == dbutil.unit_id(platform, "inspect")
        # Later news of the case (back at 督察) is no longer theirs.
        assert inspector.post(f"/posts/{pid}/notes", {"body": "改派他所"}).status_code == 201
        done = _marker(platform)
        assert _about(live.until(done, timeout=10), pid) == []
    assert colleague.get(f"/posts/{pid}").status_code == 404
    assert colleague.get("/posts", params={"q": word}).json()["items"] == []
    # The officer who signed keeps read-only sight, like anyone who handled a post.
    kept = signer.get(f"/posts/{pid}")
    assert kept.status_code == 200 and kept.json()["handled_before"] is True
