"""Python's cyclic garbage collector, run on the GUI thread only.

With automatic collection, whichever thread happens to allocate when a threshold is
crossed runs the collection: a task-pool worker, the event-stream thread, or the
embedded platform's server thread. If the garbage holds a Qt object (a widget in a
reference cycle with its Python wrapper), Qt destroys it on that thread and the
process dies with a segmentation fault. This was seen in the test suite, with the
collection running on the uvicorn thread. Disabling automatic collection and
collecting from a GUI-thread timer, using the same generation thresholds, removes
the race. Reference counting still frees all non-cyclic garbage at once, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    """Disables automatic GC and collects from a timer on the thread that owns it.

    Create it on the GUI thread. `stop()` (or destroying it) re-enables automatic
    collection.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their threshold."""
        t0, t1, t2 = self._thresholds
        c0, c1, c2 = gc.get_count()
        if c0 <= t0:
            return
        generation = 0
        if c1 > t1:
            generation = 2 if c2 > t2 else 1
        gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
