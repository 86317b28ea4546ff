"""The handling loop on the open case: its dispatch and the steps across units.

A strip under the action bar shows the post's dispatch (派单): the lead unit, the
assisting units (联办, ✓ once they signed their part), whether it is signed for (签收) and,
until it is, the sign deadline counting down each second (red once it has passed). The
loop's steps are buttons on the action bar's row, after the case's own, each with one key
(window-wide, like the case's other keys):

- S sign for (签收) — on the first key press after opening a case waiting for my unit;
- B return (回退) with a reason code and a reason;
- E ask for an extension (延期) with a new deadline and a reason;
- U urge (催办) and D supervise (督办), for leaders.

Each step goes through console.operations (the outbox) via the case controller. A dialog
is kept (hidden) until its step is delivered: if the platform refuses it, the dialog comes
back with the officer's input and the platform's own sentence.
"""

from __future__ import annotations

import weakref
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from console import rules
from console.api.models import PostDetail, format_time
from console.api.outbox import OutboxItem
from console.views.dialogs.actions import TransferDialog
from console.views.dialogs.loop_dialogs import (
    ExtensionDialog,
    ReturnDialog,
    SuperviseDialog,
    UrgeDialog,
)
from console.views.dialogs.suggestion import offer_suggestion
from console.views.text import clock_time, duration, local_time, priority_name
from console.views.theme import colours

# (step, key, object name)
STEPS = (
    ("sign", "S", "SignAction"),
    ("return", "B", "ReturnAction"),
    ("extension", "E", "ExtensionAction"),
    ("urge", "U", "UrgeAction"),
    ("supervise", "D", "SuperviseAction"),
)
LoopDialog = ReturnDialog | ExtensionDialog | UrgeDialog | SuperviseDialog


def _t(text: str) -> str:
    return QCoreApplication.translate("LoopPanel", text)


def sign_countdown(deadline: datetime | None, now: datetime) -> tuple[str, bool]:
    """(text, overdue) of the time left to sign for a dispatch, to the second."""
    if deadline is None:
        return "", False
    left = (deadline - now).total_seconds()
    if left < 0:
        return _t("sign deadline passed {t} ago").format(t=duration(-left, "clock")), True
    return _t("{t} left to sign for it").format(t=duration(left, "clock")), False


class LoopPanel(QFrame):
    """The dispatch strip and the loop's steps for the case a `CaseView` shows.

    Attributes:
        dispatch_label: lead and assisting units, and who signed.
        countdown: the time left to sign for it (or how long it is overdue).
        dialog: the step's dialog while it is open or its step is on its way.
    """

    def __init__(self, view: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoopPanel")
        # A weak reference: the strip must not keep its case pane alive (the pane owns it).
        self._view = weakref.ref(view)
        self._controller = view.controller
        self._store = view._store
        self._detail: PostDetail | None = None
        self.dialog: LoopDialog | None = None
        self._dialog_item: int | None = None
        top = QHBoxLayout(self)
        top.setContentsMargins(12, 2, 12, 6)
        self.dispatch_label = QLabel()
        self.dispatch_label.setObjectName("DispatchLabel")
        self.dispatch_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dispatch_label.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setObjectName("SignCountdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.dispatch_label, 1)
        top.addWidget(self.countdown)
        texts = {
            "sign": _t("Sign for"),
            "return": _t("Return…"),
            "extension": _t("Extension…"),
            "urge": _t("Urge…"),
            "supervise": _t("Supervise…"),
        }
        self.actions_: dict[str, QAction] = {}
        self.buttons: dict[str, QToolButton] = {}
        for step, key, name in STEPS:
            act = QAction(texts[step], self)
            act.setObjectName(name)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(f"{texts[step]} ({key})")
            act.setEnabled(False)
            button = QToolButton()
            button.setDefaultAction(act)
            button.setObjectName(name.replace("Action", "Button"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setProperty("emphasis", "none")
            # The key on the button itself (the action resets the text when it changes).
            act.changed.connect(lambda b=button, t=texts[step], k=key: b.setText(f"{t}  {k}"))
            button.setText(f"{texts[step]}  {key}")
            button.hide()  # until a case shows which steps it has
            self.actions_[step] = act
            self.buttons[step] = button
        # The steps sit on the action bar's row (`attach_loop`); this strip is the
        # dispatch line alone, shown only while the case has a dispatch.
        self.actions_["sign"].triggered.connect(self.sign)
        self.actions_["return"].triggered.connect(self.start_return)
        self.actions_["extension"].triggered.connect(self.start_extension)
        self.actions_["urge"].triggered.connect(self.start_urge)
        self.actions_["supervise"].triggered.connect(self.start_supervise)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.hide()

    def case_actions(self) -> list[QAction]:
        return list(self.actions_.values())

    # ------------------------------------------------------------ showing the case
    def clear(self, *_args: object) -> None:
        self._detail = None
        self._close_dialog()
        self._timer.stop()
        for step, act in self.actions_.items():
            act.setEnabled(False)
            self.buttons[step].hide()
        self.hide()

    def set_post(self, detail: PostDetail) -> None:
        self._detail = detail
        d = detail.dispatch
        self.dispatch_label.setVisible(d is not None)  # no dispatch: the steps' row only
        if d is None:
            self.dispatch_label.setText("")
        else:
            parts = [_t("Lead unit: {unit}").format(unit=self._store.unit_name(d.unit_id))]
            if d.assist_unit_ids:
                names = [
                    self._store.unit_name(u) + (" ✓" if u in d.assist_signed_unit_ids else "")
                    for u in d.assist_unit_ids
                ]
                parts.append(_t("assisting: {units}").format(units="、".join(names)))
            if d.signed_at is not None:
                who = d.signed_by.name if d.signed_by else ""
                parts.append(
                    _t("signed for by {who} at {time}").format(
                        who=who, time=local_time(d.signed_at)
                    )
                )
            else:
                parts.append(_t("not signed for yet"))
            self.dispatch_label.setText(" · ".join(parts))
        self._tick()
        self.update_actions()

    def _tick(self) -> None:
        d = self._detail.dispatch if self._detail is not None else None
        waiting = d is not None and d.signed_at is None and self._detail is not None
        if not waiting or d is None or self._detail is None or not self._detail.is_open:
            self.countdown.setText("")
            self._timer.stop()
            return
        text, over = sign_countdown(d.sign_deadline_at, datetime.now(UTC))
        self.countdown.setText(text)
        c = colours()
        self.countdown.setStyleSheet(f"color: {c.alarm_text if over else c.near_text};")
        self.countdown.setToolTip(
            _t("Sign deadline: {time}").format(time=clock_time(d.sign_deadline_at, True))
            if d.sign_deadline_at
            else ""
        )
        if not self._timer.isActive():
            self._timer.start()

    def refusal(self, step: str) -> str | None:
        """Why this officer may not take the step on the shown case now (None: they may)."""
        viewer = self._store.viewer()
        d = self._detail
        if viewer is None or d is None:
            return rules.WRONG_STATE
        facts = self._store.facts(d)
        return rules.loop_refusal(viewer, step, facts, rules.dispatch_facts(d.dispatch, d.unit_id))

    def waits_for_me(self) -> bool:
        viewer, d = self._store.viewer(), self._detail
        if viewer is None or d is None or not d.is_open:
            return False
        return rules.waits_for_my_signature(viewer, rules.dispatch_facts(d.dispatch, d.unit_id))

    def update_actions(self) -> None:
        d = self._detail
        if d is None:
            return
        busy = self._controller.pending_action() is not None
        viewer = self._store.viewer()
        leader = viewer is not None and viewer.is_leader
        shown = {
            "sign": self.waits_for_me(),
            "return": d.dispatch is not None and d.is_open,
            "extension": d.is_open,
            "urge": leader and d.is_open,
            "supervise": leader and d.is_open,
        }
        for step, act in self.actions_.items():
            act.setEnabled(shown[step] and not busy and self.refusal(step) is None)
            act.setVisible(shown[step])
            self.buttons[step].setVisible(shown[step])
        look = "main" if self.actions_["sign"].isEnabled() else "none"
        sign = self.buttons["sign"]
        if sign.property("emphasis") != look:
            sign.setProperty("emphasis", look)
            sign.style().unpolish(sign)
            sign.style().polish(sign)
        self.setVisible(d.dispatch is not None)

    # ------------------------------------------------------------ the steps
    def sign(self) -> None:
        """签收 at once: no dialog, nothing to ask."""
        if self.actions_["sign"].isEnabled():
            self._controller.loop_step("sign")

    def start_return(self) -> None:
        d = self._detail
        if d is None or not self.actions_["return"].isEnabled():
            return
        back = d.dispatch.by.unit_id if d.dispatch and d.dispatch.by else None
        dlg = ReturnDialog(d.title, self._store.unit_name(back), self._view())
        self._open(dlg, lambda: {"reason_code": dlg.reason_code(), "reason": dlg.reason_text()})

    def start_extension(self) -> None:
        d = self._detail
        if d is None or not self.actions_["extension"].isEnabled():
            return
        dlg = ExtensionDialog(d.title, d.deadline_at, self._view())
        self._open(
            dlg, lambda: {"until": format_time(dlg.until_time()), "reason": dlg.reason_text()}
        )

    def start_urge(self) -> None:
        d = self._detail
        if d is None or not self.actions_["urge"].isEnabled():
            return
        dlg = UrgeDialog(d.title, self._store.unit_name(d.unit_id), self._view())
        self._open(dlg, lambda: {"message": dlg.message_text()})

    def start_supervise(self) -> None:
        d = self._detail
        if d is None or not self.actions_["supervise"].isEnabled():
            return
        dlg = SuperviseDialog(d.title, self._view())
        self._open(
            dlg,
            lambda: {"due_at": format_time(dlg.due_time()), "instruction": dlg.instruction_text()},
        )

    def _open(self, dlg: LoopDialog, payload: Any) -> None:
        """Non-modal like the case's other dialogs; kept until its step is delivered."""
        self._close_dialog()
        self.dialog = dlg
        step = {
            ReturnDialog: "return",
            ExtensionDialog: "extension",
            UrgeDialog: "urge",
            SuperviseDialog: "supervise",
        }[type(dlg)]
        dlg.accepted.connect(lambda: self._submit(dlg, step, payload()))
        dlg.rejected.connect(lambda: self._forget(dlg))
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _submit(self, dlg: LoopDialog, step: str, payload: dict[str, Any]) -> None:
        item = self._controller.loop_step(step, **payload)
        if item is None:
            dlg.show_refusal(_t("The step could not be saved on this computer; nothing was sent."))
            dlg.show()
            return
        self._dialog_item = item.id

    def items_changed(self) -> None:
        """Follow the dialog's step: gone once delivered, back with the refusal if refused."""
        self.update_actions()
        dlg, wanted = self.dialog, self._dialog_item
        if dlg is None or wanted is None:
            return
        item: OutboxItem | None = next(
            (i for i in self._controller.items() if i.id == wanted), None
        )
        if item is None:
            return
        if item.state == "sent":
            self._forget(dlg)
        elif item.state in ("failed", "cancelled") and item.last_error:
            self._dialog_item = None
            dlg.show_refusal(item.last_error)
            dlg.show()
            dlg.raise_()

    def _forget(self, dlg: LoopDialog) -> None:
        if self.dialog is dlg:
            self.dialog = None
            self._dialog_item = None
        dlg.deleteLater()

    def _close_dialog(self) -> None:
        """A dialog acts on the case it was opened for: it never outlives that case."""
        dlg = self.dialog
        if dlg is not None:
            self.dialog = None
            self._dialog_item = None
            dlg.hide()
            dlg.deleteLater()


def transfer_dialog(view: Any, d: PostDetail) -> TransferDialog:
    """The dispatch (派单) dialog for the case a `CaseView` shows: lead unit, assisting
    units, reason; the priority it keeps is named; the triage suggestion offered."""
    dlg = TransferDialog(
        view._store.units(), d.unit_id, d.title, view, suggested_unit_id=d.suggested_unit_id,
        priority=priority_name(d.priority),
    )  # fmt: skip
    offer_suggestion(view, dlg, d.id)
    c = view.controller
    dlg.accepted.connect(
        lambda: c.transfer(dlg.unit_id() or 0, dlg.reason_text(), tuple(dlg.assist_unit_ids()))
    )
    return dlg


def attach_loop(view: Any) -> LoopPanel:
    """The strip under a `CaseView`'s action bar, wired to its controller; its keys work
    wherever the focus is in the window."""
    panel = LoopPanel(view)
    view._page_column.insertWidget(3, panel)
    view.action_bar.add_steps(list(panel.buttons.values()))
    c = view.controller
    c.loading.connect(panel.clear)
    c.shown.connect(panel.set_post)
    c.handling_changed.connect(panel.update_actions)
    c.items_changed.connect(panel.items_changed)
    for act in panel.case_actions():
        view.addAction(act)
    return panel
