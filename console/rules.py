"""Who may read and act on what: the platform's rules, as the console applies them.

Pure functions on plain values, no Qt: a `Viewer` (the signed-in officer: id, role,
the unit subtree they answer for) and a `PostFacts` (what a post's rules depend on).
The platform decides for real (``platform_server`` scope and workflow); the console
uses the same rules to grey out what would only be refused, to explain why, and to
drop a post that has just left the officer's sight. A shared table of cases checks
these functions against the platform's.

============================  ===========================================================
function                      true when
============================  ===========================================================
``may_read(v, p)``            admin; or v holds p; or p is ordinary and v is an officer;
                              or p's unit, or one of its assisting units, is in v's
                              subtree (leaders: always this rule; officers: for
                              restricted posts — silent reports and restricted boards)
``may_act(v, p)``             admin; or v holds p; or p's unit is in v's subtree
``assisting(v, p)``           one of p's assisting units (协办 of its current dispatch) is
                              in v's subtree: v reads p, its notes and its author's
                              phone, signs its part and writes notes, but does not lead
                              it (no accept, reply, transfer, return or close)
``may_read_notes(v, p)``      may_act, or assisting (also: may write a note)
``held_by_other(v, p)``       p is open and held by an officer who is not v
``holder_blocks(v, p)``       held by another and v is not a leader or admin: only the
                              holder (or a leader) replies to, transfers or resolves it
``state_allows(a, p)``        the post's state allows action a (table `ACTION_STATES`)
``may(v, a, p)``              `refusal(v, a, p)` is None
``handling_refusal(v, p)``    why v may not handle p at all, whatever its state:
                              ``"out_of_scope"`` (not may_act), ``"held_by_other"``
                              (holder_blocks), or None
``refusal(v, a, p)``          why v may not do a on p: as handling_refusal (except that
                              a holder never blocks acknowledge, and blocks accept even
                              for leaders; a note needs only may_read_notes), then
                              ``"state"`` (state_allows is false), or None
============================  ===========================================================

Actions (``a``): accept, transfer, close, reopen, acknowledge, reply, note. States in
which each is allowed (`state_allows`):

- accept: open, and nobody holds it or it is still new;
- transfer, close: open;
- reopen: resolved;
- acknowledge: a silent report nobody has acknowledged, whoever holds it;
- reply: open (a resolved post is reopened first: the platform refuses a public reply on it);
- note: anything but archived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from console.api.models import OPEN_STATUSES

LEADER_ROLES: frozenset[str] = frozenset({"leader", "admin"})
SILENT_REPORT = "silent_report"

OUT_OF_SCOPE = "out_of_scope"
HELD_BY_OTHER = "held_by_other"
WRONG_STATE = "state"


@dataclass(frozen=True)
class Viewer:
    """The signed-in officer as the rules see them.

    Attributes:
        officer_id: their id.
        role: "officer", "leader" or "admin".
        scope: ids of their unit and every unit below it.
    """

    officer_id: int
    role: str
    scope: frozenset[int]

    @classmethod
    def of(
        cls, officer_id: int, role: str, unit_id: int | None, scope: Iterable[int] = ()
    ) -> Viewer:
        """From what /me says: the unit subtree, or just the officer's unit when not given."""
        units = frozenset(scope) or (frozenset({unit_id}) if unit_id is not None else frozenset())
        return cls(officer_id, role, units)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_leader(self) -> bool:
        """Leaders and admins (both oversee their units' work)."""
        return self.role in LEADER_ROLES


@dataclass(frozen=True)
class PostFacts:
    """What the rules look at in a post.

    Attributes:
        kind: "post" or "silent_report".
        restricted: its board is restricted (complaints about officers and the like).
        unit_id: the unit handling it (None: none yet).
        assignee_id: the officer holding it (None: nobody).
        status: new, accepted, in_progress, resolved or archived.
        acknowledged: a silent report somebody has acknowledged.
        assist_unit_ids: the assisting units (协办) of its current dispatch.
    """

    kind: str
    restricted: bool
    unit_id: int | None
    assignee_id: int | None
    status: str
    acknowledged: bool = False
    assist_unit_ids: frozenset[int] = frozenset()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_silent(self) -> bool:
        return self.kind == SILENT_REPORT


def in_scope(viewer: Viewer, unit_id: int | None) -> bool:
    """The unit is one the viewer answers for (admins answer for all)."""
    return viewer.is_admin or (unit_id is not None and unit_id in viewer.scope)


def assisting(viewer: Viewer, post: PostFacts) -> bool:
    """One of the post's assisting units (联办) is one the viewer answers for."""
    return any(u in viewer.scope for u in post.assist_unit_ids)


def may_read(viewer: Viewer, post: PostFacts) -> bool:
    if viewer.is_admin or post.assignee_id == viewer.officer_id:
        return True
    if viewer.role == "leader" or post.is_silent or post.restricted:
        return in_scope(viewer, post.unit_id) or assisting(viewer, post)
    return True


def may_act(viewer: Viewer, post: PostFacts) -> bool:
    return (
        viewer.is_admin or post.assignee_id == viewer.officer_id or in_scope(viewer, post.unit_id)
    )


def may_read_notes(viewer: Viewer, post: PostFacts) -> bool:
    """Also who may write one: an assisting unit records its part in a note."""
    return may_act(viewer, post) or assisting(viewer, post)


def held_by_other(viewer: Viewer, post: PostFacts) -> bool:
    return post.assignee_id is not None and post.assignee_id != viewer.officer_id and post.is_open


def holder_blocks(viewer: Viewer, post: PostFacts) -> bool:
    return held_by_other(viewer, post) and not viewer.is_leader


ACTION_STATES = {
    "accept": lambda p: p.is_open and (p.assignee_id is None or p.status == "new"),
    "transfer": lambda p: p.is_open,
    "close": lambda p: p.is_open,
    "reopen": lambda p: p.status == "resolved",
    "acknowledge": lambda p: p.is_silent and not p.acknowledged,
    "reply": lambda p: p.is_open,
    "note": lambda p: p.status != "archived",
}
ACTIONS: tuple[str, ...] = tuple(ACTION_STATES)
# Acknowledging says "I have seen this alarm": whoever holds the report, it must go through.
_HOLDER_MAY_NOT_BLOCK = frozenset({"acknowledge"})
# A post someone holds is never accepted by another, leaders included (the platform's 409).
_HOLDER_BLOCKS_EVERYONE = frozenset({"accept"})


def state_allows(action: str, post: PostFacts) -> bool:
    try:
        rule = ACTION_STATES[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    return bool(rule(post))


def handling_refusal(viewer: Viewer, post: PostFacts) -> str | None:
    """Why the viewer may not handle this post at all, whatever its state (or None)."""
    if not may_act(viewer, post):
        return OUT_OF_SCOPE
    if holder_blocks(viewer, post):
        return HELD_BY_OTHER
    return None


def refusal(viewer: Viewer, action: str, post: PostFacts) -> str | None:
    """Why the viewer may not do this now (see the module table), or None."""
    why = handling_refusal(viewer, post)
    if why == HELD_BY_OTHER and action in _HOLDER_MAY_NOT_BLOCK:
        why = None
    if why == OUT_OF_SCOPE and action == "note" and may_read_notes(viewer, post):
        why = None  # an assisting unit writes its part (the platform's rule)
    if why is None and action in _HOLDER_BLOCKS_EVERYONE and held_by_other(viewer, post):
        why = HELD_BY_OTHER
    if why is None and not state_allows(action, post):
        why = WRONG_STATE
    return why


def may(viewer: Viewer, action: str, post: PostFacts) -> bool:
    return refusal(viewer, action, post) is None


# ---------------------------------------------------------------- the handling loop (issue 12)
# Mirrored from platform_server.domain.dispatch and .oversight; tests/contract checks them
# against the platform's answers case by case (tests/helpers/rule_cases.py LOOP_CASES).
@dataclass(frozen=True)
class DispatchFacts:
    """What the loop's rules look at in a post's current dispatch (派单).

    Attributes:
        unit_id: the lead unit (主办).
        assist_unit_ids: the assisting units (协办).
        signed: the lead unit has signed for it.
        assist_signed_unit_ids: assisting units that have signed their part.
        returnable: it came from another unit, and the post is still at the lead unit.
    """

    unit_id: int
    assist_unit_ids: frozenset[int] = frozenset()
    signed: bool = False
    assist_signed_unit_ids: frozenset[int] = frozenset()
    returnable: bool = True


LOOP_ACTIONS: tuple[str, ...] = ("sign", "return", "extension", "urge", "supervise")


def waits_for_my_signature(viewer: Viewer, d: DispatchFacts | None) -> bool:
    """A part of the dispatch that my units must sign for is still unsigned."""
    if d is None:
        return False
    if in_scope(viewer, d.unit_id) and not viewer.is_admin:
        return not d.signed
    mine = [u for u in d.assist_unit_ids if u in viewer.scope]
    return any(u not in d.assist_signed_unit_ids for u in mine)


def may_sign(viewer: Viewer, post: PostFacts, d: DispatchFacts | None) -> bool:
    """签收: an open, dispatched post, by the lead unit or an assisting unit."""
    if d is None or not post.is_open:
        return False
    return in_scope(viewer, d.unit_id) or any(u in viewer.scope for u in d.assist_unit_ids)


def loop_refusal(
    viewer: Viewer, action: str, post: PostFacts, d: DispatchFacts | None
) -> str | None:
    """Why the viewer may not take this step of the loop now (None: they may).

    sign: see `may_sign`; return: the holding unit (as any handling: a colleague's accepted
    post is the holder's) of a post dispatched from another unit; extension: anyone who
    may act on it, whoever holds it; urge, supervise: leaders who may act.
    Deadlines (an extension after the deadline, a supervision due in the past) and a
    request already waiting are the platform's to refuse, in its own sentence.
    """
    if action == "sign":
        return None if may_sign(viewer, post, d) else WRONG_STATE
    why = handling_refusal(viewer, post)
    if action in ("urge", "supervise", "extension"):  # whoever holds it (the platform's rule)
        why = OUT_OF_SCOPE if not may_act(viewer, post) else None
        if why is None and action != "extension" and not viewer.is_leader:
            why = LEADERS_ONLY
    if why is None and not post.is_open:
        why = WRONG_STATE
    if why is None and action == "return" and (d is None or not d.returnable):
        why = WRONG_STATE
    return why


LEADERS_ONLY = "leaders_only"


def dispatch_facts(dispatch: object | None, post_unit_id: int | None) -> DispatchFacts | None:
    """DispatchFacts of a post's `dispatch` (console.api.models.Dispatch; None: none)."""
    if dispatch is None:
        return None
    unit_id: int = getattr(dispatch, "unit_id")  # noqa: B009
    return DispatchFacts(
        unit_id,
        frozenset(getattr(dispatch, "assist_unit_ids", ())),
        getattr(dispatch, "signed_at", None) is not None,
        frozenset(getattr(dispatch, "assist_signed_unit_ids", ())),
        returnable=post_unit_id == unit_id,
    )
