"""TaskRunner: blocking work off the GUI thread, results back on it."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from console.tasks import TaskRunner
from tests.helpers.console_expected_logs import TASK_FAILED
from tests.helpers.fakes import SyncTaskRunner

pytestmark = pytest.mark.unit


def test_op_runs_on_a_worker_and_success_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def op() -> int:
        seen["op_thread"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["cb_thread"] = threading.get_ident()

    runner.run(op, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["op_thread"] != gui
    assert seen["cb_thread"] == gui
    assert runner.shutdown(5000)


@pytest.mark.expected_log(TASK_FAILED)
def test_failure_is_logged_with_traceback_and_delivered(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    runner = TaskRunner()
    errors: list[tuple[Exception, int]] = []

    def op() -> None:
        raise ValueError("磁盘已满")

    def fail(exc: Exception) -> None:
        errors.append((exc, threading.get_ident()))

    with caplog.at_level(logging.WARNING, logger="console.tasks"):
        runner.run(op, lambda _v: pytest.fail("success must not be called"), fail)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    exc, thread = errors[0]
    assert isinstance(exc, ValueError) and str(exc) == "磁盘已满"
    assert thread == threading.get_ident()
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)
    runner.shutdown(5000)


@pytest.mark.expected_log(r"console\.tasks: success callback .* raised")
def test_a_raising_callback_does_not_kill_the_runner(qtbot: QtBot) -> None:
    runner = TaskRunner()
    results: list[int] = []

    def bad(_v: int) -> None:
        raise RuntimeError("widget gone")

    runner.run(lambda: 1, bad)
    runner.run(lambda: 2, results.append)
    qtbot.waitUntil(lambda: results == [2], timeout=5000)
    runner.shutdown(5000)


def test_shutdown_waits_for_running_work_and_drops_late_callbacks(qtbot: QtBot) -> None:
    runner = TaskRunner(max_threads=1)
    started = threading.Event()
    finished: list[str] = []
    delivered: list[str] = []

    def slow() -> str:
        started.set()
        time.sleep(0.3)
        finished.append("slow")
        return "slow"

    runner.run(slow, delivered.append)
    runner.run(lambda: finished.append("queued") or "queued", delivered.append)
    assert started.wait(5)
    t0 = time.monotonic()
    assert runner.shutdown(5000)
    assert time.monotonic() - t0 >= 0.1  # it really waited
    assert finished == ["slow"]  # the queued one never started
    QCoreApplication.sendPostedEvents()  # the finished task's callback, had it been sent
    assert delivered == []  # widgets may be gone after shutdown
    runner.run(lambda: finished.append("late"), None)
    assert runner.shutdown(5000)  # would wait for it, had it been started
    QCoreApplication.sendPostedEvents()
    assert finished == ["slow"]


@pytest.mark.expected_log(r"console\.tasks: task .* failed")
def test_sync_runner_runs_inline() -> None:
    runner = SyncTaskRunner()
    out: list[object] = []
    runner.run(lambda: 5, out.append)
    runner.run(lambda: 1 / 0, out.append, out.append)
    assert out[0] == 5
    assert isinstance(out[1], ZeroDivisionError)
    runner.shutdown()
    runner.run(lambda: 6, out.append)
    assert len(out) == 2
