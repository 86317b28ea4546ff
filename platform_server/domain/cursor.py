"""The queue's sort keys and its keyset cursor (`next_cursor` in a page of posts).

The cursor carries the sort, the sort key of a page's last row and the moment the
first page was read, base64 of compact JSON; a cursor from another sort, or with keys
of the wrong type or past the largest id, is a 422 with a sentence.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, and_, case, func, literal

from platform_server.errors import ApiError
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.models import OPEN_STATUSES, Post

FAR_FUTURE = datetime(9999, 12, 31)


def _bad(message: str) -> ApiError:
    return ApiError(422, "bad_cursor", message)


def sort_keys(sort: str, now: datetime) -> list[Any]:
    if sort in ("created_desc", "created_asc"):
        return [Post.created_at, Post.id]
    if sort == "updated_desc":
        return [Post.updated_at, Post.id]
    deadline = func.coalesce(Post.deadline_at, literal(FAR_FUTURE, DateTime))
    if sort == "deadline":
        return [deadline, Post.id]
    # priority: unacknowledged silent reports, then acknowledged open ones, then by
    # the post's priority (1 紧急 first), overdue first within it, then by deadline.
    is_open = Post.status.in_(OPEN_STATUSES)
    silent = case(
        (and_(Post.kind == "silent_report", is_open, Post.acknowledged_at.is_(None)), 0),
        (and_(Post.kind == "silent_report", is_open), 1),
        else_=2,
    )
    late = case((and_(is_open, Post.deadline_at < literal(now, DateTime)), 0), else_=1)
    return [silent, Post.priority, late, deadline, Post.id]


def descending(sort: str) -> bool:
    return sort in ("created_desc", "updated_desc")


def _key_types(sort: str) -> list[type]:
    if sort == "priority":
        return [int, int, int, datetime, int]
    return [datetime, int]


def encode_cursor(sort: str, key: list[Any], now: datetime) -> str:
    raw = {
        "s": sort,
        "k": [v.isoformat() if isinstance(v, datetime) else v for v in key],
        "n": now.isoformat(),
    }
    data = json.dumps(raw, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[list[Any], datetime]:
    bad = _bad("翻页标记无效，请从第一页重新加载。")
    try:
        data = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        raw = json.loads(data)
        if raw["s"] != sort:
            raise _bad("翻页标记与当前排序方式不一致，请从第一页重新加载。")
        types = _key_types(sort)
        values = raw["k"]
        if len(values) != len(types):
            raise bad
        key: list[Any] = []
        for v, t in zip(values, types, strict=True):
            if t is datetime:
                key.append(datetime.fromisoformat(v))
            elif isinstance(v, int) and not isinstance(v, bool) and abs(v) <= MAX_DB_INT:
                key.append(v)
            else:
                raise bad
        return key, datetime.fromisoformat(raw["n"])
    except ApiError:
        raise
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise bad from exc
