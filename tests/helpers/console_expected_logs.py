"""Log patterns for the console's tests: the pieces their declarations share.

A console test that provokes a warning on purpose says so next to itself, with
``@pytest.mark.expected_log(REFUSED + r"POST .*/accept: 409")`` and the like, using the
patterns below. `tests/conftest.py` adds `ANY_CONSOLE_TEST` to every console test and
turns any entry left in `BY_TEST` (keyed by the path under tests/console) into that
marker at collection time. Nothing here applies to tests/server.
"""

from __future__ import annotations

REFUSED = r"console\.api\.client: platform refused "
OUTBOX_REFUSED = r"console\.api\.outbox_sender: outbox item \d+ \(\w+\) (refused|is stale)"
TASK_FAILED = r"console\.tasks: background task .* failed"

# Benign in any console test: a worker's result that arrives after its window closed.
ANY_CONSOLE_TEST = [r"console\.tasks: task .* submitted after shutdown; ignored"]

# Every declaration now sits next to its test as @pytest.mark.expected_log(...); the
# table stays (tests/conftest.py reads it) for a declaration that has nowhere else to go.
BY_TEST: dict[str, list[str]] = {}


def patterns_for(nodeid: str) -> list[str]:
    """The declared patterns of a console test (its node id from the repository root)."""
    if not nodeid.startswith("tests/console/"):
        return []
    name = nodeid.removeprefix("tests/console/").split("[")[0]
    return ANY_CONSOLE_TEST + BY_TEST.get(name, [])
