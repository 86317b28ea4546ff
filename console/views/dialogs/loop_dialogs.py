"""The dialogs of the handling loop across units: return (回退), extension (延期), urge (催办),
supervise (督办), and a leader's decision on an extension.

Each asks only what its step needs and is keyboard-first: the first field has the focus,
Tab moves on, Enter sends (from any one-line field), Esc cancels. They share the frame of
the case's other action dialogs (console/views/dialogs/actions.py): OK is enabled only
when the input is complete, and `show_refusal` puts the platform's own sentence under the
fields when the step was refused, the officer's input still there to correct.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QLineEdit, QWidget

from console import safe_text
from console.views.dialogs.actions import MAX_REASON_CHARS, ActionDialogBase
from console.views.text import RETURN_CODES, return_reason

MAX_INSTRUCTION_CHARS = 2000
BEIJING = QTimeZone(b"Asia/Shanghai")


def _line(placeholder: str, object_name: str, max_chars: int = MAX_REASON_CHARS) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(object_name)
    box.setPlaceholderText(placeholder)
    box.setMaxLength(max_chars)
    return box


def _when(object_name: str, start: datetime) -> QDateTimeEdit:
    """A date-time field in Beijing time (what officers read everywhere)."""
    edit = QDateTimeEdit()
    edit.setObjectName(object_name)
    edit.setTimeZone(BEIJING)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    set_when(edit, start)
    return edit


def set_when(edit: QDateTimeEdit, when: datetime) -> None:
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(aware.timestamp()), BEIJING))


def when_of(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


class _LoopDialog(ActionDialogBase):
    """One step's dialog: Enter sends from a one-line field; the refusal stays readable."""

    def __init__(self, title: str, heading: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(title, heading, ok_text, parent)
        self.ok_button.setDefault(True)
        self.ok_button.setAutoDefault(True)
        self.refusal = ""

    def _field(self, label: str, widget: QWidget) -> QWidget:
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.layout_.addWidget(caption)
        self.layout_.addWidget(widget)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._edited)
            widget.returnPressed.connect(self._try_accept)
        return widget

    def _edited(self, *_args: object) -> None:
        self.refusal = ""  # the officer is correcting it: the old refusal no longer applies
        self.revalidate()

    def show_refusal(self, sentence: str) -> None:
        """The platform refused the step: say why, keep the input, let them correct it."""
        self.refusal = sentence
        self.problem.setText(sentence)
        self.ok_button.setEnabled(True)

    def revalidate(self) -> None:
        super().revalidate()
        if self.refusal and not self.problem_text():
            self.problem.setText(self.refusal)


class ReturnDialog(_LoopDialog):
    """回退: why the post goes back to the unit that dispatched it (a code and a reason)."""

    def __init__(self, post_title: str, back_to: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Return"),
            self.tr("Return “{title}” to {unit}").format(
                title=safe_text.single_line(post_title, 40), unit=back_to or "—"
            ),
            self.tr("Return (Enter)"),
            parent,
        )
        self.code = QComboBox()
        self.code.setObjectName("ReturnCode")
        for code in RETURN_CODES:
            self.code.addItem(return_reason(code), code)
        self._field(self.tr("Reason code"), self.code)
        self.reason = _line(
            self.tr("e.g. the address is in Hebin station's district"), "ReturnReason"
        )
        self._field(self.tr("Reason (required)"), self.reason)
        self.finish_layout()
        self.code.currentIndexChanged.connect(self._edited)
        self.reason.setFocus()

    def reason_code(self) -> str:
        return str(self.code.currentData())

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def problem_text(self) -> str:
        if not self.reason_text():
            return self.tr("Say why the case goes back.")
        return ""


class ExtensionDialog(_LoopDialog):
    """延期: a later deadline and why, asked before the current one passes."""

    def __init__(
        self, post_title: str, deadline: datetime | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Ask for an extension"),
            self.tr("A later deadline for “{title}”: a leader decides").format(
                title=safe_text.single_line(post_title, 40)
            ),
            self.tr("Ask (Enter)"),
            parent,
        )
        self._deadline = deadline
        start = (deadline or datetime.now(UTC)) + timedelta(days=1)
        self.until = _when("ExtensionUntil", start)
        self._field(self.tr("New deadline (Beijing time)"), self.until)
        self.reason = _line(
            self.tr("Reason (required), e.g. waiting for the housing bureau's survey"),
            "ExtensionReason",
        )
        self._field(self.tr("Reason"), self.reason)
        self.finish_layout()
        self.until.dateTimeChanged.connect(self._edited)
        self.reason.setFocus()

    def until_time(self) -> datetime:
        return when_of(self.until)

    def reason_text(self) -> str:
        return self.reason.text().strip()

    def problem_text(self) -> str:
        if self._deadline is not None and self.until_time() <= self._deadline:
            return self.tr("The new deadline must be later than the current one.")
        if not self.reason_text():
            return self.tr("Give a reason for the extension.")
        return ""


class UrgeDialog(_LoopDialog):
    """催办: a leader's message to the unit holding the case (a notice on its consoles)."""

    def __init__(self, post_title: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Urge"),
            self.tr("Urge {unit} on “{title}”").format(
                unit=unit or "—", title=safe_text.single_line(post_title, 40)
            ),
            self.tr("Urge (Enter)"),
            parent,
        )
        self.message = _line(
            self.tr("e.g. the citizen has called three times, report progress by 17:00"),
            "UrgeMessage",
        )
        self._field(self.tr("Message to the unit"), self.message)
        self.finish_layout()
        self.message.setFocus()

    def message_text(self) -> str:
        return self.message.text().strip()

    def problem_text(self) -> str:
        return "" if self.message_text() else self.tr("Write what the unit must do.")


class SuperviseDialog(_LoopDialog):
    """督办: a supervision order with its own due time and an instruction."""

    def __init__(self, post_title: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Supervise"),
            self.tr("Put “{title}” under supervision").format(
                title=safe_text.single_line(post_title, 40)
            ),
            self.tr("Supervise (Enter)"),
            parent,
        )
        self.due = _when("SuperviseDue", datetime.now(UTC) + timedelta(days=1))
        self._field(self.tr("Due (Beijing time)"), self.due)
        self.instruction = _line(
            self.tr("Instruction (required), e.g. verify on site and report in writing"),
            "SuperviseInstruction",
            MAX_INSTRUCTION_CHARS,
        )
        self._field(self.tr("Instruction"), self.instruction)
        self.finish_layout()
        self.due.dateTimeChanged.connect(self._edited)
        self.instruction.setFocus()

    def due_time(self) -> datetime:
        return when_of(self.due)

    def instruction_text(self) -> str:
        return self.instruction.text().strip()

    def problem_text(self) -> str:
        if self.due_time() <= datetime.now(UTC):
            return self.tr("The due time must be in the future.")
        if not self.instruction_text():
            return self.tr("Write the instruction.")
        return ""


class DecideDialog(_LoopDialog):
    """A leader's decision on an extension request: approve (the deadline moves) or reject."""

    def __init__(self, what: str, approve: bool, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Approve the extension") if approve else self.tr("Reject the extension"),
            what,
            self.tr("Approve (Enter)") if approve else self.tr("Reject (Enter)"),
            parent,
        )
        self.approve = approve
        self.comment = _line(
            self.tr("Comment (optional)") if approve else self.tr("Comment (required)"),
            "DecideComment",
        )
        self._field(self.tr("Comment"), self.comment)
        self.finish_layout()
        self.comment.setFocus()

    def comment_text(self) -> str:
        return self.comment.text().strip()

    def problem_text(self) -> str:
        if not self.approve and not self.comment_text():
            return self.tr("Say why the extension is rejected.")
        return ""
