"""What the dialogs share."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


def fit_wrapped_text(window: QWidget, event: QEvent) -> None:
    """Call from a dialog's ``event``: keep it tall enough for its word-wrapped labels.

    Qt sizes a window by its size hint, which ignores height-for-width: wrapped notes
    in a form would lose their second line (seen in the offscreen screenshots).
    """
    # The type first: while the dialog is destroyed, Qt still sends it events (child
    # removals) and the Python side of it is already gone.
    if event.type() not in (QEvent.Type.LayoutRequest, QEvent.Type.Show, QEvent.Type.Resize):
        return
    layout = window.layout()
    if layout is None:
        return
    need = layout.totalHeightForWidth(window.width())
    if need > 0 and need != window.minimumHeight():
        window.setMinimumHeight(need)
