"""Logs keep no personal data; a crash is logged and told to the officer in Chinese."""

from __future__ import annotations

import logging
import sys

import pytest

from console.crash import CrashHandler
from console.logging_setup import redact, setup_logging

pytestmark = pytest.mark.unit


@pytest.mark.expected_log(r"console\.test: (login body|failed)")
def test_log_file_never_holds_phones_tokens_or_passwords(tmp_path):
    path = setup_logging(tmp_path)
    log = logging.getLogger("console.test")
    log.info("citizen phone %s posted", "13812345678")
    log.info("sending Authorization: Bearer abcDEF123-_.xyz")
    log.warning('login body {"badge": "010001", "password": "demo-pass"}')
    try:
        raise RuntimeError("token=SECRET123 phone 13987654321")
    except RuntimeError:
        log.exception("failed")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "13812345678" not in text and "138****5678" in text
    assert "abcDEF123" not in text
    assert "demo-pass" not in text
    assert "SECRET123" not in text and "13987654321" not in text
    assert '"badge": "010001"' in text  # badge numbers are not personal data


def test_redact_leaves_ordinary_numbers_alone():
    assert redact("post 123456 version 7") == "post 123456 version 7"


@pytest.mark.expected_log(r"console\.crash: unhandled exception")
def test_crash_is_logged_and_the_officer_told_where_the_log_is(tmp_path):
    path = setup_logging(tmp_path)
    told: list[str] = []
    handler = CrashHandler(path, notify=told.append)
    try:
        raise ValueError("boom")
    except ValueError:
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]
    for h in logging.getLogger().handlers:
        h.flush()
    assert "ValueError: boom" in path.read_text(encoding="utf-8")
    assert told and str(path) in told[0]
