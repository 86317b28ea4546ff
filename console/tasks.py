"""One helper for blocking work: run ``op`` on a pool, get the result on the GUI thread.

Shape as in Anki's QueryOp and Picard's thread helper: a blocking callable plus a
success and a failure callback. The callbacks always run on the thread that owns
the runner (the GUI thread), through a queued signal, so they may touch widgets;
``op`` never may. Tests use a runner that runs everything inline
(``tests/helpers/fakes.py``, like Picard's ``FakeThreadPool``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
SuccessCallback = Callable[[Any], None] | None
FailureCallback = Callable[[Exception], None] | None


class Runner(Protocol):
    """What views depend on: the real pool runner or the synchronous one."""

    def run(
        self,
        op: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None: ...

    def shutdown(self, timeout_ms: int = -1) -> bool: ...


def report_failure(exc: Exception, on_failure: FailureCallback, label: str) -> None:
    """Hand a failed task's exception to its callback, or log it when nobody handles it."""
    if on_failure is None:
        log.error("background task %s failed and nobody handles it", label, exc_info=exc)
        return
    try:
        on_failure(exc)
    except Exception:
        log.exception("failure callback of %s raised", label)


class _Job(QRunnable):
    def __init__(
        self,
        runner: TaskRunner,
        op: Callable[[], Any],
        on_success: SuccessCallback,
        on_failure: FailureCallback,
    ) -> None:
        super().__init__()
        self._runner = runner
        self._op = op
        self._on_success = on_success
        self._on_failure = on_failure

    def run(self) -> None:
        try:
            result = self._op()
        except Exception as exc:
            log.warning("background task %r failed", self._op, exc_info=exc)
            outcome = (False, exc, repr(self._op))
        else:
            outcome = (True, result, "")
        self._runner._finished.emit(self._on_success, self._on_failure, outcome)


class TaskRunner(QObject):
    """Runs blocking callables on its own thread pool.

    Create it on the GUI thread; callbacks are delivered there. After `shutdown()`
    no further callbacks run (their widgets may be gone) and `run()` is refused.
    """

    # (on_success, on_failure, (ok, value, label)) — private: carries results to the GUI thread
    _finished = Signal(object, object, object)

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._closed = False
        self._finished.connect(self._deliver)

    def run(
        self,
        op: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._closed:
            log.warning("task %r submitted after shutdown; ignored", op)
            return
        self._pool.start(_Job(self, op, on_success, on_failure))

    @Slot(object, object, object)
    def _deliver(
        self, on_success: SuccessCallback, on_failure: FailureCallback, outcome: Any
    ) -> None:
        if self._closed:
            return
        ok, value, label = outcome
        if not ok:
            report_failure(value, on_failure, label)
            return
        if on_success is not None:
            try:
                on_success(value)
            except Exception:
                log.exception("success callback %r raised", on_success)

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Refuse new work and wait for running tasks; True when all finished."""
        self._closed = True
        self._pool.clear()  # queued but not started: never start them
        return bool(self._pool.waitForDone(timeout_ms))
