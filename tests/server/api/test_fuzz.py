"""A bounded fuzz run over /openapi.json (schemathesis): no 5xx, answers match the schema.

Every operation is called with generated valid input, then with invalid input, signed in as a
duty officer (officer routes) or as a citizen (`/public/...`), against a real
platform with a few posts in it. The budget is fixed (`MAX_EXAMPLES` per operation)
and the generation derandomized, so a run is the same every time and takes well
under two minutes on two cores. Left out: the event stream (it never ends; its own
tests cover it) and logout (it would sign the fuzzer out).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.helpers.platform import Api, RunningPlatform, citizen_post

pytestmark = [
    pytest.mark.integration,
    # The fuzzer's sign-in attempts with random badges are slowed down on purpose.
    pytest.mark.expected_log(r"platform_server\.domain\.accounts: login rate-limited"),
]

MAX_EXAMPLES = 15
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture(scope="module")
def fuzz_schema(platform: RunningPlatform) -> Any:
    for _ in range(3):
        citizen_post(platform)  # a few real ids for the generator to hit
    schema = schemathesis.openapi.from_url(platform.url + "/openapi.json")
    return schema.exclude(path_regex=r"^/api/v1/(events|auth/logout)$")


@pytest.fixture(scope="module")
def tokens(platform: RunningPlatform) -> dict[str, str]:
    officer: Api = platform.officer()
    citizen: Api = platform.citizen()
    return {"officer": officer.token or "", "citizen": citizen.token or ""}


def _fuzz(operation: Any, mode: GenerationMode, tokens: dict[str, str]) -> None:
    who = "citizen" if operation.path.startswith("/api/v1/public/") else "officer"
    auth = {"Authorization": f"Bearer {tokens[who]}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        case.call_and_validate(headers=auth, checks=CHECKS, timeout=10)

    call()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors_and_answers_match_the_schema(
    fuzz_schema: Any, tokens: dict[str, str], mode: GenerationMode
) -> None:
    failures = []
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:
        try:
            _fuzz(operation, mode, tokens)
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # no input at all: nothing can be invalid
        except Exception as exc:  # every operation runs; all failures are reported
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert not failures, "\n\n".join(failures)
