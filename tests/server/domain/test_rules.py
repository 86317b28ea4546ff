"""The platform's rules of who may read and act on what, on plain values, case by case.

The same table (`tests/helpers/rule_cases.py`) checks the console's copy of the rules.
"""

from __future__ import annotations

import pytest

from platform_server.domain import scope
from tests.helpers.rule_cases import EVENT_CASES, POST_CASES, EventCase, PostCase, Who

pytestmark = pytest.mark.unit


def viewer(who: Who) -> scope.Viewer:
    unit = min(who.scope)
    return scope.Viewer(who.officer_id, "000000", "测试", unit, who.role, who.scope)


@pytest.mark.parametrize("case", POST_CASES, ids=[c.name for c in POST_CASES])
def test_post_rules(case: PostCase) -> None:
    v = viewer(case.who)
    p = scope.PostFacts(
        case.post.kind,
        case.post.restricted,
        case.post.unit_id,
        case.post.assignee_id,
        case.post.status,
        case.post.assist_unit_ids,
    )
    got = (
        scope.may_read(v, p),
        scope.may_act(v, p),
        scope.may_see_phone(v, p),
        scope.may_claim(v, p),
        scope.may_handle(v, p),
    )
    assert got == (case.may_read, case.may_act, case.may_see_phone, case.may_claim, case.may_handle)
    assert scope.may_read_notes(v, p) == case.may_read_notes


@pytest.mark.parametrize("case", EVENT_CASES, ids=[c.name for c in EVENT_CASES])
def test_event_rules(case: EventCase) -> None:
    got = scope.receives(
        viewer(case.who),
        case.audience,
        case.unit_id,
        case.prev_unit_id,
        case.assignee_id,
        case.reader_unit_ids,
    )
    assert got == case.receives


def test_what_one_may_act_on_one_may_read() -> None:
    """No case lets an officer act on a post they may not read (the API would 404)."""
    for case in POST_CASES:
        if case.may_act:
            assert case.may_read and case.may_read_notes, case.name
        if case.may_read_notes:
            assert case.may_read, case.name
