"""The reply editor: a public reply or an internal note, with templates and @mentions.

The two modes look nothing alike on purpose — an officer must never post an
internal remark to the public by mistake: the public mode is blue with "Visible
to the citizen and the public", the note mode is amber with "Not visible to the
public", and the send button says which of the two it will do.

Keys: Ctrl+Enter sends; Ctrl+1 / Ctrl+2 switch public / note; a template's
shortcut (e.g. "/sl") followed by Tab expands to its text; "@" opens completion
of units and officers. The counter compares with the platform's limit
(``meta.max_body_chars``) and turns red past it.

The editor only edits; it never sends by itself. It emits `send_requested` and
the case view hands the text to the outbox.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api.models import Officer, Template, Unit
from console.views.case.controller import DEFAULT_MAX_CHARS, NOTE, PUBLIC
from console.views.case.style import mode_style
from console.views.theme import colours


class ComposeEdit(QPlainTextEdit):
    """The text box: Tab expands template shortcuts, "@" completes names, Ctrl+Enter sends.

    Signals:
        send_pressed(): Ctrl+Enter (or Ctrl+Return) was pressed.
        template_expanded(str): a shortcut such as "/sl" was replaced by its template.
    """

    send_pressed = Signal()
    template_expanded = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ComposeEdit")
        self.setTabChangesFocus(True)
        self._shortcuts: dict[str, str] = {}
        self.completer = QCompleter(self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setModel(QStringListModel(self.completer))
        self.completer.activated[str].connect(self.insert_mention)  # type: ignore[index]
        self.textChanged.connect(self._update_completion)

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter always makes one
        return popup

    def set_shortcuts(self, shortcuts: dict[str, str]) -> None:
        self._shortcuts = dict(shortcuts)

    def set_mention_names(self, names: Sequence[str]) -> None:
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(names))

    # -------------------------------------------------------------- @mentions
    def _mention_prefix(self) -> str | None:
        """The text typed after an "@" just before the cursor, or None if not in a mention."""
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        at = block.rfind("@")
        if at < 0:
            return None
        prefix = block[at + 1 :]
        if any(ch.isspace() for ch in prefix) or len(prefix) > 20:
            return None
        return prefix

    def _update_completion(self) -> None:
        prefix = self._mention_prefix()
        popup = self._popup()
        if prefix is None:
            popup.hide()
            return
        if prefix != self.completer.completionPrefix():
            self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(
            popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 24
        )
        self.completer.complete(rect)

    def insert_mention(self, name: str) -> None:
        """Replace the "@prefix" before the cursor by "@name "."""
        prefix = self._mention_prefix()
        cursor = self.textCursor()
        if prefix is not None:
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix) + 1
            )
        cursor.insertText(f"@{name} ")
        self.setTextCursor(cursor)
        self._popup().hide()

    # -------------------------------------------------------------- templates
    def _word_before_cursor(self) -> str:
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        parts = block.split()
        return parts[-1] if parts and not block[-1:].isspace() else ""

    def expand_shortcut(self) -> bool:
        """If the word before the cursor is a template shortcut, replace it. True if done."""
        word = self._word_before_cursor()
        body = self._shortcuts.get(word)
        if body is None:
            return False
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(word)
        )
        cursor.insertText(body)
        self.setTextCursor(cursor)
        self.template_expanded.emit(word)
        return True

    # -------------------------------------------------------------- keys
    def event(self, e: QEvent) -> bool:
        # Tab normally moves focus before keyPressEvent sees it: with the completion
        # popup open it takes the highlighted name; otherwise it expands a shortcut.
        if (
            e.type() == QEvent.Type.KeyPress
            and isinstance(e, QKeyEvent)
            and e.key() == Qt.Key.Key_Tab
            and e.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            popup = self._popup()
            if popup.isVisible():
                idx = popup.currentIndex()
                if idx.isValid():
                    self.insert_mention(str(idx.data()))
                    e.accept()
                    return True
            elif self.expand_shortcut():
                e.accept()
                return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and e.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                idx = popup.currentIndex()
                if idx.isValid():
                    self.insert_mention(str(idx.data()))
                    return
            if e.key() == Qt.Key.Key_Escape:
                popup.hide()
                return
            e.ignore()  # the popup navigates
            return
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            e.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.send_pressed.emit()
            return
        super().keyPressEvent(e)


class ReplyEditor(QFrame):
    """Compose a public reply or an internal note for the open case.

    Signals:
        send_requested(str, str): (mode, text) — mode is "reply" or "note".
        text_edited(str, str): (mode, text) after every change (for draft autosave).
        mode_changed(str): the officer switched between "reply" and "note".
    """

    send_requested = Signal(str, str)
    text_edited = Signal(str, str)
    mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReplyEditor")
        self._mode = PUBLIC
        self._public_allowed = True  # False on a resolved case: notes only
        self._forced_note = False  # note mode because public was not allowed
        self._max_chars = DEFAULT_MAX_CHARS
        self._templates: list[Template] = []
        self._board: str | None = None
        self._suppress_receipt = False
        self._quiet = False
        self._blocked_reason = ""

        self.public_button = QToolButton()
        self.public_button.setObjectName("PublicModeButton")
        self.public_button.setText(self.tr("Public reply"))
        self.public_button.setToolTip(self.tr("The citizen and the public see it (Ctrl+1)"))
        self.note_button = QToolButton()
        self.note_button.setObjectName("NoteModeButton")
        self.note_button.setText(self.tr("Internal note"))
        self.note_button.setToolTip(self.tr("Only officers see it (Ctrl+2)"))
        self._modes = QButtonGroup(self)
        for b in (self.public_button, self.note_button):
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._modes.addButton(b)
        self.public_button.setChecked(True)
        self.public_button.clicked.connect(lambda: self.set_mode(PUBLIC))
        self.note_button.clicked.connect(lambda: self.set_mode(NOTE))

        self.strip = QLabel()
        self.strip.setObjectName("ModeStrip")
        self.strip.setTextFormat(Qt.TextFormat.PlainText)
        # One line, cut at its edge on a narrow pane (wrapped, it was cut in height).
        self.strip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.templates = QComboBox()
        self.templates.setObjectName("TemplatePicker")
        self.templates.setMinimumContentsLength(8)
        self.templates.setToolTip(
            self.tr("Insert a template. Tip: type its shortcut, e.g. /sl, then Tab.")
        )
        self.templates.activated.connect(self._template_chosen)

        self.edit = ComposeEdit()
        self.edit.setMinimumHeight(48)  # two lines; more when the splitter allows
        self.edit.textChanged.connect(self._text_changed)
        self.edit.send_pressed.connect(self.request_send)

        self.counter = QLabel()
        self.counter.setObjectName("CharCounter")
        self.hint = QLabel(self.tr("Ctrl+Enter send · @ mention · /shortcut + Tab template"))
        self.hint.setObjectName("EditorHint")
        # Cut at the pane's edge (whole in the tooltip) rather than widening the case pane
        # past a 1366 px screen.
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hint.setToolTip(self.hint.text())
        self.send_button = QPushButton()
        self.send_button.setObjectName("SendButton")
        self.send_button.clicked.connect(self.request_send)

        top = QHBoxLayout()
        top.setSpacing(0)
        top.addWidget(self.public_button)
        top.addWidget(self.note_button)
        top.addSpacing(12)
        top.addWidget(self.strip, 1)
        top.addSpacing(12)
        top.addWidget(self.templates)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.counter)
        bottom.addSpacing(8)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.edit, 1)
        layout.addLayout(bottom)

        for keys, mode in (("Ctrl+1", PUBLIC), ("Ctrl+2", NOTE)):
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
            self.addAction(act)

        self._fill_templates()
        self.restyle()

    # ------------------------------------------------------------ configuration
    def set_templates(self, templates: Sequence[Template]) -> None:
        self._templates = list(templates)
        self._fill_templates()

    def set_mention_targets(self, units: Sequence[Unit], officers: Sequence[Officer]) -> None:
        names = [u.name for u in units] + [o.name for o in officers]
        self.edit.set_mention_names(sorted(set(names), key=names.index))

    def set_max_chars(self, limit: int) -> None:
        self._max_chars = max(1, limit)
        self._update_counter()

    def set_case(self, board: str | None, suppress_receipt: bool) -> None:
        """Tell the editor about the open case (templates of its board, receipt warning)."""
        self._board = board
        self._suppress_receipt = suppress_receipt
        self._fill_templates()
        self._apply_mode()

    def set_public_allowed(self, allowed: bool, reason: str = "") -> None:
        """Whether a public reply may be written now; when not (a resolved case, or one
        the officer's unit only assists: `reason`), the editor is in note mode and the
        public button says why."""
        why = reason or self.tr(
            "Resolved: reopen the case (O) before a public reply; notes still go in"
        )
        was_forced = self._forced_note
        self._public_allowed = allowed
        self.public_button.setEnabled(allowed)
        self.public_button.setToolTip("" if allowed else why)
        if not allowed and self._mode == PUBLIC:
            self.set_mode(PUBLIC)  # becomes a note, and remembers that public was wanted
        elif allowed and was_forced:
            self._forced_note = False
            if self._mode == NOTE:
                self.set_mode(PUBLIC)  # back to what the officer had before

    def set_blocked_reason(self, reason: str) -> None:
        """Why the editor is disabled (shown in the empty text box), "" for no reason."""
        self._blocked_reason = reason
        self._apply_mode()

    def _visible_templates(self) -> list[Template]:
        return [t for t in self._templates if t.board_code in (None, "", self._board)]

    def _fill_templates(self) -> None:
        self.templates.clear()
        self.templates.addItem(self.tr("Templates…"), None)
        shortcuts: dict[str, str] = {}
        for t in self._visible_templates():
            label = f"{t.title}    {t.shortcut}" if t.shortcut else t.title
            self.templates.addItem(label, t.id)
            if t.shortcut:
                shortcuts[t.shortcut] = t.body
        self.edit.set_shortcuts(shortcuts)

    def _template_chosen(self, index: int) -> None:
        tid = self.templates.itemData(index)
        self.templates.setCurrentIndex(0)
        template = next((t for t in self._templates if t.id == tid), None)
        if template is None:
            return
        self.edit.insertPlainText(template.body)
        self.edit.setFocus()

    # ------------------------------------------------------------ mode
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        wanted_public = mode != NOTE
        mode = PUBLIC if wanted_public and self._public_allowed else NOTE
        # Public was wanted (by the officer, a draft) but is not allowed now: it comes
        # back when it is.
        self._forced_note = wanted_public and not self._public_allowed
        changed = mode != self._mode
        self._mode = mode
        self._apply_mode()
        if changed:
            self.mode_changed.emit(mode)
            if not self._quiet:
                self.text_edited.emit(self._mode, self.text())

    def restyle(self) -> None:
        """Apply the current theme's colours (the app switched light/dark)."""
        self.hint.setStyleSheet(f"color: {colours().muted};")
        self._apply_mode()

    def _apply_mode(self) -> None:
        note = self._mode == NOTE
        self.note_button.setChecked(note)
        self.public_button.setChecked(not note)
        style = mode_style(self._mode, colours())
        self.setProperty("mode", self._mode)
        # Who will read it, and nothing else: the checked button beside it names the mode.
        # "Public reply · …" was cut after the mode's name on a 1366 px screen.
        if note:
            strip = self.tr("Not visible to the public")
            send = self.tr("Save internal note (Ctrl+Enter)")
            placeholder = self.tr("Internal note for colleagues: the citizen never sees this.")
        else:
            strip = self.tr("Visible to the citizen and the public")
            if self._suppress_receipt:
                strip = self.tr("The reporter asked for NO receipt")
            send = self.tr("Send public reply (Ctrl+Enter)")
            placeholder = self.tr("Reply to the citizen. Everyone can read it.")
        self.strip.setText(strip)
        self.strip.setToolTip(strip)
        if not note and self._suppress_receipt:
            # A receipt can endanger this reporter: the public mode itself looks alarming.
            self.strip.setStyleSheet(
                f"background: {colours().alarm}; color: {colours().on_alarm}; font-weight: bold;"
                " padding: 5px 10px; border-radius: 4px;"
            )
        else:
            self.strip.setStyleSheet(style["strip"])
        self.edit.setStyleSheet(style["edit"])
        if not self.isEnabled() and self._blocked_reason:
            placeholder = self._blocked_reason
        self.edit.setPlaceholderText(placeholder)
        self.send_button.setText(send)
        self.send_button.setStyleSheet(style["send"])
        on, off = style["on"], style["off"]
        base = f"border: 1px solid {style['border']}; padding: 5px 14px; font-weight: bold;"
        self.public_button.setStyleSheet(
            f"QToolButton {{ {base} {off if note else on}"
            " border-top-left-radius: 6px; border-bottom-left-radius: 6px; }"
        )
        self.note_button.setStyleSheet(
            f"QToolButton {{ {base} {on if note else off}"
            " border-top-right-radius: 6px; border-bottom-right-radius: 6px; }"
        )
        self._update_counter()

    # ------------------------------------------------------------ text
    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str, mode: str | None = None) -> None:
        """Put a (restored) draft in without it counting as an edit."""
        self._quiet = True
        try:
            if mode is not None:
                self.set_mode(mode)
            self.edit.setPlainText(text)
            self.edit.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._quiet = False
        self._update_counter()

    def clear(self) -> None:
        self.set_text("")

    def focus_editor(self, mode: str | None = None) -> None:
        if mode is not None:
            self.set_mode(mode)
        self.edit.setFocus()

    def _text_changed(self) -> None:
        self._update_counter()
        if not self._quiet:
            self.text_edited.emit(self._mode, self.text())

    def over_limit(self) -> bool:
        return len(self.text()) > self._max_chars

    def can_send(self) -> bool:
        return self.isEnabled() and bool(self.text().strip()) and not self.over_limit()

    def _update_counter(self) -> None:
        n = len(self.text())
        self.counter.setText(f"{n} / {self._max_chars}")
        if n > self._max_chars:
            self.counter.setStyleSheet(
                f"color: {colours().on_alarm}; background: {colours().alarm}; font-weight: bold;"
                " border-radius: 4px; padding: 1px 6px;"
            )
            self.counter.setToolTip(
                self.tr("{n} characters over the platform's limit").format(n=n - self._max_chars)
            )
        else:
            self.counter.setStyleSheet(f"color: {colours().muted};")
            self.counter.setToolTip("")
        self.counter.setProperty("over", n > self._max_chars)
        self.send_button.setEnabled(self.can_send())

    def request_send(self) -> None:
        if not self.can_send():
            return
        self.send_requested.emit(self._mode, self.text().strip())

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.EnabledChange:
            self.send_button.setEnabled(self.can_send())
            self._apply_mode()
