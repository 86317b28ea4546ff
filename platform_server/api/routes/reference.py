"""Routes: reference data (boards, units, officers, templates), server meta, duty toggle."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from platform_server import __version__, schemas
from platform_server.api.deps import Ctx, CurrentViewer, IdempotencyKey, officer_origin
from platform_server.domain import accounts, calendar
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.models import Board, Officer, ReplyTemplate, Unit, utcnow

router = APIRouter(tags=["reference"])

_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
}


@router.get(
    "/boards", response_model=list[schemas.BoardOut], summary="Boards (板块)", responses=_AUTH
)
def boards(ctx: Ctx, _viewer: CurrentViewer) -> list[schemas.BoardOut]:
    with ctx.read() as db:
        rows = db.scalars(select(Board).order_by(Board.sort_order, Board.id)).all()
        working_days = calendar.all_working_days(db)
        return [
            schemas.BoardOut(
                id=b.id,
                code=b.code,
                name=b.name,
                deadline_minutes=b.deadline_minutes,
                deadline_working_days=working_days.get(b.code),
                restricted=b.restricted,
            )
            for b in rows
        ]


@router.get(
    "/units",
    response_model=list[schemas.UnitOut],
    summary="Units: bureau, branches, stations, specialised and municipal",
    responses=_AUTH,
)
def units(ctx: Ctx, _viewer: CurrentViewer) -> list[schemas.UnitOut]:
    with ctx.read() as db:
        rows = db.scalars(select(Unit).order_by(Unit.id)).all()
        return [
            schemas.UnitOut(id=u.id, code=u.code, name=u.name, kind=u.kind, parent_id=u.parent_id)
            for u in rows
        ]


@router.get(
    "/officers",
    response_model=list[schemas.OfficerOut],
    summary="Active officers with their on-duty state",
    responses=_AUTH,
)
def officers(
    ctx: Ctx,
    _viewer: CurrentViewer,
    unit: Annotated[
        int | None, Query(ge=1, le=MAX_DB_INT, description="only this unit (not its sub-units)")
    ] = None,
    on_duty: Annotated[bool | None, Query()] = None,
) -> list[schemas.OfficerOut]:
    with ctx.read() as db:
        stmt = select(Officer).where(Officer.active.is_(True)).order_by(Officer.badge)
        if unit is not None:
            stmt = stmt.where(Officer.unit_id == unit)
        if on_duty is not None:
            stmt = stmt.where(Officer.on_duty.is_(on_duty))
        return [accounts.officer_out(o) for o in db.scalars(stmt)]


@router.get(
    "/templates",
    response_model=list[schemas.TemplateOut],
    summary="Reply templates",
    responses=_AUTH,
)
def templates(ctx: Ctx, _viewer: CurrentViewer) -> list[schemas.TemplateOut]:
    with ctx.read() as db:
        rows = db.scalars(select(ReplyTemplate).order_by(ReplyTemplate.id)).all()
        return [
            schemas.TemplateOut(
                id=t.id, title=t.title, body=t.body, board_code=t.board_code, shortcut=t.shortcut
            )
            for t in rows
        ]


@router.get(
    "/meta",
    response_model=schemas.MetaOut,
    summary="What this server is: demo flag, limits, escalation time, server clock",
)
def meta(ctx: Ctx) -> schemas.MetaOut:
    s = ctx.settings
    return schemas.MetaOut(
        name="临江市网上公安局（演示平台）" if s.demo else "网上公安局平台",
        version=__version__,
        demo=s.demo,
        escalation_seconds=s.escalation_seconds,
        max_body_chars=s.max_body_chars,
        max_title_chars=s.max_title_chars,
        max_attachment_bytes=s.max_attachment_bytes,
        server_time=utcnow(),
    )


@router.put(
    "/me/duty",
    response_model=schemas.OfficerOut,
    summary="Go on or off duty (seen by every console)",
    responses=_AUTH,
)
def set_duty(
    payload: schemas.DutyIn,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    idempotency_key: IdempotencyKey = None,
) -> schemas.OfficerOut:
    origin = officer_origin(request, viewer, idempotency_key)
    with ctx.write() as db:
        return accounts.set_duty(db, origin, payload.on_duty)
