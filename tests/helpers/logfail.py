"""Which log records fail a test: our own warnings and errors nobody declared.

Modelled on qutebrowser's tests/helpers/logfail.py. The autouse fixture in
tests/conftest.py applies it to every test; a test that provokes a warning on purpose
declares it with ``@pytest.mark.expected_log(r"regex on 'logger.name: message'")``.
"""

from __future__ import annotations

import logging
import re

import pytest

# Loggers whose warnings are ours to fix (or to declare).
OUR_LOGGERS = ("platform_server", "console")


def ours(record: logging.LogRecord) -> bool:
    return record.name.split(".")[0] in OUR_LOGGERS


def expected_patterns(item: pytest.Item) -> list[re.Pattern[str]]:
    """The `expected_log` patterns a test (or its module or class) declares."""
    return [re.compile(str(m.args[0])) for m in item.iter_markers("expected_log")]


def unexpected_records(
    records: list[logging.LogRecord], expected: list[re.Pattern[str]]
) -> list[logging.LogRecord]:
    """Our WARNING-or-worse records that no expected pattern matches."""
    out = []
    for record in records:
        if record.levelno < logging.WARNING or not ours(record):
            continue
        line = f"{record.name}: {record.getMessage()}"
        if not any(p.search(line) for p in expected):
            out.append(record)
    return out
