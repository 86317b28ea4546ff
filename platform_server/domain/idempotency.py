"""Idempotency-Key records: a retry of a creating request gets the first answer back.

A retry with the same key and the same body gets the first response back, byte for
byte; the same key with a different body is 422. The record is written in the same
transaction as the thing it created, so a crash leaves either both or neither.
`platform_server.api.idempotent` runs a request under these rules.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain import locking
from platform_server.errors import ApiError
from platform_server.storage.models import IdempotencyRecord, utcnow

MAX_KEY_CHARS = 200


@dataclass(frozen=True)
class Stored:
    """The first answer to a request with this key."""

    status: int
    body: Any


def fingerprint(method: str, path: str, body: Any) -> str:
    raw = json.dumps([method, path, body], sort_keys=True, ensure_ascii=False, default=str)
    # surrogatepass: a lone surrogate (refused later, with a sentence) must not crash here.
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    if not key or len(key) > MAX_KEY_CHARS or not key.isascii():
        raise ApiError(422, "bad_idempotency_key", "Idempotency-Key 必须是 1–200 个 ASCII 字符。")
    return key


def replay(db: Session, principal: str, key: str | None, fp: str) -> Stored | None:
    """The stored first answer for this key, or None when the key is new."""
    if key is None:
        return None
    locking.hold_key(db, principal, key)
    rec = db.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
        )
    )
    if rec is None:
        return None
    if rec.fingerprint != fp:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "这个 Idempotency-Key 已用于另一条不同的请求，请为新请求换一个新的键。",
        )
    return Stored(rec.status_code, json.loads(rec.response))


def remember(db: Session, principal: str, key: str | None, fp: str, status: int, body: Any) -> None:
    if key is None:
        return
    db.add(
        IdempotencyRecord(
            principal=principal,
            key=key,
            fingerprint=fp,
            status_code=status,
            response=json.dumps(body, ensure_ascii=False, default=str),
            created_at=utcnow(),
        )
    )
