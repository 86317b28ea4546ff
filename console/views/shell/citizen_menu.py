"""The main window's entries for talking with citizens (issue 13).

Queue menu: record a post from the hotline, an SMS, a letter or a visit (Ctrl+N), right
after "Back to the queue". View menu: the unit's callback (回访) worklist (Ctrl+B) and
notices to the public (Ctrl+Shift+N). Each action emits the window's own signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu


def add_citizen_actions(window: Any, queue_menu: QMenu, view_menu: QMenu) -> None:
    """Make `window.record_action`, `callbacks_action`, `notices_action` and put them in."""
    window.record_action = window._action(
        QCoreApplication.translate("MainWindow", "Record a call, SMS, letter or visit…"),
        ["Ctrl+N"],
        window.record_requested.emit,
        "RecordAction",
    )
    actions = queue_menu.actions()
    after = actions.index(window.queue_focus_action) + 1
    if after < len(actions):
        queue_menu.insertAction(actions[after], window.record_action)
    else:
        queue_menu.addAction(window.record_action)
    window.callbacks_action = window._action(
        QCoreApplication.translate("MainWindow", "Callbacks due…"),
        ["Ctrl+B"],
        window.callbacks_requested.emit,
        "CallbacksAction",
    )
    view_menu.addAction(window.callbacks_action)
    window.notices_action = window._action(
        QCoreApplication.translate("MainWindow", "Notices…"),
        ["Ctrl+Shift+N"],
        window.notices_requested.emit,
        "NoticesAction",
    )
    view_menu.addAction(window.notices_action)
