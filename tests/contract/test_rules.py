"""console.rules against the platform's table of cases (tests/helpers/rule_cases.py).

The same table checks platform_server.domain.scope (tests/server/domain/test_rules.py),
so the console and the platform agree case by case on who may read, act on, claim and
handle a post, and read its notes (an assisting unit of its dispatch, 联办, too). The
console does not mask phones (the platform sends them masked) or route events (the
platform filters them), so `may_see_phone` and the event cases are the platform's alone.
"""

from __future__ import annotations

import pytest

from console import rules
from tests.helpers.rule_cases import POST_CASES, PostCase, Who

pytestmark = pytest.mark.unit


def viewer(who: Who) -> rules.Viewer:
    return rules.Viewer(who.officer_id, who.role, who.scope)


@pytest.mark.parametrize("case", POST_CASES, ids=[c.name for c in POST_CASES])
def test_console_rules_agree_with_the_platform(case: PostCase) -> None:
    v = viewer(case.who)
    p = rules.PostFacts(
        case.post.kind,
        case.post.restricted,
        case.post.unit_id,
        case.post.assignee_id,
        case.post.status,
        assist_unit_ids=case.post.assist_unit_ids,
    )
    got = (
        rules.may_read(v, p),
        rules.may_act(v, p),
        not rules.held_by_other(v, p),  # claiming: nobody else holds it (leaders too)
        not rules.holder_blocks(v, p),  # handling: the holder, or a leader stepping in
        rules.may_read_notes(v, p),
    )
    assert got == (
        case.may_read,
        case.may_act,
        case.may_claim,
        case.may_handle,
        case.may_read_notes,
    )


def test_console_and_platform_agree_on_every_combination() -> None:
    """Beyond the table: every role, scope, kind, board, unit, holder and state."""
    import itertools

    from platform_server.domain import scope

    scopes = {"station": frozenset({5}), "branch": frozenset({3, 5, 6}), "city": frozenset({1})}
    disagreements = []
    for role, (scope_name, units), officer_id in itertools.product(
        ("officer", "leader", "admin"), scopes.items(), (11, 12)
    ):
        ours = rules.Viewer(officer_id, role, units)
        theirs = scope.Viewer(officer_id, "000000", "测试", min(units), role, units)
        for kind, restricted, unit, holder, status, assists in itertools.product(
            ("post", "silent_report"),
            (False, True),
            (None, 1, 5, 6, 9),
            (None, 11, 12, 13),
            ("new", "accepted", "in_progress", "resolved", "archived"),
            (frozenset(), frozenset({5}), frozenset({6, 9}), frozenset({9})),
        ):
            p_ours = rules.PostFacts(
                kind, restricted, unit, holder, status, assist_unit_ids=assists
            )
            p_theirs = scope.PostFacts(kind, restricted, unit, holder, status, assists)
            got = (
                rules.may_read(ours, p_ours),
                rules.may_act(ours, p_ours),
                not rules.held_by_other(ours, p_ours),
                not rules.holder_blocks(ours, p_ours),
                rules.may_read_notes(ours, p_ours),
            )
            want = (
                scope.may_read(theirs, p_theirs),
                scope.may_act(theirs, p_theirs),
                scope.may_claim(theirs, p_theirs),
                scope.may_handle(theirs, p_theirs),
                scope.may_read_notes(theirs, p_theirs),
            )
            if got != want:
                disagreements.append((role, scope_name, officer_id, p_ours, got, want))
    assert disagreements == []
