"""Running a creating or state-changing request once per Idempotency-Key.

`run_once` opens the write transaction, answers a retry with the stored first
response (`Idempotent-Replayed: true`), and otherwise runs the request's work and
stores its answer with it, in the same transaction: both or neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from platform_server.api.deps import AppContext
from platform_server.domain import idempotency


@dataclass
class Answer:
    """What a request answers: status, JSON body and extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def run_once(
    ctx: AppContext,
    principal: str,
    key: str | None,
    fp: str,
    work: Callable[[Session], Answer],
    *,
    replay_headers: Callable[[Session], dict[str, str]] | None = None,
) -> JSONResponse:
    """`work` in one write transaction with the key's record; a retry gets the first answer.

    `principal` keeps two callers' keys apart ("officer:12", "citizen:7"); `key` has
    been checked (`idempotency.check_key`). `replay_headers` adds current headers to a
    replayed answer (the post's ETag).
    """
    for attempt in (1, 2):
        try:
            with ctx.write() as db:
                stored = idempotency.replay(db, principal, key, fp)
                if stored is not None:
                    headers = {"Idempotent-Replayed": "true"}
                    if replay_headers is not None:
                        headers.update(replay_headers(db))
                    return JSONResponse(stored.body, status_code=stored.status, headers=headers)
                answer = work(db)
                idempotency.remember(db, principal, key, fp, answer.status, answer.body)
            return JSONResponse(answer.body, status_code=answer.status, headers=answer.headers)
        except IntegrityError:
            # Only a concurrent twin with the same key can collide here (PostgreSQL);
            # the second pass answers with the twin's stored response.
            if key is None or attempt == 2:
                raise
    raise AssertionError("unreachable")
