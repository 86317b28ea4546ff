"""What the officer asked the queue to show, and the order the platform returns it in.

`QueueFilters` becomes the query of `GET /api/v1/posts` (filtering, search, sorting and
paging all happen on the platform) and also decides, for a post that changes live,
whether it belongs in the loaded rows and where (`sort_key` mirrors the platform's
ORDER BY in platform_server/listing.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

from console.api.models import OPEN_STATUSES, Me, PostSummary

SORTS = ("priority", "deadline", "created_desc", "created_asc", "updated_desc")
SCOPES = ("all", "unit", "mine")
_CASE_NUMBER = re.compile(r"^\s*#?\s*(\d{1,9})\s*$")  # 19063 or #19063
_PHONE = re.compile(r"^\s*\+?[\d\s\-()]{10,24}\s*$")  # 138 1234 5678, 0571-8765-4321

STATUS_CHOICES = ("open", "new", "accepted", "in_progress", "resolved", "archived", "all")


def case_number(text: str) -> int | None:
    """The case number an officer typed in the search box (``19063``, ``#19063``), or None."""
    m = _CASE_NUMBER.match(text)
    return int(m.group(1)) if m else None


def phone_number(text: str) -> str | None:
    """The phone number typed in the search box, in digits (10–15 of them), or None."""
    if not _PHONE.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    return (
        ("+" if text.strip().startswith("+") else "") + digits if 10 <= len(digits) <= 15 else None
    )


@dataclass(frozen=True)
class QueueFilters:
    """What the officer asked to see, as officers think of it.

    Attributes:
        scope: "mine" (assigned to me), "unit" (my unit), "all" (everything visible).
        board: a board code, or "" for every board.
        status: "open" (new/accepted/in progress), a single status, or "all".
        overdue: only posts past their deadline.
        q: full-text search (server side; works in Chinese).
        sort: one of SORTS.
        assignee / unit: a drill-down from the dashboard to one officer's or one unit's
            posts (ids); they narrow whatever the scope says.
        district: a drill-down to the posts located in one station's district (unit id).
        ids: exactly these posts (a hotspot's members, opened together).
    """

    scope: str = "all"
    board: str = ""
    status: str = "open"
    overdue: bool = False
    q: str = ""
    sort: str = "priority"
    assignee: int | None = None
    unit: int | None = None
    district: int | None = None
    ids: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> QueueFilters:
        """Tolerates hand-edited or older saved views: unknown keys and bad values drop out."""
        if not isinstance(data, dict):
            return cls()
        f = cls()
        if data.get("scope") in SCOPES:
            f = replace(f, scope=data["scope"])
        if isinstance(data.get("board"), str):
            f = replace(f, board=data["board"])
        if data.get("status") in STATUS_CHOICES:
            f = replace(f, status=data["status"])
        if isinstance(data.get("overdue"), bool):
            f = replace(f, overdue=data["overdue"])
        if isinstance(data.get("q"), str):
            f = replace(f, q=data["q"][:200])
        if data.get("sort") in SORTS:
            f = replace(f, sort=data["sort"])
        assignee, unit = data.get("assignee"), data.get("unit")
        if isinstance(assignee, int) and not isinstance(assignee, bool):
            f = replace(f, assignee=assignee)
        if isinstance(unit, int) and not isinstance(unit, bool):
            f = replace(f, unit=unit)
        district, ids = data.get("district"), data.get("ids")
        if isinstance(district, int) and not isinstance(district, bool):
            f = replace(f, district=district)
        if isinstance(ids, list | tuple) and all(type(i) is int for i in ids):
            f = replace(f, ids=tuple(ids)[:200])
        return f

    def query(self) -> dict[str, Any]:
        """The query parameters of GET /api/v1/posts (platform_server/routes/posts.py)."""
        params: dict[str, Any] = {"sort": self.sort}
        if self.scope == "mine":
            params["assignee"] = "me"
        if self.assignee is not None:
            params["assignee"] = self.assignee
        if self.unit is not None:
            params["unit"] = self.unit
        if self.district is not None:
            params["district"] = self.district
        if self.ids:
            params["ids"] = ",".join(str(i) for i in self.ids)  # the platform reads a comma list
        if self.board:
            params["board"] = self.board
        if self.status == "open":
            params["status"] = ",".join(sorted(OPEN_STATUSES))
        elif self.status != "all":
            params["status"] = self.status
        if self.overdue:
            params["overdue"] = True
        params.update(_search_params(self.q))
        return params

    def matches(
        self,
        post: PostSummary,
        me: Me | None,
        now: datetime,
        below: Callable[[int], frozenset[int]] | None = None,
    ) -> bool:
        """Would the server list this post under these filters? (for live events)

        ``me`` is the signed-in officer; ``below(unit_id)`` gives a unit and the units
        under it (the platform's ``unit=`` includes them). Search is approximated by a
        substring test on what the row carries; the server's full-text search decides
        for real on the next reload.
        """
        return (
            self._in_scope(post, me, below)
            and (not self.board or post.board == self.board)
            and self._status_matches(post)
            and (not self.overdue or is_overdue(post, now))
            and self._text_matches(post)
        )

    def _in_scope(
        self, post: PostSummary, me: Me | None, below: Callable[[int], frozenset[int]] | None
    ) -> bool:
        if self.scope == "mine" and (me is None or post.assignee_id != me.id):
            return False
        if self.scope == "unit" and (me is None or post.unit_id not in self.unit_ids(me)):
            return False
        if self.assignee is not None and post.assignee_id != self.assignee:
            return False
        if self.district is not None and post.suggested_unit_id != self.district:
            return False
        if self.ids and post.id not in self.ids:
            return False
        if self.unit is not None:
            units = below(self.unit) if below is not None else frozenset({self.unit})
            return post.unit_id in units
        return True

    def _status_matches(self, post: PostSummary) -> bool:
        if self.status == "open":
            return post.status in OPEN_STATUSES
        return self.status in ("all", post.status)

    def _text_matches(self, post: PostSummary) -> bool:
        q = self.q.strip().lower()
        if not q:
            return True
        number = case_number(q)
        if number is not None:
            return post.id == number
        if phone_number(q) is not None:
            return False  # the platform knows the author's phone; the next reload decides
        hay = f"{post.title}\n{post.excerpt}\n{post.author.nickname}".lower()
        return all(term in hay for term in q.split())

    @staticmethod
    def unit_ids(me: Me) -> frozenset[int]:
        """My unit and the units below it (what the platform's `unit=` filter includes)."""
        return frozenset({*me.scope_unit_ids, me.unit_id})


def is_overdue(post: PostSummary, now: datetime) -> bool:
    return post.status in OPEN_STATUSES and post.deadline_at is not None and post.deadline_at <= now


def _far() -> datetime:
    return datetime.max.replace(tzinfo=UTC)


def sort_key(sort: str, now: Callable[[], datetime]) -> Callable[[PostSummary], Any]:
    """The order the server returns rows in (platform_server/listing.py), for live inserts."""
    if sort == "created_asc":
        return lambda p: (p.created_at, p.id)
    if sort == "created_desc":
        return lambda p: (-p.created_at.timestamp(), -p.id)
    if sort == "updated_desc":
        return lambda p: (-p.updated_at.timestamp(), -p.id)
    if sort == "deadline":
        return lambda p: (p.deadline_at or _far(), p.id)

    # priority: unacknowledged open silent reports, acknowledged open ones, then by the
    # post's priority (1 紧急 first), overdue first within it, then by deadline.
    def priority(p: PostSummary) -> Any:
        open_ = p.status in OPEN_STATUSES
        silent = (0 if p.acknowledged_at is None else 1) if p.is_silent and open_ else 2
        late = 0 if is_overdue(p, now()) else 1
        return (silent, p.priority, late, p.deadline_at or _far(), p.id)

    return priority


def _search_params(q: str) -> dict[str, str]:
    """The search box's words as query parameters: a case number, a phone, or terms."""
    number, phone = case_number(q), phone_number(q)
    if number is not None:
        return {"q": f"#{number}"}  # that case alone, whatever the other filters
    if phone is not None:
        return {"phone": phone}  # the author's posts (roles that may see phones)
    return {"q": q.strip()} if q.strip() else {}
