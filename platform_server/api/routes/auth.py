"""Officer sign-in: login, logout, who am I.

Routes are plain `def`, so FastAPI runs them in its threadpool: the deliberately
slow password hash never blocks the event loop that serves the event streams.
"""

from __future__ import annotations

import logging
import math
from datetime import timedelta

from fastapi import APIRouter, Request, Response
from sqlalchemy import select, update

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentViewer, client_address
from platform_server.domain.audit import record_audit
from platform_server.domain.scope import viewer_for
from platform_server.domain.security import DUMMY_HASH, new_token, token_hash, verify_password
from platform_server.errors import ApiError
from platform_server.storage.models import Officer, OfficerToken, Unit, utcnow

log = logging.getLogger(__name__)

router = APIRouter(tags=["auth"])

_BAD_CREDENTIALS = "警号或密码不正确，请核对后重试。"


def officer_out(o: Officer) -> schemas.OfficerOut:
    return schemas.OfficerOut(
        id=o.id,
        badge=o.badge,
        name=o.name,
        unit_id=o.unit_id,
        role=o.role,  # type: ignore[arg-type]
        on_duty=o.on_duty,
    )


@router.post(
    "/auth/login",
    response_model=schemas.LoginOut,
    responses={401: {"model": schemas.ErrorOut}, 429: {"model": schemas.ErrorOut}},
)
def login(body: schemas.LoginIn, request: Request, ctx: Ctx) -> schemas.LoginOut:
    address = client_address(request)
    keys = (f"badge:{body.badge}", f"addr:{address}")
    # Checked before verifying, so a locked-out guesser gets no answer about the
    # password at all (and costs us no hashing).
    wait = ctx.limiter.retry_after(*keys)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        log.warning("login rate-limited: badge=%r address=%s", body.badge, address)
        raise ApiError(
            429,
            "rate_limited",
            f"登录失败次数过多，请 {seconds} 秒后再试。",
            headers={"Retry-After": str(seconds)},
            retry_after=seconds,
        )
    with ctx.read() as db:
        officer = db.scalar(select(Officer).where(Officer.badge == body.badge))
    # Unknown badges are checked against a dummy hash so timing does not tell
    # which badges exist.
    password_ok = verify_password(
        body.password, officer.password_hash if officer is not None else DUMMY_HASH
    )
    if officer is None or not password_ok:
        ctx.limiter.failed(*keys)
        with ctx.write() as db:
            record_audit(
                db,
                None,
                "login.failed",
                target_type="officer",
                target_id=officer.id if officer is not None else None,
                detail=f"workstation={body.workstation}",
                address=address,
                badge=body.badge,
            )
        raise ApiError(401, "bad_credentials", _BAD_CREDENTIALS)
    if not officer.active:
        raise ApiError(403, "officer_disabled", "该账号已停用，请联系管理员。")
    # Only the badge's counter is cleared: clearing the address's too would let
    # someone reset it by signing in to an account of their own between guesses.
    ctx.limiter.succeeded(keys[0])
    token, digest = new_token()
    now = utcnow()
    expires = now + timedelta(hours=ctx.settings.token_ttl_hours)
    with ctx.write() as db:
        db.add(
            OfficerToken(
                token_hash=digest,
                officer_id=officer.id,
                workstation=body.workstation,
                created_at=now,
                expires_at=expires,
            )
        )
        viewer = viewer_for(db, officer, body.workstation)
        record_audit(
            db, viewer, "login", target_type="officer", target_id=officer.id, address=address
        )
    return schemas.LoginOut(token=token, expires_at=expires, officer=officer_out(officer))


@router.post(
    "/auth/logout",
    status_code=204,
    response_class=Response,
    responses={401: {"model": schemas.ErrorOut}},
)
def logout(viewer: CurrentViewer, request: Request, ctx: Ctx) -> Response:
    token = request.headers["authorization"].partition(" ")[2].strip()
    with ctx.write() as db:
        db.execute(
            update(OfficerToken)
            .where(OfficerToken.token_hash == token_hash(token), OfficerToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        record_audit(
            db,
            viewer,
            "logout",
            target_type="officer",
            target_id=viewer.officer_id,
            address=client_address(request),
        )
    return Response(status_code=204)


@router.get("/me", response_model=schemas.MeOut, responses={401: {"model": schemas.ErrorOut}})
def me(viewer: CurrentViewer, request: Request, ctx: Ctx) -> schemas.MeOut:
    token = request.headers["authorization"].partition(" ")[2].strip()
    with ctx.read() as db:
        row = db.execute(
            select(Officer, Unit.name, OfficerToken.expires_at)
            .join(Unit, Unit.id == Officer.unit_id)
            .join(OfficerToken, OfficerToken.officer_id == Officer.id)
            .where(OfficerToken.token_hash == token_hash(token))
        ).one()
    officer, unit_name, expires_at = row
    return schemas.MeOut(
        **officer_out(officer).model_dump(),
        unit_name=unit_name,
        scope_unit_ids=sorted(viewer.scope),
        workstation=viewer.workstation,
        token_expires_at=expires_at,
    )
