"""Signing in, as an officer meets it: the dialog, wrong passwords, the keyring (or its
absence), the demo prefill, remembered tokens, sign-out, and a token that dies mid-draft."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from console.app import ConsoleApp
from console.session import Session
from tests.helpers.console import PASSWORD, dispose, make_app, revoke, signed_in, type_text
from tests.helpers.console_expected_logs import REFUSED, TASK_FAILED
from tests.helpers.fakes import MemoryKeyring
from tests.helpers.platform import Api, RunningPlatform, citizen_post

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]  # as officers read it


@pytest.fixture
def apps() -> Iterator[list[ConsoleApp]]:
    made: list[ConsoleApp] = []
    yield made
    for app in made:
        dispose(app)


@pytest.fixture
def strict(tmp_path: Any) -> Iterator[RunningPlatform]:
    """A platform with no free sign-in failures: each wrong password makes the next wait
    1 s, then 2 s, ... (set up before `apps`, so consoles end before it stops)."""
    p = RunningPlatform.start(tmp_path / "strict.sqlite3", login_pair_free_failures=0)
    yield p
    p.stop()


def submit(qtbot: Any, app: ConsoleApp, password: str) -> None:
    dlg = app.dialog
    assert dlg is not None
    dlg.password_edit.clear()
    qtbot.keyClicks(dlg.password_edit, password)
    qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)


def test_sign_in_with_the_dialog_and_remember_me(
    qtbot: Any, platform: RunningPlatform, memory_keyring: MemoryKeyring, apps: list[ConsoleApp]
) -> None:
    app = make_app(platform)
    apps.append(app)
    app.start()
    dlg = app.dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.waitUntil(lambda: not dlg.keyring_label.isVisible() and dlg.remember_box.isEnabled())
    assert dlg.server_edit.text() == platform.url
    assert dlg.password_edit.text() == ""  # only the demo platform prefills a password
    dlg.badge_edit.setText("010001")
    dlg.remember_box.setChecked(True)
    with qtbot.waitSignal(app.session_started, timeout=15_000) as started:
        submit(qtbot, app, PASSWORD)
    session: Session = started.args[0]
    assert not dlg.isVisible()
    assert session.window.isVisible()
    assert "张伟" in session.window.windowTitle()
    assert "本地演示平台" not in session.window.windowTitle()
    assert "张伟（010001）· 市局指挥中心" in session.window.status.officer_label.text()
    assert not session.window.status.demo_label.isVisible()
    stored = [
        v for (service, _acct), v in memory_keyring.store.items() if service == "duty-console"
    ]
    assert stored == [session.client.token]
    assert PASSWORD not in memory_keyring.store.values()  # a token, never the password


@pytest.mark.expected_log(REFUSED + r"POST .*/auth/login: 401 ")
@pytest.mark.expected_log(TASK_FAILED)
def test_wrong_password_says_so_in_chinese(
    qtbot: Any, platform: RunningPlatform, apps: list[ConsoleApp]
) -> None:
    app = make_app(platform)
    apps.append(app)
    app.start()
    dlg = app.dialog
    assert dlg is not None
    dlg.badge_edit.setText("010001")
    submit(qtbot, app, "not-the-password")
    qtbot.waitUntil(dlg.error_label.isVisible, timeout=10_000)
    assert "密码不正确" in dlg.error_label.text()
    assert dlg.isVisible() and app.session is None
    assert dlg.sign_in_button.isEnabled()  # the officer can try again at once


@pytest.mark.expected_log(REFUSED + r"POST .*/auth/login: 40[1] ")
@pytest.mark.expected_log(REFUSED + r"POST .*/auth/login: 429 ")
@pytest.mark.expected_log(r"platform_server\.domain\.accounts: login rate-limited")
@pytest.mark.expected_log(TASK_FAILED)
def test_too_many_attempts_count_down_to_the_next_one(
    qtbot: Any, strict: RunningPlatform, apps: list[ConsoleApp]
) -> None:
    app = make_app(strict)
    apps.append(app)
    app.start()
    dlg = app.dialog
    assert dlg is not None
    dlg.badge_edit.setText("010001")
    for wait in (1, 2):
        # a wrong password: the platform will not listen for `wait` seconds
        submit(qtbot, app, "wrong-password")
        qtbot.waitUntil(lambda: "密码不正确" in dlg.error_label.text(), timeout=10_000)
        if wait == 1:
            # at once again: refused, counted down, then 登录 is back
            submit(qtbot, app, "wrong-password")
            qtbot.waitUntil(lambda: "1 秒" in dlg.error_label.text(), timeout=10_000)
            assert not dlg.sign_in_button.isEnabled()
            qtbot.waitUntil(dlg.sign_in_button.isEnabled, timeout=3_000)
    # at once again: the platform wants 2 s; the dialog counts them down
    submit(qtbot, app, "wrong-password")
    qtbot.waitUntil(lambda: "2 秒" in dlg.error_label.text(), timeout=10_000)
    assert not dlg.sign_in_button.isEnabled()
    qtbot.waitUntil(lambda: "1 秒" in dlg.error_label.text(), timeout=3_000)
    assert not dlg.sign_in_button.isEnabled()
    qtbot.waitUntil(dlg.sign_in_button.isEnabled, timeout=3_000)
    assert "现在可以再次登录" in dlg.error_label.text()
    with qtbot.waitSignal(app.session_started, timeout=15_000):
        submit(qtbot, app, PASSWORD)


def test_empty_password_is_caught_before_any_request(
    qtbot: Any, platform: RunningPlatform, apps: list[ConsoleApp]
) -> None:
    app = make_app(platform)
    apps.append(app)
    app.start()
    dlg = app.dialog
    assert dlg is not None
    dlg.badge_edit.setText("010001")
    qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
    assert dlg.error_label.text() == "请填写密码。"


def test_no_keyring_says_so_and_remembers_nothing(
    qtbot: Any, platform: RunningPlatform, no_keyring: None, apps: list[ConsoleApp]
) -> None:
    app = make_app(platform)
    apps.append(app)
    app.start()
    dlg = app.dialog
    assert dlg is not None
    qtbot.waitUntil(dlg.keyring_label.isVisible)
    assert "密钥环" in dlg.keyring_label.text() and "每次" in dlg.keyring_label.text()
    assert not dlg.remember_box.isEnabled() and not dlg.remember_box.isChecked()
    dlg.badge_edit.setText("010001")
    with qtbot.waitSignal(app.session_started, timeout=15_000):
        submit(qtbot, app, PASSWORD)
    assert app.settings.get("remember_me") is False


def test_demo_platform_prefills_the_demo_officer(
    qtbot: Any, platform: RunningPlatform, apps: list[ConsoleApp]
) -> None:
    app = make_app(platform, demo=True)
    apps.append(app)
    app.start()
    dlg = app.dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.server_edit.text() == platform.url, timeout=10_000)
    assert dlg.server_edit.isReadOnly()
    assert dlg.demo_label.isVisible() and "本地演示平台" in dlg.demo_label.text()
    assert (dlg.badge_edit.text(), dlg.password_edit.text()) == ("010001", PASSWORD)
    with qtbot.waitSignal(app.session_started, timeout=15_000) as started:
        qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
    session: Session = started.args[0]
    assert "本地演示平台" in session.window.windowTitle()
    assert session.window.status.demo_label.isVisible()
    assert "本地演示平台" in session.window.status.demo_label.text()


def test_remembered_token_signs_in_without_the_dialog_and_sign_out_revokes_it(
    qtbot: Any, platform: RunningPlatform, memory_keyring: MemoryKeyring, apps: list[ConsoleApp]
) -> None:
    first = make_app(platform)
    apps.append(first)
    first.start()
    assert first.dialog is not None
    first.dialog.badge_edit.setText("010001")
    first.dialog.remember_box.setChecked(True)
    with qtbot.waitSignal(first.session_started, timeout=15_000) as started:
        submit(qtbot, first, PASSWORD)
    first.shutdown()
    first.session.window.close()  # type: ignore[union-attr]

    second = make_app(platform)  # the next morning: same settings, same keyring
    apps.append(second)
    with qtbot.waitSignal(second.session_started, timeout=15_000) as started:
        second.start()
    session: Session = started.args[0]
    token = session.client.token
    assert token and Api(platform.url, token=token).get("/me").status_code == 200

    session.window.sign_out_action.trigger()  # asks first: this console is the alarm device
    box = session.window.leave_box
    assert box is not None and "静默报警" in box.text()
    with qtbot.waitSignal(second.signed_out):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert second.dialog is not None and second.dialog.isVisible()
    qtbot.waitUntil(
        lambda: Api(platform.url, token=token).get("/me").status_code == 401, timeout=10_000
    )
    qtbot.waitUntil(lambda: not memory_keyring.store, timeout=5_000)


@pytest.mark.expected_log(REFUSED + r"GET .*: 401 token_revoked")
@pytest.mark.expected_log(TASK_FAILED)
@pytest.mark.expected_log(r"console\.views\.queue\.feed: queue page failed: AuthError")
def test_expired_token_mid_draft_brings_back_sign_in_and_keeps_case_and_draft(
    qtbot: Any, platform: RunningPlatform, apps: list[ConsoleApp]
) -> None:
    post_id = citizen_post(platform, "小区门口井盖丢失，晚上很危险")
    app = make_app(platform, badge="010001", password=PASSWORD)
    apps.append(app)
    session = signed_in(qtbot, app)
    with qtbot.waitSignal(session.case_view.case_loaded, timeout=10_000):
        session.open_case(post_id)
    session.case_view.reply_action.trigger()
    draft = "您好，已通知市政部门今晚前往补装井盖，请绕行注意安全。"
    type_text(session.case_view.editor.edit, draft)
    old_token = session.client.token
    assert old_token

    revoke(platform, old_token)  # the token dies while the officer is typing
    session.window.refresh_action.trigger()  # any request now gets 401
    qtbot.waitUntil(lambda: app.reauth_dialog is not None, timeout=10_000)
    dlg = app.reauth_dialog
    assert dlg is not None and dlg.isVisible()
    assert "草稿" in dlg.notice_label.text() and "重新登录" in dlg.notice_label.text()
    assert dlg.badge_edit.text() == "010001" and dlg.badge_edit.isReadOnly()
    # Behind the dialog nothing moved.
    assert session.case_view.post_id == post_id
    assert session.case_view.editor.text() == draft
    assert app.session is session

    qtbot.keyClicks(dlg.password_edit, PASSWORD)
    qtbot.mouseClick(dlg.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.reauth_dialog is None, timeout=10_000)
    assert session.client.token not in (None, old_token)
    assert app.session is session
    assert session.case_view.post_id == post_id
    assert session.case_view.editor.text() == draft
    qtbot.waitUntil(lambda: session.stream.state == "live", timeout=10_000)
    # The new token works for everything the session does.
    with qtbot.waitSignal(session.case_view.case_loaded, timeout=10_000):
        session.case_view.refresh()
    assert session.case_view.editor.text() == draft
