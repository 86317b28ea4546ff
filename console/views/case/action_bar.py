"""The case's actions: their keys, the bar of buttons, and when each may be pressed.

Keyboard: A accept, T transfer, C resolve, O reopen, K acknowledge a silent report,
R reply, N internal note. `ActionBar.case_actions()` gives the QActions so the main window
can list the very same actions in its menus (one action, one key: adding its own
actions with these keys would make them ambiguous).

What is enabled comes from console.rules through the controller's `Handling`; what is
shown follows the case's state: open cases are accepted, transferred and resolved,
resolved ones reopened, silent ones acknowledged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from console.api.outbox import OutboxItem
from console.views.case.handling import Handling
from console.views.flow import FlowRow
from console.views.text import action_name

# (action, key, object name) of the actions with a button on the bar
BAR_ACTIONS = (
    ("accept", "A", "AcceptAction"),
    ("transfer", "T", "TransferAction"),
    ("close", "C", "CloseAction"),
    ("reopen", "O", "ReopenAction"),
    ("acknowledge", "K", "AcknowledgeAction"),
)
EDITOR_ACTIONS = (("reply", "R", "ReplyAction"), ("note", "N", "NoteAction"))


def _key(act: QAction) -> str:
    return act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def shown_on_bar(action: str, handling: Handling) -> bool:
    """Only what can apply to a case in its state is on the bar."""
    if action in ("accept", "transfer", "close"):
        return handling.is_open
    if action == "reopen":
        return not handling.is_open
    return handling.is_silent  # acknowledge


def emphasis(action: str, enabled: bool) -> str:
    """The button's look: the alarm red for acknowledge, the primary colour for accept."""
    if enabled and action == "acknowledge":
        return "alarm"
    if enabled and action == "accept":
        return "main"
    return "none"


class ActionBar(QFrame):
    """The row of action buttons above the case, with the state of the action in flight.

    Attributes:
        accept_action … note_action: the case's QActions (``case_actions()`` lists them).
        state_label: why the case cannot be handled, or which action is on its way.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActionBar")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(12, 4, 12, 4)
        self._row.setSpacing(8)
        # The buttons: one row while the pane allows (Chinese, 1366 px), two when not
        # (English labels are half as long again).
        self._box = QWidget()
        self._flow = FlowRow(self._box, spacing=8)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self._box)
        texts = {
            "accept": self.tr("Accept"),
            "transfer": self.tr("Transfer…"),
            "close": self.tr("Resolve…"),
            "reopen": self.tr("Reopen…"),
            "acknowledge": self.tr("Acknowledge silent report"),
            "reply": self.tr("Reply"),
            "note": self.tr("Internal note"),
        }
        self._actions: dict[str, QAction] = {}
        self._buttons: dict[str, QToolButton] = {}
        for kind, key, name in BAR_ACTIONS + EDITOR_ACTIONS:
            act = QAction(texts[kind], self)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{texts[kind]} ({key})")
            self._actions[kind] = act
        for kind, _key_name, _name in BAR_ACTIONS:
            self._add_button(kind, self._actions[kind])
        self._steps_at = self._flow.count()  # where the loop's steps go (`add_steps`)
        self.state_label = QLabel()
        self.state_label.setObjectName("ActionState")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        # Wraps rather than widening the case pane past a 1366 px screen.
        self.state_label.setWordWrap(True)
        self._row.addWidget(self.state_label, 1)
        self.accept_action = self._actions["accept"]
        self.transfer_action = self._actions["transfer"]
        self.close_action = self._actions["close"]
        self.reopen_action = self._actions["reopen"]
        self.acknowledge_action = self._actions["acknowledge"]
        self.reply_action = self._actions["reply"]
        self.note_action = self._actions["note"]
        self.apply(None, None)

    def _add_button(self, kind: str, act: QAction) -> None:
        button = QToolButton()
        button.setDefaultAction(act)
        button.setObjectName(act.objectName().replace("Action", "Button"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setProperty("emphasis", "none")
        self._flow.addWidget(button)
        self._buttons[kind] = button
        # Show the key on the button itself: officers learn the keys by seeing them.
        act.changed.connect(lambda b=button, a=act: b.setText(f"{a.text()}  {_key(a)}"))
        button.setText(f"{act.text()}  {_key(act)}")

    def add_steps(self, buttons: list[QWidget]) -> None:
        """The handling loop's step buttons (`LoopPanel`), after the case's own: one row of
        buttons where they fit, not a row of their own (it cost 45 px of a 768 px screen)."""
        for i, button in enumerate(buttons):
            self._flow.insert_widget(self._steps_at + i, button)

    def case_actions(self) -> list[QAction]:
        """The case's QActions in menu order (accept … note), with their keys."""
        return list(self._actions.values())

    def apply(self, handling: Handling | None, pending: OutboxItem | None) -> None:
        """Enable, show and explain every action for the case as it is now (None: no case)."""
        if handling is None:
            for act in self._actions.values():
                act.setEnabled(False)
            return
        why_not = handling.why_not
        for kind, act in self._actions.items():
            button = self._buttons.get(kind)
            if button is None:  # reply and note: the editor's actions
                act.setEnabled(handling.can_reply if kind == "reply" else handling.can_write)
                continue
            enabled = handling.allows(kind)
            act.setEnabled(enabled)
            tip = f"{act.text()} ({_key(act)})"
            act.setToolTip(f"{tip} — {why_not}" if handling.blocked(kind) and why_not else tip)
            visible = shown_on_bar(kind, handling)
            act.setVisible(visible)
            button.setVisible(visible)
            look = emphasis(kind, enabled)
            if button.property("emphasis") != look:
                button.setProperty("emphasis", look)
                button.style().unpolish(button)
                button.style().polish(button)
        self.state_label.setProperty("why_not", why_not)
        if pending is not None:
            self.state_label.setText(
                self.tr("{what}: sending…").format(what=action_name(pending.kind))
            )
        else:
            self.state_label.setText(why_not)
