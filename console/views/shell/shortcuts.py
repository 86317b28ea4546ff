"""Keyboard shortcuts: the shared way to label actions with them, and the cheat sheet (F1 / ?).

The sheet is built from the main window's actions, so any action another part of the
console adds to the menus (acknowledge an alarm, open the dashboard) shows up with its
real key — the sheet cannot drift from what the keys actually do.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def key_text(seq: QKeySequence | str) -> str:
    """A key sequence as people read it on this platform (Ctrl+F, F5, Enter)."""
    if isinstance(seq, str):
        seq = QKeySequence(seq)
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


def visible_keys(action: QAction) -> list[str]:
    """The action's keys as people read them; "Shift+?" is the same key press as "?"."""
    keys = [key_text(s) for s in action.shortcuts() if not s.isEmpty()]
    shown = []
    for k in keys:
        rest = k.removeprefix("Shift+")
        if rest != k and len(rest) == 1 and not rest.isalnum() and rest in keys:
            continue  # registered only because some keyboards report the Shift
        if k in shown:
            continue  # Return and Enter both read "回车" in Chinese: once is enough
        shown.append(k)
    return shown


def label_with_shortcut(action: QAction) -> None:
    """Puts the action's shortcut into its tooltip, e.g. "Accept (A)".

    Menus show shortcuts by themselves; toolbar buttons only show the tooltip.
    """
    keys = visible_keys(action)
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    action.setToolTip(f"{text} ({' / '.join(keys)})" if keys else text)


def _t(text: str) -> str:
    return QCoreApplication.translate("ShortcutSheet", text)


def fixed_entries() -> list[tuple[str, str]]:
    """Keys that are not menu actions (table navigation, the editor's own keys)."""
    return [
        (_t("Up / Down"), _t("Move through the queue")),
        (_t("PgUp / PgDown"), _t("Move a page at a time")),
        (_t("Home / End"), _t("First / last case in the queue")),
        (_t("Enter"), _t("Open the selected case")),
        ("Ctrl+Enter", _t("Send the reply or note in the editor")),
        (_t("Esc"), _t("Leave the search box, back to the queue")),
    ]


class ShortcutSheet(QDialog):
    """A non-modal sheet of every shortcut, grouped as (key, what it does)."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setMinimumSize(560, 480)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(8)
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for action in actions:
            keys = visible_keys(action)
            name = action.text().replace("&", "").rstrip(".…")
            if not keys or name in seen:
                continue
            seen.add(name)
            rows.append((" / ".join(keys), name))
        rows.extend(fixed_entries())
        self.entries = rows
        for r, (key_names, what) in enumerate(rows):
            key = QLabel(key_names)
            key.setObjectName("SheetKey")
            key.setTextFormat(Qt.TextFormat.PlainText)
            key.setAlignment(Qt.AlignmentFlag.AlignCenter)
            desc = QLabel(what)
            desc.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(key, r, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(desc, r, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(rows), 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
