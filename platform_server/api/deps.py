"""Request context and the dependencies every route uses: auth, If-Match, writes.

`AppContext.write()` is the platform's `send_event_on_commit`: events recorded in
the transaction reach the hub only after it commits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Header, Path, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.api.stream_guard import StreamGuard
from platform_server.config import ServerSettings
from platform_server.domain import idempotency
from platform_server.domain.accounts import token_problem
from platform_server.domain.checks import check_text
from platform_server.domain.origin import Origin
from platform_server.domain.scope import Viewer, viewer_for
from platform_server.domain.security import token_hash
from platform_server.errors import ApiError
from platform_server.events.log import EVENTS_WRITTEN
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.engines import Database
from platform_server.storage.models import CitizenToken, Officer, OfficerToken, Post, utcnow

if TYPE_CHECKING:
    from platform_server.domain.ratelimit import LoginLimiter
    from platform_server.events.hub import EventHub


@dataclass
class AppContext:
    """What a running server holds: settings, database, event hub, login limiter."""

    settings: ServerSettings
    db: Database
    hub: EventHub
    limiter: LoginLimiter
    guard: StreamGuard = field(init=False)  # set by create_app (needs `read`)
    extras: dict[str, object] = field(default_factory=dict)
    # What "now" is for post actions (tests inject a clock; naive UTC like the columns).
    clock: Callable[[], datetime] = utcnow

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction; wakes the event hub after a commit that wrote events."""
        with self.db.writing() as s:
            yield s
            wrote = bool(s.info.pop(EVENTS_WRITTEN, False))
        if wrote:
            self.hub.notify()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.reading() as s:
            yield s


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            "unauthenticated",
            "请先登录。",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def viewer_from_token(db: Session, token: str) -> Viewer:
    row = db.execute(
        select(OfficerToken, Officer)
        .join(Officer, Officer.id == OfficerToken.officer_id)
        .where(OfficerToken.token_hash == token_hash(token))
    ).first()
    tok, officer = row if row is not None else (None, None)
    problem = token_problem(tok, officer)
    if problem is not None:
        raise problem
    assert tok is not None and officer is not None
    return viewer_for(db, officer, tok.workstation)


def current_viewer(request: Request, ctx: Ctx) -> Viewer:
    token = _bearer(request)
    with ctx.read() as db:
        viewer = viewer_from_token(db, token)
    request.state.viewer = viewer
    return viewer


CurrentViewer = Annotated[Viewer, Depends(current_viewer)]


def current_leader(viewer: CurrentViewer) -> Viewer:
    if not viewer.is_leader:
        raise ApiError(403, "forbidden", "只有领导和管理员可以查看这些内容。")
    return viewer


CurrentLeader = Annotated[Viewer, Depends(current_leader)]


def current_citizen(request: Request, ctx: Ctx) -> int:
    token = _bearer(request)
    with ctx.read() as db:
        tok = db.scalar(select(CitizenToken).where(CitizenToken.token_hash == token_hash(token)))
    if tok is None or tok.expires_at <= utcnow():
        raise ApiError(
            401,
            "token_invalid",
            "身份已失效，请重新进入平台。",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return tok.citizen_id


CurrentCitizen = Annotated[int, Depends(current_citizen)]

# An id in the path: a number out of any id's range is 404 (api.errors), never a 500.
PathId = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
# An id filter in the query: out of range is 422.
QueryId = Annotated[int | None, Query(ge=1, le=MAX_DB_INT)]

IDEMPOTENCY_DOC = (
    "Makes a retry safe: a repeat with the same key and the same body (per signed-in "
    "officer or citizen) gets the first response again, with `Idempotent-Replayed: true`; "
    "the same key with a different body is 422 `idempotency_key_reused`. 1-200 ASCII "
    "characters; a new random key per new request."
)
IF_MATCH_DOC = (
    'The post\'s version from its ETag, e.g. `"7"`. Required on state-changing actions: '
    "428 `precondition_required` without it, 412 `stale_version` when the post has "
    "changed since (the answer carries the current version and ETag)."
)
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", description=IDEMPOTENCY_DOC)]
IfMatch = Annotated[str | None, Header(alias="If-Match", description=IF_MATCH_DOC)]

_ETAG_RE = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')


def etag(post: Post) -> str:
    return f'"{post.version}"'


def check_if_match(if_match: str | None, post: Post) -> None:
    """428 without If-Match, 412 when the client's version is not the current one."""
    if if_match is None:
        raise ApiError(
            428,
            "precondition_required",
            "请求缺少 If-Match（帖子版本），请刷新后再试。",
            current_version=post.version,
        )
    m = _ETAG_RE.match(if_match)
    if not m:
        raise ApiError(
            412, "precondition_failed", "If-Match 格式不正确。", current_version=post.version
        )
    if int(m.group(1)) != post.version:
        raise ApiError(
            412,
            "stale_version",
            "这条帖子已被他人更新，请查看最新内容后再操作。",
            current_version=post.version,
            headers={"ETag": etag(post)},
        )


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def officer_origin(request: Request, viewer: Viewer, key: str | None) -> Origin:
    """The officer's request as the domain records it (422 for a malformed key)."""
    return Origin(
        officer=viewer,
        idempotency_key=idempotency.check_key(key),
        address=client_address(request),
    )


def storable_query(request: Request) -> None:
    """422 for a query string with a NUL or a lone surrogate in it (`%00`): PostgreSQL
    cannot compare such text with anything, so it must not reach a query."""
    for name, value in request.query_params.multi_items():
        shown = name if name.isprintable() and len(name) <= 40 else "?"
        check_text(value, f"查询参数 {shown} ", required=False)
        check_text(name, "查询参数名", required=False)
