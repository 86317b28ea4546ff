"""Who may keep an event stream open: every open stream's token re-checked at once.

While a stream is open its token can be revoked (sign-out), expire (end of shift), or
its officer be disabled or given another unit or role. Checking each stream on its own
heartbeat cost a database round trip (two, with the scope) per stream every few
seconds: at 1,000 open consoles that is hundreds of queries a second competing with
citizens' reports for the connection pool — the fan-out bench starved a silent
report's POST for 30 s and the pool timeouts ended the streams. Here one task per
process checks every distinct token of its open streams in one query per interval,
and each stream reads its verdict from memory at its heartbeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain.accounts import token_problem
from platform_server.domain.scope import Viewer, subtree_of
from platform_server.domain.security import token_hash
from platform_server.errors import ApiError
from platform_server.storage.models import Officer, OfficerToken, Unit

log = logging.getLogger(__name__)

CHUNK = 500  # token hashes per IN (...) list

SCOPE_CHANGED = ApiError(
    409, "scope_changed", "您的岗位或单位已变更，请重新连接以获取新的权限范围。"
)


@dataclass(eq=False)
class Watch:
    """One open stream's credentials; `problem` is set when the stream must end."""

    token_hash: str
    viewer: Viewer
    problem: ApiError | None = None


class StreamGuard:
    """Re-checks the tokens of every open stream together, every `interval` seconds."""

    def __init__(self, read: Callable[[], AbstractContextManager[Session]], interval: float):
        self._read = read
        self.interval = interval
        self._watches: set[Watch] = set()
        self._task: asyncio.Task[None] | None = None
        self.passes = 0  # checks run (tests and benches read it)

    def watch(self, token: str, viewer: Viewer) -> Watch:
        w = Watch(token_hash(token), viewer)
        self._watches.add(w)
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())
        return w

    def release(self, w: Watch) -> None:
        self._watches.discard(w)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while self._watches:
            await asyncio.sleep(self.interval)
            watches = list(self._watches)
            if not watches:
                break
            try:
                verdicts = await asyncio.to_thread(self._check, watches)
            except Exception:  # the database is away: streams stay, checked next time
                log.info("stream token check failed; retrying", exc_info=True)
                continue
            for w, problem in verdicts:
                w.problem = problem
            self.passes += 1

    def _check(self, watches: list[Watch]) -> list[tuple[Watch, ApiError | None]]:
        hashes = sorted({w.token_hash for w in watches})
        found: dict[str, tuple[OfficerToken, Officer]] = {}
        with self._read() as db:
            for i in range(0, len(hashes), CHUNK):
                rows = db.execute(
                    select(OfficerToken, Officer)
                    .join(Officer, Officer.id == OfficerToken.officer_id)
                    .where(OfficerToken.token_hash.in_(hashes[i : i + CHUNK]))
                ).all()
                found.update({tok.token_hash: (tok, officer) for tok, officer in rows})
            units = [(uid, parent) for uid, parent in db.execute(select(Unit.id, Unit.parent_id))]
        subtrees: dict[int, frozenset[int]] = {}
        out = []
        for w in watches:
            tok, officer = found.get(w.token_hash, (None, None))
            problem = token_problem(tok, officer)
            if problem is None and officer is not None:
                if officer.unit_id not in subtrees:
                    subtrees[officer.unit_id] = frozenset(subtree_of(units, officer.unit_id))
                if officer.role != w.viewer.role or subtrees[officer.unit_id] != w.viewer.scope:
                    problem = SCOPE_CHANGED
            out.append((w, problem))
        return out
