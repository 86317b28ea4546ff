"""console.rules for the handling loop against the real platform, case by case.

Each case of tests/helpers/rule_cases.py LOOP_CASES dispatches a fresh post (command
centre → 城关派出所 leading, 河滨派出所 assisting), asks the console's rules whether the
officer may take the step, then takes it on the platform: the console greys out exactly
what the platform refuses, and allows exactly what it accepts.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from console import rules
from console.api.models import format_time
from tests.helpers.client import signed_in_client
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.posts import ids, if_match
from tests.helpers.rule_cases import LOOP_CASES, LoopCase

pytestmark = pytest.mark.integration
PATHS = {"note": "notes"}  # steps whose route is named otherwise


def _badge(platform: RunningPlatform, unit_code: str, role: str) -> str:
    unit = ids(platform)["unit"][unit_code]
    officers = platform.officer("010001").get("/officers").json()
    return str(next(o["badge"] for o in officers if o["unit_id"] == unit and o["role"] == role))


def _body(step: str) -> dict[str, Any] | None:
    later = format_time(datetime.now(UTC) + timedelta(days=30))
    return {
        "sign": None,
        "return": {"reason_code": "not_our_jurisdiction", "reason": "不在本所辖区"},
        "extension": {"until": later, "reason": "等待住建部门勘验"},
        "urge": {"message": "请今天内反馈进展"},
        "supervise": {"due_at": later, "instruction": "实地核查并书面报告"},
        "close": {"resolution": "已处理完毕。", "closure_code": "resolved"},
        "note": {"body": "协办情况：已走访沿街商户。"},
    }[step]


def _console_allows(viewer: rules.Viewer, step: str, detail: Any) -> bool:
    assists = frozenset(detail.dispatch.assist_unit_ids if detail.dispatch else ())
    facts = rules.PostFacts(
        detail.kind,
        False,
        detail.unit_id,
        detail.assignee_id,
        detail.status,
        assist_unit_ids=assists,
    )
    if step in ("close", "note"):
        return rules.may(viewer, step, facts)
    return (
        rules.loop_refusal(
            viewer, step, facts, rules.dispatch_facts(detail.dispatch, detail.unit_id)
        )
        is None
    )


@pytest.mark.parametrize("case", LOOP_CASES, ids=[c.name for c in LOOP_CASES])
def test_console_loop_rules_agree_with_the_platform(
    platform: RunningPlatform, case: LoopCase
) -> None:
    unit = ids(platform)["unit"]
    pid = citizen_post(platform, f"契约用例：{case.name}", board="12345")
    body = {
        "unit_id": unit["st-chengguan"],
        "reason": "属地管辖",
        "assist_unit_ids": [unit["st-hebin"]],
    }
    assert platform.officer("010001").act(pid, "transfer", body).status_code == 200

    if case.held:  # another officer of the lead unit takes it first
        unit_id = unit["st-chengguan"]
        officers = platform.officer("010001").get("/officers").json()
        mates = [o["badge"] for o in officers if o["unit_id"] == unit_id and o["role"] == "officer"]
        assert platform.officer(mates[1]).act(pid, "accept").status_code == 200
    badge = _badge(platform, case.unit, case.role)
    client = signed_in_client(platform, badge)
    me = client.me()
    viewer = rules.Viewer.of(me.id, me.role, me.unit_id, me.scope_unit_ids)
    detail = signed_in_client(platform).get_post(pid)  # the post as it is (whoever reads it)
    ours = _console_allows(viewer, case.step, detail)

    api = platform.officer(badge)
    r = api.post(
        f"/posts/{pid}/{PATHS.get(case.step, case.step)}",
        json=_body(case.step),
        headers=if_match(detail.version),
    )
    theirs = r.status_code < 300
    assert (ours, theirs) == (case.allowed, case.allowed), r.text
