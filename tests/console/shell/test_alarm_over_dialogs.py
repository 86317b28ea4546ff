"""Whatever dialog is open, a silent report can be acknowledged at once: no dialog of
the console is modal, the banner's button works, Ctrl+Shift+A works from inside the
dialog, and a dialog never covers the banner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from console.api.city import Hotspot
from console.app import ConsoleApp
from console.session import Session
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]


@pytest.fixture
def app(qtbot: Any, platform: RunningPlatform) -> Iterator[ConsoleApp]:
    console = make_app(platform, badge="010001", password=PASSWORD)
    session = signed_in(qtbot, console)
    session.window.resize(1366, 728)
    yield console
    dispose(console)


def open_transfer(qtbot: Any, app: ConsoleApp, platform: RunningPlatform) -> None:
    session = app.session
    assert session is not None
    pid = citizen_post(platform, "楼下停车场有人砸车窗")
    session.open_case(pid)
    qtbot.waitUntil(lambda: session.case_view.detail is not None, timeout=10_000)
    session.case_view.start_transfer()


def window_of(session: Session) -> Callable[[], QWidget | None]:
    """The newest visible dialog of the session's window."""

    def find() -> QWidget | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w is not session.window
        ]
        return found[-1] if found else None

    return find


def open_record_question(qtbot: Any, app: ConsoleApp, _p: RunningPlatform) -> None:
    """The other-channel form with something typed, then Esc: "discard this record?"."""
    session = app.session
    assert session is not None
    session.start_record()
    form = session.intake
    assert form is not None
    form.name.setText("王秀英")
    form.reject()
    qtbot.waitUntil(lambda: form.confirm_box is not None and form.confirm_box.isVisible())


def open_place_picker(qtbot: Any, app: ConsoleApp, _p: RunningPlatform) -> None:
    """The other-channel form's city map (F4)."""
    session = app.session
    assert session is not None
    session.start_record()
    form = session.intake
    assert form is not None
    form.pick_on_map()
    qtbot.waitUntil(lambda: form.picker is not None and form.picker.isVisible())


def open_notice_question(qtbot: Any, app: ConsoleApp, _p: RunningPlatform) -> None:
    """A notice with a phone number in it: "publish anyway?"."""
    session = app.session
    assert session is not None
    session.show_notices()
    notices = session.notices
    assert notices is not None
    notices.title_edit.setText("失物招领")
    notices.body.setPlainText("捡到钱包的群众请联系 13812345678。")
    notices.request_publish()
    qtbot.waitUntil(lambda: notices.confirm_box is not None and notices.confirm_box.isVisible())


def open_reply_question(qtbot: Any, app: ConsoleApp, platform: RunningPlatform) -> None:
    """A public reply with a mobile number in it: "send anyway?"."""
    session = app.session
    assert session is not None
    pid = citizen_post(platform, "身份证丢了怎么补办")
    session.open_case(pid)
    view = session.case_view
    qtbot.waitUntil(lambda: view.detail is not None and view.editor.isEnabled(), timeout=10_000)
    view.editor.edit.setPlainText("请您拨打承办民警手机 13812345678 联系。")
    view.editor.request_send()


def open_extension(qtbot: Any, app: ConsoleApp, platform: RunningPlatform) -> None:
    """The handling loop's extension request (E), one of the loop's dialogs."""
    session = app.session
    assert session is not None
    pid = citizen_post(platform, "小区电梯长期故障")
    session.open_case(pid)
    loop = session.case_view.loop
    qtbot.waitUntil(loop.actions_["extension"].isEnabled, timeout=10_000)
    loop.start_extension()


def open_hotspot_reply(_q: Any, app: ConsoleApp, platform: RunningPlatform) -> None:
    """The dashboard's "answer all" for a hotspot: one reply to many posts."""
    session = app.session
    assert session is not None
    pids = (citizen_post(platform, "小区暖气不热"), citizen_post(platform, "家里暖气不热"))
    session.answer_hotspot(Hotspot(id=1, board="12345", unit_id=1, terms=("暖气",), post_ids=pids))


OPENERS: dict[str, Callable[[Any, ConsoleApp, RunningPlatform], None]] = {
    "transfer": open_transfer,
    "settings": lambda _q, app, _p: app.open_settings(),
    "about": lambda _q, app, _p: app.show_about(),
    "shortcut sheet": lambda _q, app, _p: app.session.window.show_shortcuts(),  # type: ignore[union-attr]
    "save view": lambda _q, app, _p: app.session.queue_view.filter_bar._ask_save_view(),  # type: ignore[union-attr]
    "sign-out question": lambda _q, app, _p: app.session.window.ask_sign_out(),  # type: ignore[union-attr]
    "export": lambda _q, app, _p: app.session.window.dashboard._ask_png(),  # type: ignore[union-attr]
    "record a call": lambda _q, app, _p: app.session.start_record(),  # type: ignore[union-attr]
    "discard-record question": open_record_question,
    "place on the map": open_place_picker,
    "callbacks": lambda _q, app, _p: app.session.show_callbacks(),  # type: ignore[union-attr]
    "notices": lambda _q, app, _p: app.session.show_notices(),  # type: ignore[union-attr]
    "notice personal-data question": open_notice_question,
    "reply personal-data question": open_reply_question,
    "extension request": open_extension,
    "answer a hotspot together": open_hotspot_reply,
}


@pytest.mark.parametrize("which", list(OPENERS))
def test_acknowledge_with_a_dialog_open(
    qtbot: Any, app: ConsoleApp, platform: RunningPlatform, which: str
) -> None:
    session = app.session
    assert session is not None
    OPENERS[which](qtbot, app, platform)
    find = window_of(session)
    qtbot.waitUntil(lambda: find() is not None, timeout=5000)
    dialog = find()
    assert dialog is not None
    assert QGuiApplication.modalWindow() is None  # nothing blocks the main window
    assert QApplication.activeModalWidget() is None

    # the banner's button
    first = silent_report(platform, "我被困在电梯里，手机快没电了")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [first], timeout=10_000)
    banner_rect = QRect(session.banner.mapToGlobal(QPoint(0, 0)), session.banner.size())
    qtbot.waitUntil(lambda: not dialog.frameGeometry().intersects(banner_rect), timeout=3000)
    qtbot.mouseClick(session.banner.first_ack_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [], timeout=10_000)

    # Ctrl+Shift+A with the dialog in front
    second = silent_report(platform, "有人在门外一直敲门，我一个人在家")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [second], timeout=10_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    target = QApplication.focusWidget() or dialog
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(target, Qt.Key.Key_A, keys)
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [], timeout=10_000)
    assert dialog.isVisible()  # the officer's dialog is still there to finish
