"""Accounts and sessions: officers signing in and out, going on duty; citizens' identities.

Sign-in is slowed down per badge+address, badge and address (`ratelimit.LoginLimiter`) and
checks the password against a slow salted hash outside any transaction; both
outcomes are audited. Going on or off duty is seen by every console
(`officer.updated`).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from platform_server.config import ServerSettings
from platform_server.domain.audit import record_audit
from platform_server.domain.checks import check_line
from platform_server.domain.origin import Origin
from platform_server.domain.ratelimit import LoginLimiter
from platform_server.domain.scope import viewer_for
from platform_server.domain.security import (
    DUMMY_HASH,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.events.log import record_event
from platform_server.schemas import OfficerOut
from platform_server.storage.engines import Database
from platform_server.storage.models import (
    Citizen,
    CitizenToken,
    Officer,
    OfficerToken,
    Unit,
    utcnow,
)

log = logging.getLogger(__name__)

BAD_CREDENTIALS = "警号或密码不正确，请核对后重试。"
MIN_PASSWORD_CHARS = 8
MAX_WORKSTATION_CHARS = 100  # as schemas.LoginIn


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_at: datetime
    officer: Officer


def officer_out(o: Officer) -> OfficerOut:
    return OfficerOut(
        id=o.id,
        badge=o.badge,
        name=o.name,
        unit_id=o.unit_id,
        role=o.role,  # type: ignore[arg-type]
        on_duty=o.on_duty,
    )


def login(
    db: Database,
    settings: ServerSettings,
    limiter: LoginLimiter,
    *,
    badge: str,
    password: str,
    workstation: str,
    address: str,
) -> SignedIn:
    """A new bearer token for the officer; 401 for a wrong badge or password, 429 when
    this badge or address failed too often lately."""
    check_line(badge, "警号", required=True)
    check_line(workstation, "工作站名称", MAX_WORKSTATION_CHARS, required=False)
    # Checked before verifying, so a waiting guesser gets no answer about the
    # password at all (and costs us no hashing).
    wait = limiter.retry_after(badge, address)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise ApiError(
            429,
            "rate_limited",
            f"登录失败次数过多，请 {seconds} 秒后再试。",
            headers={"Retry-After": str(seconds)},
            retry_after=seconds,
        )
    with db.reading() as s:
        officer = s.scalar(select(Officer).where(Officer.badge == badge))
    # Unknown badges are checked against a dummy hash so timing does not tell
    # which badges exist.
    password_ok = verify_password(
        password, officer.password_hash if officer is not None else DUMMY_HASH
    )
    if officer is None or not password_ok:
        slowed = limiter.failed(badge, address)
        if slowed:
            # Once per step of the back-off, not per refused attempt: a flood of
            # guesses must not flood the log.
            log.warning(
                "login rate-limited (%s): badge=%r address=%s", "+".join(slowed), badge, address
            )
        with db.writing() as s:
            record_audit(
                s,
                Origin(address=address),
                "login.failed",
                target_type="officer",
                target_id=officer.id if officer is not None else None,
                detail=f"workstation={workstation}",
                badge=badge,
            )
        raise ApiError(401, "bad_credentials", BAD_CREDENTIALS)
    if not officer.active:
        raise ApiError(403, "officer_disabled", "该账号已停用，请联系管理员。")
    # The address's count is not cleared: else one could reset it by signing in to
    # an account of one's own between guesses.
    limiter.succeeded(badge, address)
    token, digest = new_token()
    now = utcnow()
    expires = now + timedelta(hours=settings.token_ttl_hours)
    with db.writing() as s:
        s.add(
            OfficerToken(
                token_hash=digest,
                officer_id=officer.id,
                workstation=workstation,
                created_at=now,
                expires_at=expires,
            )
        )
        origin = Origin(officer=viewer_for(s, officer, workstation), address=address)
        record_audit(s, origin, "login", target_type="officer", target_id=officer.id)
    return SignedIn(token, expires, officer)


def logout(db: Session, origin: Origin, token: str) -> None:
    """Revoke this bearer token (other sessions of the officer stay signed in)."""
    db.execute(
        update(OfficerToken)
        .where(OfficerToken.token_hash == token_hash(token), OfficerToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    record_audit(db, origin, "logout", target_type="officer", target_id=origin.officer_id)


def set_duty(db: Session, origin: Origin, on_duty: bool) -> OfficerOut:
    """The acting officer goes on or off duty; every console hears of a change."""
    officer = db.get(Officer, origin.need_officer().officer_id)
    if officer is None:  # deleted between token check and now
        raise ApiError(401, "token_invalid", "登录凭证无效，请重新登录。")
    changed = officer.on_duty != on_duty
    officer.on_duty = on_duty
    out = officer_out(officer)
    if changed:
        event = ev.OfficerUpdated(
            **out.model_dump(), actor=origin.actor(), idempotency_key=origin.idempotency_key
        )
        record_event(db, event)
        action = "duty.on" if on_duty else "duty.off"
        record_audit(db, origin, action, target_type="officer", target_id=officer.id)
    return out


def create_officer(
    db: Session, *, badge: str, name: str, unit_code: str, role: str, password: str
) -> Officer:
    """A new officer account (the `create-officer` command); 422 when it cannot be made."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ApiError(422, "weak_password", f"密码至少 {MIN_PASSWORD_CHARS} 位。")
    unit = db.scalar(select(Unit).where(Unit.code == unit_code))
    if unit is None:
        raise ApiError(422, "unknown_unit", f"没有单位代码 {unit_code}。")
    if db.scalar(select(Officer).where(Officer.badge == badge)):
        raise ApiError(409, "badge_exists", f"警号 {badge} 已存在。")
    officer = Officer(
        badge=badge,
        name=name,
        unit_id=unit.id,
        role=role,
        password_hash=hash_password(password),
    )
    db.add(officer)
    db.flush()
    return officer


def open_citizen_session(
    db: Session, settings: ServerSettings, *, nickname: str, phone: str | None
) -> tuple[str, datetime, Citizen]:
    """A new citizen identity and its bearer token (token, expiry, citizen).

    Every call makes a new identity, even for a phone number seen before: handing out
    an existing identity by phone number would let anyone read someone else's
    silent reports.
    """
    token, digest = new_token()
    now = utcnow()
    expires = now + timedelta(hours=settings.citizen_token_ttl_hours)
    citizen = Citizen(nickname=nickname, phone=phone, created_at=now)
    db.add(citizen)
    db.flush()
    db.add(
        CitizenToken(token_hash=digest, citizen_id=citizen.id, created_at=now, expires_at=expires)
    )
    return token, expires, citizen


def token_problem(tok: OfficerToken | None, officer: Officer | None) -> ApiError | None:
    """Why this officer token may not be used now, or None while it is good."""
    if tok is None or officer is None:
        return ApiError(
            401,
            "token_invalid",
            "登录凭证无效，请重新登录。",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if tok.revoked_at is not None:
        return ApiError(
            401, "token_revoked", "已退出登录，请重新登录。", headers={"WWW-Authenticate": "Bearer"}
        )
    if tok.expires_at <= utcnow():
        return ApiError(
            401,
            "token_expired",
            "登录已过期（超过一个班次），请重新登录。",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not officer.active:
        return ApiError(403, "officer_disabled", "该账号已停用，请联系管理员。")
    return None
