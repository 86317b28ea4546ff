"""Where a change comes from: the acting officer (or a citizen, or the platform itself)
and the request that asked for it.

Every domain action takes an `Origin`. It decides what the change's timeline entry
names as the actor, what its event carries as `actor` and `idempotency_key`, and
what its audit record says (officers' actions only).
"""

from __future__ import annotations

from dataclasses import dataclass

from platform_server.domain.scope import Viewer
from platform_server.events.types import ActorRef


@dataclass(frozen=True)
class Origin:
    """Who caused a change, through which request.

    Attributes:
        officer: the signed-in officer, or None for citizens and the platform.
        citizen_id: the citizen, for changes made through the public API.
        idempotency_key: the request's `Idempotency-Key` header (checked), or None.
        address: the client's address, for the audit log.
    """

    officer: Viewer | None = None
    citizen_id: int | None = None
    idempotency_key: str | None = None
    address: str = ""

    @property
    def kind(self) -> str:
        """The timeline's `actor_kind`: officer, citizen or system."""
        if self.officer is not None:
            return "officer"
        return "citizen" if self.citizen_id is not None else "system"

    @property
    def officer_id(self) -> int | None:
        return self.officer.officer_id if self.officer is not None else None

    def actor(self) -> ActorRef | None:
        """The `actor` of the events this change records."""
        o = self.officer
        return None if o is None else ActorRef(id=o.officer_id, badge=o.badge, name=o.name)

    def need_officer(self) -> Viewer:
        """The acting officer; officer actions are never called without one."""
        if self.officer is None:
            raise TypeError("this action needs an officer")
        return self.officer


SYSTEM = Origin()  # the platform itself: escalation, archiving
