"""The audit log: who did what, from which workstation and address, when (UTC).

Written by the domain's actions (`change.finish`, `accounts`) in the transaction of
the change itself. Officers' actions are recorded; so are failed sign-ins, named by
the badge that was tried. Citizens' and the platform's own changes are not (their
timeline entries and events say what happened).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from platform_server.domain.origin import Origin
from platform_server.storage.models import AuditEntry, utcnow

MAX_DETAIL_CHARS = 2000


def record_audit(
    db: Session,
    origin: Origin,
    action: str,
    *,
    target_type: str = "",
    target_id: int | None = None,
    detail: str = "",
    badge: str = "",
) -> None:
    """One audit entry for an officer's action (or a failed sign-in as `badge`)."""
    officer = origin.officer
    if officer is None and not badge:
        return
    db.add(
        AuditEntry(
            at=utcnow(),
            officer_id=officer.officer_id if officer else None,
            badge=officer.badge if officer else badge,
            workstation=officer.workstation if officer else "",
            action=action,
            target_type=target_type,
            target_id=target_id,
            detail=detail[:MAX_DETAIL_CHARS],
            address=origin.address,
        )
    )
