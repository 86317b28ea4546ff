"""The audit log: who did what, from which workstation, when (UTC)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from platform_server.domain.scope import Viewer
from platform_server.storage.models import AuditEntry, utcnow


def record_audit(
    db: Session,
    viewer: Viewer | None,
    action: str,
    *,
    target_type: str = "",
    target_id: int | None = None,
    detail: str = "",
    address: str = "",
    badge: str = "",
) -> None:
    db.add(
        AuditEntry(
            at=utcnow(),
            officer_id=viewer.officer_id if viewer else None,
            badge=viewer.badge if viewer else badge,
            workstation=viewer.workstation if viewer else "",
            action=action,
            target_type=target_type,
            target_id=target_id,
            detail=detail[:2000],
            address=address,
        )
    )
