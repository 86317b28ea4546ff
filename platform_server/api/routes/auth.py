"""Officer sign-in: login, logout, who am I.

Routes are plain `def`, so FastAPI runs them in its threadpool: the deliberately
slow password hash never blocks the event loop that serves the event streams.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentViewer, client_address, officer_origin
from platform_server.domain import accounts
from platform_server.domain.security import token_hash
from platform_server.storage.models import Officer, OfficerToken, Unit

router = APIRouter(tags=["auth"])


def _token(request: Request) -> str:
    # The auth dependency already validated this header.
    return request.headers["authorization"].partition(" ")[2].strip()


@router.post(
    "/auth/login",
    response_model=schemas.LoginOut,
    responses={401: {"model": schemas.ErrorOut}, 429: {"model": schemas.ErrorOut}},
)
def login(body: schemas.LoginIn, request: Request, ctx: Ctx) -> schemas.LoginOut:
    signed_in = accounts.login(
        ctx.db,
        ctx.settings,
        ctx.limiter,
        badge=body.badge,
        password=body.password,
        workstation=body.workstation,
        address=client_address(request),
    )
    return schemas.LoginOut(
        token=signed_in.token,
        expires_at=signed_in.expires_at,
        officer=accounts.officer_out(signed_in.officer),
    )


@router.post(
    "/auth/logout",
    status_code=204,
    response_class=Response,
    responses={401: {"model": schemas.ErrorOut}},
)
def logout(viewer: CurrentViewer, request: Request, ctx: Ctx) -> Response:
    with ctx.write() as db:
        accounts.logout(db, officer_origin(request, viewer, None), _token(request))
    return Response(status_code=204)


@router.get("/me", response_model=schemas.MeOut, responses={401: {"model": schemas.ErrorOut}})
def me(viewer: CurrentViewer, request: Request, ctx: Ctx) -> schemas.MeOut:
    with ctx.read() as db:
        row = db.execute(
            select(Officer, Unit.name, OfficerToken.expires_at)
            .join(Unit, Unit.id == Officer.unit_id)
            .join(OfficerToken, OfficerToken.officer_id == Officer.id)
            .where(OfficerToken.token_hash == token_hash(_token(request)))
        ).one()
    officer, unit_name, expires_at = row
    return schemas.MeOut(
        **accounts.officer_out(officer).model_dump(),
        unit_name=unit_name,
        scope_unit_ids=sorted(viewer.scope),
        workstation=viewer.workstation,
        token_expires_at=expires_at,
    )
