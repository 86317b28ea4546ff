"""The controller: start-up, the embedded demo platform, sign-in, sessions, sign-out.

`ConsoleApp` decides where the platform is (``--server``, the saved server, or the
embedded demo platform), signs the officer in (dialog, remembered token, or
``--badge`` + ``DUTY_CONSOLE_PASSWORD``), and creates a `Session` for the signed-in
officer. Every network and keyring call runs on the task runner, never on the GUI
thread. When the platform refuses the token mid-shift, the sign-in dialog comes back
over the main window and the session resumes in place with the new token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from console import paths, signin
from console.alerts.journal import AlertJournal
from console.alerts.player import QtSoundPlayer, SoundPlayer
from console.api.client import PlatformClient
from console.api.credentials import CredentialStore
from console.api.errors import ApiError, RateLimitedError
from console.embedded import EmbeddedPlatform
from console.options import DEMO_BADGE, DEMO_PASSWORD, Options, default_workstation
from console.session import Session
from console.settings import Settings
from console.signin import LoginForm, SessionInfo
from console.tasks import TaskRunner
from console.views.case.clips import ClipPlayer
from console.views.dialogs.about import AboutDialog, AboutInfo
from console.views.dialogs.login import LoginDialog
from console.views.dialogs.settings import SettingsDialog
from console.views.shell.icon import app_icon
from console.views.theme import apply_theme

log = logging.getLogger(__name__)


class ConsoleApp(QObject):
    """Start-up and sign-in controller; owns at most one `Session` at a time.

    Signals:
        session_started(Session): an officer is signed in and the main window is up.
        signed_out(): the session ended by sign-out (the sign-in dialog is shown again).
        platform_ready(str): the embedded demo platform is up at this URL.
        platform_failed(str): the embedded demo platform could not start.
        sign_in_failed(str): a sign-in attempt failed; the sentence for the officer.
        exit_requested(int): the console should end with this exit code (the officer
            quit); `main()` connects it to QApplication.exit.

    Attributes:
        dialog: the sign-in dialog while one is shown.
        session: the signed-in session, or None.
        embedded: the embedded demo platform, when running one.
        settings_dialog, about_dialog: the Settings / About dialog while one is open.
    """

    session_started = Signal(object)
    signed_out = Signal()
    platform_ready = Signal(str)
    platform_failed = Signal(str)
    sign_in_failed = Signal(str)
    exit_requested = Signal(int)

    def __init__(
        self,
        options: Options,
        settings: Settings,
        *,
        credentials: CredentialStore | None = None,
        player_factory: Callable[[], SoundPlayer] | None = None,
        embedded_factory: Callable[[], EmbeddedPlatform] | None = None,
        clip_player_factory: Callable[[], ClipPlayer] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.options = options
        self.settings = settings
        self.credentials = credentials or CredentialStore()
        self._player_factory = player_factory or (
            lambda: QtSoundPlayer(paths.resource_path("sounds"))
        )
        self._embedded_factory = embedded_factory or (
            lambda: EmbeddedPlatform(
                paths.data_dir(),
                posts=options.demo_posts,
                days=options.demo_days,
                simulate=options.simulate,
            )
        )
        self._clip_player_factory = clip_player_factory  # None: the case view's real player
        self.runner = TaskRunner(parent=self)
        self.icon = app_icon()
        self.embedded: EmbeddedPlatform | None = None
        self.server = options.server or settings.server_url
        self.demo = not self.server
        self.dialog: LoginDialog | None = None
        self.session: Session | None = None
        self._reauth: LoginDialog | None = None
        self._player: SoundPlayer | None = None
        self._journal: AlertJournal | None = None
        self._keyring_ok = True
        self.settings_dialog: SettingsDialog | None = None
        self.about_dialog: AboutDialog | None = None
        settings.changed.connect(self._setting_changed)

    # ------------------------------------------------------------ start-up
    def start(self) -> None:
        self.runner.run(lambda: self.credentials.available, self._keyring_checked, lambda _e: None)
        if self.demo:
            self.embedded = self._embedded_factory()
            embedded = self.embedded
            self.runner.run(embedded.start, self._platform_ready, self._platform_failed)
        auto = bool(self.options.badge and self.options.password)
        if self.options.self_test and self.demo and not auto:
            self.options.badge, self.options.password = DEMO_BADGE, DEMO_PASSWORD
            auto = True
        if auto:
            if not self.demo:
                self._auto_sign_in()
            return  # demo: signs in once the platform is up
        self._show_dialog()
        if not self.demo:
            self._try_remembered_token()

    def _keyring_checked(self, available: bool) -> None:
        self._keyring_ok = bool(available)
        if self.dialog is not None:
            self.dialog.set_keyring_available(self._keyring_ok)

    def _platform_ready(self, url: str) -> None:
        self.server = url
        self.platform_ready.emit(url)
        if self.dialog is not None:
            self.dialog.set_demo(url)
        if self.options.badge and self.options.password and self.session is None:
            self._auto_sign_in()

    def _platform_failed(self, exc: Exception) -> None:
        log.error("embedded platform failed to start", exc_info=exc)
        message = self.tr("The local demo platform could not start. Details are in the log file.")
        self.platform_failed.emit(message)
        if self.dialog is not None:
            self.dialog.fail(message)

    # ------------------------------------------------------------ sign-in
    def _show_dialog(self, error: str = "") -> LoginDialog:
        dlg = LoginDialog(
            server=self.server,
            badge=self.options.badge or self.settings.badge or (DEMO_BADGE if self.demo else ""),
            workstation=self.options.workstation
            or self.settings.workstation
            or default_workstation(),
            keyring_available=self._keyring_ok,
            icon=self.icon,
        )
        dlg.remember_box.setChecked(self.settings.remember_me and self._keyring_ok)
        if self.demo:
            dlg.set_demo(self.server if self.embedded and self.embedded.running else None)
            dlg.prefill(DEMO_BADGE, DEMO_PASSWORD)
        dlg.sign_in_requested.connect(self._sign_in)
        dlg.rejected.connect(self._dialog_rejected)
        self.dialog = dlg
        dlg.show()
        if error:
            dlg.fail(error)
        return dlg

    def _dialog_rejected(self) -> None:
        if self.session is None:
            self.exit_requested.emit(0)

    def ca_bundle(self) -> str:
        """The custom CA bundle in force ("" for the built-in list); read on the GUI thread."""
        return str(self.options.ca_bundle or self.settings.ca_bundle or "")

    def _sign_in(self, form: LoginForm) -> None:
        ca_bundle, credentials, demo = self.ca_bundle(), self.credentials, self.demo
        self.runner.run(
            lambda: signin.sign_in(form, ca_bundle=ca_bundle, credentials=credentials, demo=demo),
            lambda result: self._signed_in(form, *result),
            self._sign_in_failed,
        )

    def _sign_in_failed(self, exc: Exception) -> None:
        message = (
            exc.user_message()
            if isinstance(exc, ApiError)
            else self.tr("Sign-in failed unexpectedly. Details are in the log file.")
        )
        self.sign_in_failed.emit(message)
        if self.options.self_test:
            return  # the self-test reports it, naming the step
        wait = exc.retry_after if isinstance(exc, RateLimitedError) else None
        dlg = self.dialog or self._show_dialog()
        dlg.fail(message, wait)  # too many attempts: the seconds count down

    def _auto_sign_in(self) -> None:
        """``--badge`` with ``DUTY_CONSOLE_PASSWORD``: no dialog, for wall displays."""
        form = LoginForm(
            server=self.server,
            badge=self.options.badge,
            password=self.options.password,
            workstation=self.options.workstation or default_workstation(),
            remember=False,
        )
        self._sign_in(form)

    def _try_remembered_token(self) -> None:
        badge, server = self.settings.badge, self.server
        if not (badge and server and self.settings.remember_me):
            return
        workstation = self.options.workstation or self.settings.workstation
        ca_bundle, credentials = self.ca_bundle(), self.credentials
        form = LoginForm(server, badge, "", workstation, True)

        def done(result: tuple[PlatformClient, SessionInfo] | None) -> None:
            if result is not None and self.session is None:
                self._signed_in(form, *result)

        self.runner.run(
            lambda: signin.resume_remembered(
                server, badge, workstation, ca_bundle=ca_bundle, credentials=credentials
            ),
            done,
            lambda exc: log.info("remembered token not usable: %r", exc),
        )

    def _signed_in(self, form: LoginForm, client: PlatformClient, info: SessionInfo) -> None:
        if self.session is not None:
            return
        self.settings.badge = form.badge
        self.settings.workstation = form.workstation
        self.settings.remember_me = bool(form.remember)
        if not self.demo:
            self.settings.server_url = form.server
        info.demo = info.demo or self.demo
        if self.dialog is not None:
            dlg, self.dialog = self.dialog, None
            dlg.rejected.disconnect(self._dialog_rejected)
            dlg.succeed()
            dlg.deleteLater()
        self._open_session(client, info)

    def _open_session(self, client: PlatformClient, info: SessionInfo) -> None:
        if self._player is None:
            self._player = self._player_factory()
        journal_path = self.options.alert_journal or Path(self.settings.alert_journal_path)
        self._journal = AlertJournal(journal_path)
        session = Session(
            info,
            client,
            self.settings,
            player=self._player,
            journal=self._journal,
            icon=self.icon,
            clip_player=self._clip_player_factory() if self._clip_player_factory else None,
        )
        self.session = session
        session.auth_expired.connect(self._auth_expired)
        window = session.window
        window.sign_out_requested.connect(self.sign_out)
        window.closing.connect(self._window_closing)
        window.theme_requested.connect(self._set_theme)
        window.language_requested.connect(self._set_language)
        window.settings_requested.connect(self.open_settings)
        window.about_requested.connect(self.show_about)
        session.start()
        self.session_started.emit(session)

    # ------------------------------------------------------------ expired token
    def _auth_expired(self, message: str) -> None:
        session = self.session
        if session is None or self._reauth is not None:
            return
        if self.options.self_test:
            return  # the self-test listens to auth_expired itself and fails the step
        info = session.info
        dlg = LoginDialog(
            server=info.server,
            badge=info.badge,
            workstation=info.workstation,
            keyring_available=self._keyring_ok,
            icon=self.icon,
            parent=session.window,
        )
        dlg.remember_box.setChecked(self.settings.remember_me and self._keyring_ok)
        dlg.set_reauth(
            self.tr(
                "Your sign-in has expired or was revoked. Sign in again to continue: "
                "the open case and your draft are kept."
            )
        )
        if self.demo:
            dlg.prefill(info.badge, DEMO_PASSWORD if info.badge == DEMO_BADGE else "")
            dlg.password_edit.selectAll()
        dlg.sign_in_requested.connect(self._reauth_submit)
        dlg.rejected.connect(self._reauth_rejected)
        self._reauth = dlg
        # Over the main window, not modal: the case and draft stay in sight, and the
        # alarm banner stays clickable (an acknowledgement waits in the outbox).
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()

    def _reauth_submit(self, form: LoginForm) -> None:
        ca_bundle, credentials = self.ca_bundle(), self.credentials

        def failed(exc: Exception) -> None:
            if self._reauth is not None:
                self._reauth.fail(exc.user_message() if isinstance(exc, ApiError) else str(exc))

        self.runner.run(
            lambda: signin.reauthenticate(form, ca_bundle=ca_bundle, credentials=credentials),
            self._reauthenticated,
            failed,
        )

    def _reauthenticated(self, token: str) -> None:
        dlg, self._reauth = self._reauth, None
        if dlg is not None:
            dlg.rejected.disconnect(self._reauth_rejected)
            dlg.succeed()
            dlg.deleteLater()
        if self.session is not None:
            self.session.reauthenticated(token)

    def _reauth_rejected(self) -> None:
        self._reauth = None
        self.sign_out()

    # ------------------------------------------------------------ sign-out and exit
    def sign_out(self) -> None:
        """Revoke the token on the platform, forget it here, back to the sign-in dialog."""
        session = self.session
        if session is None:
            return
        self.session = None
        client, info, credentials = session.client, session.info, self.credentials
        self.runner.run(
            lambda: signin.revoke(client, credentials, info.server, info.badge),
            None,
            lambda exc: log.info("token revoke failed: %r", exc),
        )
        for dlg in (self.settings_dialog, self.about_dialog):
            if dlg is not None:
                dlg.reject()  # they belong to the window that is about to go
        session.window.closing.disconnect(self._window_closing)
        session.window.save_layout()
        session.close()  # journals the alarms it stops, so the journal closes after it
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        session.window.hide()
        session.window.deleteLater()
        session.deleteLater()
        self.signed_out.emit()
        self._show_dialog()

    def _window_closing(self) -> None:
        if self.session is not None:
            self.session.close()
        self.exit_requested.emit(0)

    def _set_theme(self, theme: str) -> None:
        self.settings.theme = theme  # applied by _setting_changed

    def _set_language(self, language: str) -> None:
        self.settings.language = language  # applies at the next start

    def _setting_changed(self, name: str) -> None:
        """The theme acts at once, from the menu or the Settings dialog.

        Volume and chime settings are the session's to apply (Session._setting_changed);
        server and language apply at the next start, the alert journal at the next sign-in.
        """
        if name not in ("theme", "language"):
            return
        if name == "theme":
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, self.settings.theme)
        if self.session is not None:
            self.session.window.set_current_choices(self.settings.language, self.settings.theme)

    # ------------------------------------------------------------ settings and about
    def open_settings(self) -> None:
        """值班台 → 设置… (Ctrl+,): one dialog at a time, over the main window."""
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return
        session = self.session
        dlg = SettingsDialog(
            self.settings,
            player=self._player,
            overrides={
                "server_url": self.options.server,
                "alert_journal_path": str(self.options.alert_journal or ""),
                "ca_bundle": str(self.options.ca_bundle or ""),
            },
            parent=session.window if session is not None else None,
        )
        dlg.finished.connect(self._settings_closed)
        self.settings_dialog = dlg
        dlg.show()  # not modal: the alarm banner stays clickable

    def _settings_closed(self) -> None:
        dlg, self.settings_dialog = self.settings_dialog, None
        if dlg is not None:
            dlg.deleteLater()

    def about_info(self) -> AboutInfo:
        session = self.session
        journal = self._journal.path if self._journal is not None else None
        return AboutInfo(
            server=session.info.server if session is not None else self.server,
            demo=bool(session.info.demo) if session is not None else self.demo,
            data_dir=paths.data_dir(),
            log_dir=paths.log_dir(),
            alert_journal=journal
            or self.options.alert_journal
            or Path(self.settings.alert_journal_path),
            settings_file=Path(self.settings.file_name),
            ca_bundle=self.ca_bundle(),
        )

    def show_about(self) -> None:
        """帮助 → 关于值班台."""
        if self.about_dialog is not None:
            self.about_dialog.raise_()
            return
        session = self.session
        dlg = AboutDialog(
            self.about_info(),
            icon=self.icon,
            parent=session.window if session is not None else None,
        )
        dlg.finished.connect(self._about_closed)
        self.about_dialog = dlg
        dlg.show()  # not modal: the alarm banner stays clickable

    def _about_closed(self) -> None:
        dlg, self.about_dialog = self.about_dialog, None
        if dlg is not None:
            dlg.deleteLater()

    def shutdown(self) -> None:
        """At exit: stop the session's workers and the embedded platform (idempotent)."""
        if self.session is not None:
            self.session.close()
        self.runner.shutdown(10_000)
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        if self.embedded is not None:
            self.embedded.stop()

    def dispose(self) -> None:
        """After `shutdown`: delete windows and workers on this (the GUI) thread.

        Left to Python's garbage collector, a QObject may be destroyed on whichever
        thread happens to run the collection, which Qt does not allow.
        """
        session = self.session
        for obj in (
            self.dialog,
            self._reauth,
            self.settings_dialog,
            self.about_dialog,
            session.window if session else None,
            session,
        ):
            if obj is not None:
                obj.deleteLater()
        self.dialog = self._reauth = self.settings_dialog = self.about_dialog = None
        self.session = None
        self.deleteLater()

    @property
    def reauth_dialog(self) -> LoginDialog | None:
        """The "sign in again" dialog while the platform wants a new token."""
        return self._reauth
