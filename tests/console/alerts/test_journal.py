"""AlertJournal: parseable JSON lines, exact timestamps, many writers, a failing disk."""

from __future__ import annotations

import json
import logging
import re
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from console.alerts.journal import AlertJournal, default_journal_path, format_ts

pytestmark = pytest.mark.unit

TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
REQUIRED = {"ts", "event", "post_id", "officer"}


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_lines_are_json_with_the_required_keys(tmp_path: Path) -> None:
    journal = AlertJournal(tmp_path / "j" / "alerts.jsonl")  # folder made on first write
    journal.record("alarm_started", post_id=42, officer="张伟", source="event")
    journal.record("acknowledged", post_id=42, officer="李静", seconds=12.5)
    journal.record("alarm_stopped", officer="张伟", reason="all_acknowledged")
    journal.record("link_lost", officer="张伟")
    journal.close()

    lines = read(journal.path)
    assert [x["event"] for x in lines] == [
        "alarm_started",
        "acknowledged",
        "alarm_stopped",
        "link_lost",
    ]
    for line in lines:
        assert line.keys() >= REQUIRED
        assert TS.match(line["ts"]), line["ts"]
    assert lines[0]["post_id"] == 42 and lines[0]["source"] == "event"
    assert lines[1]["officer"] == "李静" and lines[1]["seconds"] == 12.5
    assert lines[2]["post_id"] is None
    assert "李静" in journal.path.read_text("utf-8")  # readable, not \\u escapes


def test_timestamp_is_utc_with_milliseconds_and_z() -> None:
    east8 = timezone(timedelta(hours=8))
    moment = datetime(2025, 3, 1, 16, 15, 2, 123456, tzinfo=east8)
    assert format_ts(moment) == "2025-03-01T08:15:02.123Z"
    with pytest.raises(ValueError):
        format_ts(datetime(2025, 3, 1, 8, 0))  # naive: refuse to guess a zone


def test_timestamp_is_taken_when_recorded_not_when_written(tmp_path: Path) -> None:
    moments = iter([datetime(2025, 1, 1, 0, 0, 0, 1000 * i, tzinfo=UTC) for i in range(3)])
    journal = AlertJournal(tmp_path / "a.jsonl", fsync=False, clock=lambda: next(moments))
    for _ in range(3):
        journal.record("escalated", post_id=1)
    journal.close()
    assert [x["ts"] for x in read(journal.path)] == [
        "2025-01-01T00:00:00.000Z",
        "2025-01-01T00:00:00.001Z",
        "2025-01-01T00:00:00.002Z",
    ]


def test_many_threads_never_interleave_lines(tmp_path: Path) -> None:
    journal = AlertJournal(tmp_path / "a.jsonl", fsync=False)
    long_text = "长" * 3000  # long lines are where interleaving would show

    def writer(n: int) -> None:
        for i in range(150):
            journal.record("alarm_started", post_id=n * 1000 + i, officer=str(n), note=long_text)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert journal.flush()
    lines = read(journal.path)
    assert len(lines) == 900
    assert {x["post_id"] for x in lines} == {n * 1000 + i for n in range(6) for i in range(150)}
    journal.close()


def test_appends_to_an_existing_journal(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    for officer in ("张伟", "李静"):
        journal = AlertJournal(path)
        journal.record("link_restored", officer=officer, offline_seconds=3.0)
        journal.close()
    assert [x["officer"] for x in read(path)] == ["张伟", "李静"]


@pytest.mark.expected_log(r"console\.alerts\.journal: alert journal: cannot write to ")
def test_unwritable_path_is_logged_never_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the journal's folder should be")
    journal = AlertJournal(blocker / "alerts.jsonl")
    with caplog.at_level(logging.ERROR, logger="console.alerts.journal"):
        entry = journal.record("alarm_started", post_id=7, officer="张伟")
        assert journal.flush()
    assert entry["post_id"] == 7
    assert journal.last_error is not None
    assert any("cannot write" in r.getMessage() for r in caplog.records)
    journal.close()


def test_reserved_and_unknown_names_are_programming_errors(tmp_path: Path) -> None:
    journal = AlertJournal(tmp_path / "a.jsonl")
    with pytest.raises(ValueError):
        journal.record("alarm_snoozed", post_id=1)
    with pytest.raises(ValueError):
        journal.record("alarm_started", ts="yesterday")
    journal.close()
    assert not journal.path.exists()


def test_default_path_follows_the_console_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTY_CONSOLE_HOME", str(tmp_path))
    assert default_journal_path() == tmp_path / "logs" / "alert-journal.jsonl"
