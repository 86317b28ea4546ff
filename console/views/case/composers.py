"""One place to type at a time on the case pane.

The private messages' tab (私信) has its own composer and send button; below the tabs is
the reply editor (public reply / internal note). Both at once left the messages a 40 px
sliver on a 1366×768 screen under an alarm, and two boxes to type into asked the officer
which one a text would go to. So while that tab is on show the reply editor steps aside
and lends the tab its height (taken from the report's text pane down to its minimum, as
far as the tab would like it); leaving the tab, or R / N (`CaseView.write`), brings the
editor back with the officer's own split.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer


class OneComposer(QObject):
    """Shows the reply editor or not, by the tab of a `CaseView`; keeps its split."""

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        # A weak reference: a helper must not keep its case pane alive (the pane owns it).
        self._pane = weakref.ref(view)
        self._outside: list[int] = []  # the split before the private tab was shown
        view.tabs.currentChanged.connect(self._tab_changed)
        view.splitter.installEventFilter(self)  # on a resize: room for the tab again

    @property
    def _view(self) -> Any:
        return self._pane()

    def _tab_changed(self, *_args: object) -> None:
        v = self._view
        if v is None:
            return
        private = v.tabs.currentWidget() is v.private
        if private == v.editor.isHidden():
            return
        if private:
            self._outside = v.splitter.sizes()
            v.editor.hide()
            QTimer.singleShot(0, self, self._room_for_private)
        else:
            v.editor.show()
            if self._outside:
                v.splitter.setSizes(self._outside)

    def eventFilter(self, watched: QObject, e: QEvent) -> bool:
        v = self._view
        if e.type() == QEvent.Type.Resize and v is not None and v.editor.isHidden():
            QTimer.singleShot(0, self, self._room_for_private)
        return super().eventFilter(watched, e)

    def _room_for_private(self) -> None:
        v = self._view
        if v is None or not v.editor.isHidden() or v.splitter.count() < 2:
            return
        sizes = v.splitter.sizes()  # the text, the tabs, the (hidden) editor
        wanted = v.private.sizeHint().height() + v.tabs.tabBar().sizeHint().height()
        take = min(wanted - sizes[1], sizes[0] - v.body_pane.minimumHeight())
        if take > 0:
            sizes[0] -= take
            sizes[1] += take
            v.splitter.setSizes(sizes)

    def restore(self) -> None:
        """The editor back in the split the officer made (before the layout is saved)."""
        v = self._view
        if v is not None and v.editor.isHidden():
            v.editor.show()
            v.splitter.setSizes(self._outside or v.splitter.sizes())
