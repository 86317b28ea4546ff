"""The strict-log rule: our own warnings fail a test unless it declares them."""

from __future__ import annotations

import logging
import re

import pytest

from tests.helpers.logfail import unexpected_records

pytestmark = pytest.mark.unit


def record(name: str, level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


def test_our_warnings_and_errors_are_caught() -> None:
    records = [
        record("platform_server.events.hub", logging.WARNING, "event hub failed"),
        record("console.api.stream", logging.ERROR, "stream broke"),
        record("console.api.stream", logging.INFO, "reconnected"),
        record("uvicorn.error", logging.WARNING, "not ours"),
        record("consolelike", logging.ERROR, "a name that only starts alike"),
    ]
    bad = unexpected_records(records, [])
    assert [r.getMessage() for r in bad] == ["event hub failed", "stream broke"]


def test_a_declared_record_passes() -> None:
    records = [
        record("platform_server.domain.accounts", logging.WARNING, "login rate-limited: x"),
        record("platform_server.api.errors", logging.ERROR, "unhandled error"),
    ]
    expected = [re.compile(r"platform_server\.domain\.accounts: login rate-limited")]
    bad = unexpected_records(records, expected)
    assert [r.getMessage() for r in bad] == ["unhandled error"]


@pytest.mark.expected_log(r"platform_server\.x: something broke")  # the inner run's
def test_the_fixture_fails_a_test_that_logs_a_warning(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("from tests.conftest import _fail_on_unexpected_warnings  # noqa: F401\n")
    pytester.makeini("[pytest]\nmarkers =\n    expected_log(pattern): declared\n")
    pytester.makepyfile(
        """
        import logging
        import pytest

        def test_warns():
            logging.getLogger("platform_server.x").warning("something broke")

        @pytest.mark.expected_log(r"platform_server\\.x: something broke")
        def test_declares():
            logging.getLogger("platform_server.x").warning("something broke")
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:randomly")
    # test_warns passes its body and errors in teardown; test_declares passes.
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*unexpected log records*", "*WARNING platform_server.x: something broke*"]
    )
