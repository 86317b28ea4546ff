"""console.rules: who may read and act on what, as a table of cases on plain values.

The same cases, written as plain values, can be run against the platform's rules
(platform_server scope / workflow): `CASES` is that shared table. Each row is one
officer looking at one post and what the console must conclude.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from console import rules
from console.rules import HELD_BY_OTHER, OUT_OF_SCOPE, WRONG_STATE, PostFacts, Viewer

pytestmark = pytest.mark.unit

# The demo city, as far as the rules care: the city bureau (1) above the command centre
# (2) and a branch (5) with a station (8); traffic police (3) beside them.
CITY, CMD, TRAFFIC, BRANCH, STATION = 1, 2, 3, 5, 8
ZHANG = Viewer(officer_id=10, role="officer", scope=frozenset({CMD}))  # duty officer, cmd
LI = Viewer(officer_id=11, role="officer", scope=frozenset({CMD}))  # his colleague
WANG = Viewer(officer_id=20, role="officer", scope=frozenset({BRANCH, STATION}))  # branch
LEADER = Viewer(officer_id=30, role="leader", scope=frozenset({BRANCH, STATION}))  # branch head
ADMIN = Viewer(officer_id=40, role="admin", scope=frozenset({CITY}))


def post(
    *,
    unit: int | None = CMD,
    assignee: int | None = None,
    status: str = "new",
    kind: str = "post",
    restricted: bool = False,
    acknowledged: bool = False,
) -> PostFacts:
    return PostFacts(kind, restricted, unit, assignee, status, acknowledged)


@dataclass(frozen=True)
class Case:
    """One officer, one post, what may be done."""

    name: str
    viewer: Viewer
    post: PostFacts
    may_read: bool
    may_act: bool
    held_by_other: bool
    refusals: dict[str, str | None]  # per action; actions not listed: None


CASES = (
    Case(
        "an ordinary new post of his own unit: everything that applies to a new post",
        ZHANG,
        post(),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={"reopen": WRONG_STATE, "acknowledge": WRONG_STATE},
    ),
    Case(
        "an ordinary post of another unit: read, not handle",
        ZHANG,
        post(unit=TRAFFIC),
        may_read=True,
        may_act=False,
        held_by_other=False,
        refusals={a: OUT_OF_SCOPE for a in rules.ACTIONS},
    ),
    Case(
        "a silent report of another unit: not even read",
        ZHANG,
        post(unit=TRAFFIC, kind="silent_report"),
        may_read=False,
        may_act=False,
        held_by_other=False,
        refusals={a: OUT_OF_SCOPE for a in rules.ACTIONS},
    ),
    Case(
        "a restricted board's post below his unit (the station under the branch)",
        WANG,
        post(unit=STATION, restricted=True),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={"reopen": WRONG_STATE, "acknowledge": WRONG_STATE},
    ),
    Case(
        "a restricted post of another unit, but he holds it (moved away after he took it)",
        ZHANG,
        post(unit=TRAFFIC, restricted=True, assignee=10, status="accepted"),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={"accept": WRONG_STATE, "reopen": WRONG_STATE, "acknowledge": WRONG_STATE},
    ),
    Case(
        "accepted by a colleague: only the holder (or a leader) handles it",
        LI,
        post(assignee=10, status="accepted"),
        may_read=True,
        may_act=True,
        held_by_other=True,
        refusals={
            "accept": HELD_BY_OTHER,
            "transfer": HELD_BY_OTHER,
            "close": HELD_BY_OTHER,
            "reopen": HELD_BY_OTHER,
            "acknowledge": WRONG_STATE,
            "reply": HELD_BY_OTHER,
            "note": HELD_BY_OTHER,
        },
    ),
    Case(
        "a silent report held by a colleague: anyone of the unit may still acknowledge it",
        LI,
        post(kind="silent_report", assignee=10, status="accepted"),
        may_read=True,
        may_act=True,
        held_by_other=True,
        refusals={
            "accept": HELD_BY_OTHER,
            "transfer": HELD_BY_OTHER,
            "close": HELD_BY_OTHER,
            "reopen": HELD_BY_OTHER,
            "reply": HELD_BY_OTHER,
            "note": HELD_BY_OTHER,
        },
    ),
    Case(
        "the leader over a post held by one of her officers: she may step in",
        LEADER,
        post(unit=STATION, assignee=20, status="in_progress"),
        may_read=True,
        may_act=True,
        held_by_other=True,
        refusals={"accept": HELD_BY_OTHER, "reopen": WRONG_STATE, "acknowledge": WRONG_STATE},
    ),
    Case(
        "a leader does not read ordinary posts outside her subtree",
        LEADER,
        post(unit=CMD),
        may_read=False,
        may_act=False,
        held_by_other=False,
        refusals={a: OUT_OF_SCOPE for a in rules.ACTIONS},
    ),
    Case(
        "a leader may not take over a post by accepting it (409 on the platform)",
        LEADER,
        post(unit=STATION, assignee=20, status="new"),
        may_read=True,
        may_act=True,
        held_by_other=True,
        refusals={"accept": HELD_BY_OTHER, "reopen": WRONG_STATE, "acknowledge": WRONG_STATE},
    ),
    Case(
        "the admin: everything, everywhere",
        ADMIN,
        post(unit=TRAFFIC, kind="silent_report", assignee=10, status="accepted"),
        may_read=True,
        may_act=True,
        held_by_other=True,
        refusals={"accept": HELD_BY_OTHER, "reopen": WRONG_STATE},
    ),
    Case(
        "a resolved post: reopened, noted, nothing else",
        ZHANG,
        post(assignee=10, status="resolved"),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={
            "accept": WRONG_STATE,
            "transfer": WRONG_STATE,
            "close": WRONG_STATE,
            "acknowledge": WRONG_STATE,
            "reply": WRONG_STATE,  # the platform refuses a public reply until reopened
        },
    ),
    Case(
        "a resolved post held by a colleague is no longer 'held': he may reopen it",
        LI,
        post(assignee=10, status="resolved"),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={
            "accept": WRONG_STATE,
            "transfer": WRONG_STATE,
            "close": WRONG_STATE,
            "acknowledge": WRONG_STATE,
            "reply": WRONG_STATE,  # the platform refuses a public reply until reopened
        },
    ),
    Case(
        "an archived post: final, not even a note",
        ZHANG,
        post(assignee=10, status="archived"),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={a: WRONG_STATE for a in rules.ACTIONS},
    ),
    Case(
        "an acknowledged silent report is not acknowledged twice",
        ZHANG,
        post(kind="silent_report", acknowledged=True),
        may_read=True,
        may_act=True,
        held_by_other=False,
        refusals={"reopen": WRONG_STATE, "acknowledge": WRONG_STATE},
    ),
    Case(
        "a new post someone holds (sent back to the unit): not accepted by another",
        ZHANG,
        post(assignee=11, status="new"),
        may_read=True,
        may_act=True,
        held_by_other=True,
        refusals={
            "accept": HELD_BY_OTHER,
            "transfer": HELD_BY_OTHER,
            "close": HELD_BY_OTHER,
            "reopen": HELD_BY_OTHER,
            "acknowledge": WRONG_STATE,
            "reply": HELD_BY_OTHER,
            "note": HELD_BY_OTHER,
        },
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_table_of_cases(case: Case) -> None:
    v, p = case.viewer, case.post
    assert rules.may_read(v, p) is case.may_read
    assert rules.may_act(v, p) is case.may_act
    assert rules.held_by_other(v, p) is case.held_by_other
    expected = {a: case.refusals.get(a) for a in rules.ACTIONS}
    assert {a: rules.refusal(v, a, p) for a in rules.ACTIONS} == expected
    assert {a: rules.may(v, a, p) for a in rules.ACTIONS} == {
        a: why is None for a, why in expected.items()
    }


def test_a_viewer_from_what_me_says() -> None:
    """/me gives the unit subtree; without one, the officer's own unit is their scope."""
    assert Viewer.of(1, "officer", CMD, [CMD, 9]).scope == frozenset({CMD, 9})
    assert Viewer.of(1, "officer", CMD).scope == frozenset({CMD})
    assert Viewer.of(1, "leader", BRANCH).is_leader and not Viewer.of(1, "leader", 2).is_admin


def test_an_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown action"):
        rules.state_allows("delete", post())
