"""One table of cases for the rules of who may read and act on what.

Plain values only, so the platform's rules (`platform_server.domain.scope`) and the
console's copy of them can both be checked against the same expectations, case by
case. Each expectation is worked out by hand from the rules' table in scope.py.

The unit tree used: 1 bureau ─┬─ 2 command centre
                              ├─ 3 branch ── 4 station
                              └─ 5 inspection (handles complaints, a restricted board)

Assisting (联办): a post's `assist_unit_ids` are the assisting units of its current
dispatch; they read it (notes and phone too) but do not act as the lead unit, and an
event's reader units (`reader_unit_ids`) are the assisting units it had then.
"""

from __future__ import annotations

from dataclasses import dataclass

BUREAU, CMD, BRANCH, STATION, INSPECT = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Who:
    """A signed-in officer as the rules see them."""

    officer_id: int
    role: str  # officer | leader | admin
    scope: frozenset[int]  # their unit and every unit below it


OFFICER_CMD = Who(10, "officer", frozenset({CMD}))
OFFICER_STATION = Who(20, "officer", frozenset({STATION}))
LEADER_BRANCH = Who(30, "leader", frozenset({BRANCH, STATION}))
LEADER_CITY = Who(40, "leader", frozenset({BUREAU, CMD, BRANCH, STATION, INSPECT}))
ADMIN = Who(99, "admin", frozenset({BUREAU}))
OTHER_OFFICER = 11  # an officer of the command centre who holds some posts


@dataclass(frozen=True)
class Facts:
    """A post as the rules see it."""

    kind: str  # post | silent_report
    restricted: bool  # on a restricted board (complaints, tips)
    unit_id: int | None
    assignee_id: int | None = None
    status: str = "new"
    assist_unit_ids: frozenset[int] = frozenset()  # of its current dispatch (协办)


ORDINARY_CMD = Facts("post", False, CMD)
SILENT_CMD = Facts("silent_report", False, CMD)
COMPLAINT = Facts("post", True, INSPECT)
HELD_AT_STATION = Facts("post", False, STATION, OFFICER_STATION.officer_id, "accepted")
HELD_BY_OTHER = Facts("post", False, CMD, OTHER_OFFICER, "accepted")
RESOLVED_BY_OTHER = Facts("post", False, CMD, OTHER_OFFICER, "resolved")
CMD_HELD_BY_STATION = Facts("post", False, CMD, OFFICER_STATION.officer_id, "accepted")
SILENT_HELD_BY_STATION = Facts("silent_report", False, CMD, OFFICER_STATION.officer_id, "accepted")
NO_UNIT = Facts("post", False, None)
# Dispatched with the station assisting (联办).
COMPLAINT_ASSISTED = Facts("post", True, INSPECT, assist_unit_ids=frozenset({STATION}))
SILENT_ASSISTED = Facts("silent_report", False, CMD, assist_unit_ids=frozenset({STATION}))
ORDINARY_ASSISTED = Facts("post", False, CMD, assist_unit_ids=frozenset({STATION}))


@dataclass(frozen=True)
class PostCase:
    name: str
    who: Who
    post: Facts
    may_read: bool
    may_act: bool
    may_see_phone: bool
    may_claim: bool  # accept
    may_handle: bool  # reply, transfer, close
    notes: bool | None = None  # may read (and write) notes; None: as may_act

    @property
    def may_read_notes(self) -> bool:
        return self.may_act if self.notes is None else self.notes


T, F = True, False
POST_CASES = [
    # name, who, post, then: read, act, phone, claim, handle
    PostCase("officer reads and acts in own unit", OFFICER_CMD, ORDINARY_CMD, T, T, T, T, T),
    PostCase("ordinary posts are public", OFFICER_STATION, ORDINARY_CMD, T, F, F, T, T),
    PostCase("silent report outside scope is unseen", OFFICER_STATION, SILENT_CMD, F, F, F, T, T),
    PostCase("silent report in scope", OFFICER_CMD, SILENT_CMD, T, T, T, T, T),
    PostCase("complaint outside scope is unseen", OFFICER_CMD, COMPLAINT, F, F, F, T, T),
    PostCase("leader sees only their subtree", LEADER_BRANCH, ORDINARY_CMD, F, F, T, T, T),
    PostCase("leader steps in on a held post", LEADER_BRANCH, HELD_AT_STATION, T, T, T, F, T),
    PostCase("city leader reads complaints", LEADER_CITY, COMPLAINT, T, T, T, T, T),
    PostCase("admin sees everything", ADMIN, SILENT_CMD, T, T, T, T, T),
    PostCase("admin may not claim a held post", ADMIN, HELD_BY_OTHER, T, T, T, F, T),
    PostCase("holder acts outside their unit", OFFICER_STATION, CMD_HELD_BY_STATION, T, T, F, T, T),
    PostCase(
        "holder reads a silent report", OFFICER_STATION, SILENT_HELD_BY_STATION, T, T, F, T, T
    ),
    PostCase("held by a colleague: hands off", OFFICER_CMD, HELD_BY_OTHER, T, T, T, F, F),
    PostCase("resolved posts are held by nobody", OFFICER_CMD, RESOLVED_BY_OTHER, T, T, T, T, T),
    PostCase("leader outside scope of a silent report", LEADER_BRANCH, SILENT_CMD, F, F, T, T, T),
    PostCase("a post with no unit yet", OFFICER_CMD, NO_UNIT, T, F, F, T, T),
    # 联办: an assisting unit reads its case, notes and phone too, but does not lead it.
    PostCase(
        "assisting unit reads a complaint", OFFICER_STATION, COMPLAINT_ASSISTED, T, F, T, T, T, T
    ),
    PostCase(
        "assisting unit reads a silent report", OFFICER_STATION, SILENT_ASSISTED, T, F, T, T, T, T
    ),
    PostCase(
        "assisting an ordinary post: notes, phone",
        OFFICER_STATION,
        ORDINARY_ASSISTED,
        T,
        F,
        T,
        T,
        T,
        T,
    ),
    PostCase("no part in the 联办: unseen", OFFICER_CMD, COMPLAINT_ASSISTED, F, F, F, T, T, F),
    PostCase(
        "leader above the assisting unit reads", LEADER_BRANCH, COMPLAINT_ASSISTED, T, F, T, T, T, T
    ),
    PostCase("the lead unit's own notes as before", OFFICER_CMD, SILENT_ASSISTED, T, T, T, T, T, T),
]


@dataclass(frozen=True)
class EventCase:
    name: str
    who: Who
    audience: str  # everyone | all | scope | leaders
    unit_id: int | None
    prev_unit_id: int | None
    assignee_id: int | None
    receives: bool
    reader_unit_ids: frozenset[int] = frozenset()  # the post's assisting units then


ASSISTED_BY_STATION = frozenset({STATION})
EVENT_CASES = [
    EventCase("public news reaches every officer", OFFICER_STATION, "all", CMD, None, None, T),
    EventCase("scoped news stays in scope", OFFICER_STATION, "scope", CMD, None, None, F),
    EventCase("the unit a post left hears of it", OFFICER_STATION, "scope", CMD, STATION, None, T),
    EventCase("the holder always hears", OFFICER_STATION, "scope", CMD, None, 20, T),
    EventCase("leaders hear their subtree only", LEADER_BRANCH, "all", CMD, None, None, F),
    EventCase("leaders hear their subtree", LEADER_BRANCH, "all", STATION, None, None, T),
    EventCase("admins hear everything", ADMIN, "scope", INSPECT, None, None, T),
    EventCase("scoped news in scope", OFFICER_CMD, "scope", CMD, None, None, T),
    EventCase(
        "a hotspot reaches its area's leaders", LEADER_BRANCH, "leaders", STATION, None, None, T
    ),
    EventCase("a hotspot elsewhere does not", LEADER_BRANCH, "leaders", INSPECT, None, None, F),
    EventCase(
        "a hotspot is not an officer's news", OFFICER_STATION, "leaders", STATION, None, None, F
    ),
    EventCase("admins hear of every hotspot", ADMIN, "leaders", INSPECT, None, None, T),
    # Not about a post (an officer went on duty, a notice was published): every officer.
    EventCase(
        "a notice reaches a station officer", OFFICER_STATION, "everyone", None, None, None, T
    ),
    EventCase("a notice reaches a branch leader", LEADER_BRANCH, "everyone", None, None, None, T),
    EventCase("a notice reaches the city's leader", LEADER_CITY, "everyone", None, None, None, T),
    # 联办: the assisting units hear the case as its unit does; hotspots stay by area.
    EventCase(
        "an assisting unit hears scoped news",
        OFFICER_STATION,
        "scope",
        INSPECT,
        None,
        None,
        T,
        ASSISTED_BY_STATION,
    ),
    EventCase(
        "a leader above an assisting unit hears",
        LEADER_BRANCH,
        "all",
        INSPECT,
        None,
        None,
        T,
        ASSISTED_BY_STATION,
    ),
    EventCase(
        "someone else's assisting is not my news",
        OFFICER_CMD,
        "scope",
        INSPECT,
        None,
        None,
        F,
        ASSISTED_BY_STATION,
    ),
    EventCase(
        "reader units do not widen hotspots",
        LEADER_BRANCH,
        "leaders",
        INSPECT,
        None,
        None,
        F,
        ASSISTED_BY_STATION,
    ),
]


# ---------------------------------------------------------------- the handling loop (issue 12)
@dataclass(frozen=True)
class LoopCase:
    """A step of the loop on a post dispatched by the command centre to 城关派出所 (lead)
    with 河滨派出所 assisting, taken by an officer of `unit` (demo unit code) in `role`."""

    name: str
    unit: str
    role: str  # officer | leader
    step: str  # sign | return | urge | supervise | extension | close | note
    allowed: bool
    held: bool = False  # another officer of 城关派出所 has accepted the post first


LOOP_CASES = [
    LoopCase("the lead unit signs for it", "st-chengguan", "officer", "sign", T),
    LoopCase("an assisting unit signs its part", "st-hebin", "officer", "sign", T),
    LoopCase("the dispatcher cannot sign for it", "cmd", "officer", "sign", F),
    LoopCase("the branch above the lead unit may sign", "br-east", "leader", "sign", T),
    LoopCase("the lead unit returns it", "st-chengguan", "officer", "return", T),
    LoopCase("an assisting unit cannot return it", "st-hebin", "officer", "return", F),
    LoopCase("the dispatcher cannot return it", "cmd", "officer", "return", F),
    LoopCase("the lead unit asks for an extension", "st-chengguan", "officer", "extension", T),
    LoopCase("an assisting unit cannot ask for one", "st-hebin", "officer", "extension", F),
    LoopCase("officers do not urge", "st-chengguan", "officer", "urge", F),
    LoopCase("the lead unit's leader urges", "st-chengguan", "leader", "urge", T),
    LoopCase("a leader elsewhere cannot urge", "st-xiguan", "leader", "urge", F),
    LoopCase("the branch leader supervises", "br-east", "leader", "supervise", T),
    LoopCase("officers do not supervise", "st-chengguan", "officer", "supervise", F),
    LoopCase("an assisting unit cannot close", "st-hebin", "officer", "close", F),
    LoopCase("an assisting unit notes its part", "st-hebin", "officer", "note", T),
    LoopCase("a unit with no part writes no note", "st-xiguan", "officer", "note", F),
    LoopCase("the lead unit closes", "st-chengguan", "officer", "close", T),
    LoopCase("a colleague's accepted post: no return", "st-chengguan", "officer", "return", F, T),
    LoopCase(
        "a colleague's accepted post: extension", "st-chengguan", "officer", "extension", T, T
    ),
    LoopCase(
        "a colleague's accepted post: the leader urges", "st-chengguan", "leader", "urge", T, T
    ),
]
