"""A known set of posts for the queue tests: named ones with every special case
(restricted, silent, overdue, no deadline, FTS syntax as text) and sixty everyday ones.

Written straight into the platform's database (`tests.helpers.posts.insert_posts`),
with creation times spread over the last ten days.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from platform_server.storage.models import STATUSES, Mention, Officer, utcnow
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.posts import ids, insert_posts, orm

NOW = utcnow()
BASE = NOW - timedelta(days=10)

NAMED: dict[str, dict[str, Any]] = {
    "hukou": {
        "board": "hukou",
        "title": "户口迁移需要什么材料",
        "body": "我想把户口从外地迁到临江，需要准备哪些证明？",
    },
    "idcard": {
        "board": "hukou",
        "title": "身份证丢了怎么补办",
        "body": "昨天在公交车上丢了身份证，能不能先办临时身份证",
    },
    "noise": {
        "board": "public-order",
        "title": "楼上噪音扰民",
        "body": "每天夜里十二点还在装修，电钻声很大",
    },
    "bike": {
        "board": "110",
        "unit": "st-chengguan",
        "status": "accepted",
        "assignee": "020020",
        "title": "电动车被盗",
        "body": "小区车棚里的电动车昨晚被偷了",
    },
    "passport": {
        "board": "exit-entry",
        "title": "护照预约",
        "body": "护照过期了想换新的，网上预约不上",
    },
    "syntax": {
        "board": "advice",
        "title": 'He said "AND" * NEAR(x)',
        "body": "包含特殊符号的帖子 AND OR NOT ( ) ^ : -",
    },
    "percent": {"board": "advice", "title": "收费标准", "body": "听说要收100%的手续费_是真的吗"},
    "silent_new": {
        "board": "silent",
        "title": "公交车上有人抢劫",
        "body": "我不敢出声，车在开往东门方向",
    },
    "silent_acked": {
        "board": "silent",
        "title": "有人跟踪我",
        "body": "一个男的一直跟着我",
        "acknowledged_by": "010001",
        "acknowledged_at": NOW - timedelta(hours=1),
        "status": "accepted",
        "assignee": "010001",
    },
    "overdue": {
        "board": "110",
        "status": "accepted",
        "assignee": "010001",
        "title": "门锁被撬",
        "body": "回家发现门锁被撬",
        "deadline_at": NOW - timedelta(hours=3),
    },
    "late_but_done": {
        "board": "110",
        "status": "resolved",
        "assignee": "010002",
        "title": "已办结的旧帖",
        "body": "处理完了",
        "deadline_at": NOW - timedelta(hours=5),
        "resolved_at": NOW - timedelta(hours=6),
    },
    "no_deadline": {
        "board": "advice",
        "title": "没有期限的建议",
        "body": "建议增加路灯",
        "deadline_at": None,
    },
    "complaint": {"board": "complaint", "title": "窗口民警推诿", "body": "办事窗口推诿不办"},
    "east": {
        "board": "110",
        "unit": "br-east",
        "title": "分局直办",
        "body": "东城分局直接办理的事",
    },
}


def fillers() -> list[dict[str, Any]]:
    units = ["cmd", "st-chengguan", "st-hebin", "hukou", "traffic", "st-xiguan"]
    boards = ["110", "traffic", "public-order", "advice", "12345"]
    holders = ["010001", "010002", "020020"]
    out = []
    for i in range(60):
        status = STATUSES[i % len(STATUSES)]
        created = BASE + timedelta(hours=2 * (i // 2))  # pairs share a creation time
        deadline = None if i % 11 == 0 else created + timedelta(hours=(i * 7) % 50 + 1)
        out.append(
            {
                "board": boards[i % len(boards)],
                "unit": units[i % len(units)],
                "status": status,
                "assignee": holders[i % 3] if status != "new" else None,
                "created_at": created,
                "updated_at": BASE + timedelta(minutes=(i * 37) % 997),
                "deadline_at": deadline,
                "title": f"第{i}号日常事务",
                "body": f"这是第{i}条关于日常事务的留言，请相关部门看看。",
            }
        )
    return out


def install_queue_posts(platform: RunningPlatform) -> dict[str, int]:
    """The named posts (ids by name), 60 everyday ones, and two mentions."""
    names = list(NAMED)
    specs = []
    for k, name in enumerate(names):
        spec = dict(NAMED[name])
        spec.setdefault("created_at", BASE + timedelta(hours=3, minutes=k * 17))
        specs.append(spec)
    named_ids = insert_posts(platform, specs)
    insert_posts(platform, fillers())
    out = dict(zip(names, named_ids, strict=True))
    cmd = ids(platform)["unit"]["cmd"]
    with orm(platform) as s:
        officer = s.scalar(select(Officer.id).where(Officer.badge == "010001"))
        s.add(Mention(post_id=out["noise"], officer_id=officer))
        s.add(Mention(post_id=out["passport"], unit_id=cmd))
    # The unacknowledged silent report is days old: escalate it now, not halfway
    # through a test that compares two reads of the queue.
    platform.escalator().run_once()
    return out


COLUMNS = (
    "id",
    "kind",
    "status",
    "unit_id",
    "assignee_id",
    "board_id",
    "title",
    "body",
    "created_at",
    "updated_at",
    "deadline_at",
    "acknowledged_at",
)


def stored_posts(platform: RunningPlatform) -> list[dict[str, Any]]:
    rows = dbutil.rows(platform, f"SELECT {', '.join(COLUMNS)} FROM posts")
    out = []
    for row in rows:
        p = dict(zip(COLUMNS, row, strict=True))
        for k in ("created_at", "updated_at", "deadline_at", "acknowledged_at"):
            p[k] = datetime.fromisoformat(p[k]) if p[k] else None
        out.append(p)
    return out


def all_pages(api: Api, limit: int = 7, **params: Any) -> list[int]:
    seen: list[int] = []
    cursor = None
    for _ in range(200):
        query = {**params, "limit": limit}
        if cursor:
            query["cursor"] = cursor
        r = api.get("/posts", params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["items"]) <= limit
        seen.extend(p["id"] for p in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
        assert len(page["items"]) == limit
    raise AssertionError("paging did not end")


def contains_all(p: dict[str, Any], terms: list[str]) -> bool:
    """What a text query means, checked the slow way: every term in title or body."""
    text = (p["title"] + "\n" + p["body"]).lower()
    return all(t.lower() in text for t in terms)
