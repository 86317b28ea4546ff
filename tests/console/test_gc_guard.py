"""Cyclic garbage is collected on the GUI thread, never on a worker thread."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from console.gc_guard import GuiThreadGarbageCollector

pytestmark = pytest.mark.unit


class Cycle:
    """A reference cycle that records which thread finally collects it."""

    collected_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.collected_on.append(threading.current_thread().name)


def test_cycles_made_on_a_worker_are_collected_on_the_gui_thread(qtbot: QtBot) -> None:
    was_enabled = gc.isenabled()
    gc.enable()
    guard = GuiThreadGarbageCollector(interval_ms=50)
    try:
        assert not gc.isenabled()
        Cycle.collected_on.clear()

        def churn() -> None:
            # Far past the generation-0 threshold: with automatic collection this
            # thread would collect the cycles itself.
            for _ in range(5000):
                Cycle()
            junk: list[Any] = [[i] for i in range(50_000)]
            del junk

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in Cycle.collected_on
        qtbot.waitUntil(lambda: len(Cycle.collected_on) >= 5000, timeout=5000)
        assert set(Cycle.collected_on) == {threading.main_thread().name}
    finally:
        guard.stop()
        if not was_enabled:
            gc.disable()
    assert gc.isenabled() or not was_enabled
