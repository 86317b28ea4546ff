"""`GET /api/v1/audit`: the audit log, newest first, for leaders and admins.

Admins see everything. A leader sees what officers of units in their subtree did;
entries without an officer (failed logins with unknown badges) are admin-only.
Paging is keyset on the entry id, so pages stay stable while new entries arrive.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentLeader, QueryId
from platform_server.errors import ApiError
from platform_server.storage.models import AuditEntry, Officer

router = APIRouter(tags=["audit"])

MAX_LIMIT = 500


def _naive_utc(dt: datetime | None) -> datetime | None:
    if dt is None or dt.tzinfo is None:
        return dt
    return dt.astimezone(UTC).replace(tzinfo=None)


def _cursor(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ApiError(422, "bad_cursor", "分页游标无效，请从第一页重新查询。")
    return int(raw)


@router.get(
    "/audit",
    response_model=schemas.AuditPage,
    responses={401: {"model": schemas.ErrorOut}, 403: {"model": schemas.ErrorOut}},
)
def audit_log(
    *,
    viewer: CurrentLeader,
    ctx: Ctx,
    officer: Annotated[str | None, Query(max_length=20, description="badge")] = None,
    officer_id: QueryId = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    since: Annotated[datetime | None, Query(description="inclusive, ISO 8601")] = None,
    until: Annotated[datetime | None, Query(description="exclusive, ISO 8601")] = None,
    cursor: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> schemas.AuditPage:
    stmt = select(AuditEntry)
    if not viewer.is_admin:
        in_scope = select(Officer.id).where(Officer.unit_id.in_(viewer.scope))
        stmt = stmt.where(AuditEntry.officer_id.in_(in_scope))
    if officer:
        stmt = stmt.where(AuditEntry.badge == officer)
    if officer_id is not None:
        stmt = stmt.where(AuditEntry.officer_id == officer_id)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if since is not None:
        stmt = stmt.where(AuditEntry.at >= _naive_utc(since))
    if until is not None:
        stmt = stmt.where(AuditEntry.at < _naive_utc(until))
    after = _cursor(cursor)
    if after is not None:
        stmt = stmt.where(AuditEntry.id < after)
    stmt = stmt.order_by(AuditEntry.id.desc()).limit(limit + 1)
    with ctx.read() as db:
        rows = list(db.scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    return schemas.AuditPage(
        items=[
            schemas.AuditOut(
                id=r.id,
                at=r.at,
                officer_id=r.officer_id,
                badge=r.badge,
                workstation=r.workstation,
                action=r.action,
                target_type=r.target_type,
                target_id=r.target_id,
                detail=r.detail,
            )
            for r in rows
        ],
        next_cursor=str(rows[-1].id) if more and rows else None,
    )
