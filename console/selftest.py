"""`duty-console --self-test`: the installed console proves, step by step, that it works.

IT runs it after installing a bundle (and CI after building one): it starts the platform
(the embedded demo one unless ``--server`` is given), signs in, opens the main window,
waits for queue rows, opens a case, draws the dashboard and its district map, checks the
multimedia backend
and plays the alarm. Each step prints one line; the run ends with ``self-test: ok`` and
exit code 0, or ``self-test: FAILED at step '<name>': <why>`` and exit code 1. A missing
audio output is reported, not failed: a workstation without speakers is a fact to tell
IT, and the console itself shows the red "alarms cannot sound" strip for it — which
this step checks.

Steps are driven by a poll timer rather than a chain of one-shot signal connections:
each step has a ``begin`` and a ``check`` that says when it is done, so a signal that
fired before anyone listened cannot stall the run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtMultimedia import QMediaDevices, QMediaPlayer

from console.alerts.player import ALARM
from console.app import ConsoleApp
from console.session import Session
from console.views.dashboard.dashboard import Dashboard

log = logging.getLogger(__name__)

POLL_MS = 50
SOUND_WAIT_S = 3.0
RUN_TIMEOUT_MS = 170_000  # a last guard; every step has its own timeout


class StepError(Exception):
    """A step cannot succeed; the message says why, for IT."""


@dataclass
class Step:
    name: str
    begin: Callable[[], None]
    check: Callable[[], str | None]  # a line when done, None while waiting; may raise
    timeout_s: float


def _print(line: str) -> None:
    try:
        print(line, flush=True)
    except UnicodeEncodeError:  # a console that cannot show Chinese still gets the line
        print(line.encode("ascii", "backslashreplace").decode("ascii"), flush=True)


class SelfTest(QObject):
    """Runs the steps against a `ConsoleApp` that was started with ``self_test=True``.

    Signals:
        finished(int): 0 when every step passed, 1 otherwise (printed before).

    Attributes:
        passed: names of the steps that passed, in order.
        first_window_s: seconds from process start until the main window was shown.
    """

    finished = Signal(int)

    def __init__(
        self,
        controller: ConsoleApp,
        *,
        started_at: float | None = None,
        out: Callable[[str], None] = _print,
        timeout_scale: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.started_at = started_at if started_at is not None else time.monotonic()
        self.out = out
        self.passed: list[str] = []
        self.first_window_s: float | None = None
        self._done = False
        self._index = -1
        self._step_started = 0.0
        self._case_id: int | None = None
        self._widened = False
        self._steps = [
            Step("platform", lambda: None, self._check_platform, 120 * timeout_scale),
            Step("sign-in", lambda: None, self._check_signed_in, 30 * timeout_scale),
            Step("main window", lambda: None, self._check_window, 10 * timeout_scale),
            Step("queue", lambda: None, self._check_queue, 30 * timeout_scale),
            Step("case", self._begin_case, self._check_case, 20 * timeout_scale),
            Step("dashboard", self._begin_dashboard, self._check_dashboard, 30 * timeout_scale),
            Step("map", lambda: None, self._check_map, 30 * timeout_scale),
            Step("media backend", lambda: None, self._check_media, 10 * timeout_scale),
            Step("alarm sound", self._begin_sound, self._check_sound, 10 * timeout_scale),
        ]
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._tick)
        controller.platform_failed.connect(self.fail)
        controller.sign_in_failed.connect(self.fail)
        controller.session_started.connect(self._session_started)

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self._steps]

    @property
    def current_step(self) -> str:
        return self._steps[self._index].name if 0 <= self._index < len(self._steps) else ""

    def start(self) -> None:
        self.out(f"self-test: {len(self._steps)} steps: {', '.join(self.step_names)}")
        self._next()

    def fail(self, why: str) -> None:
        """End the run as failed at the current step (also called by the controller)."""
        if self._done:
            return
        self._done = True
        self._poll.stop()
        line = f"self-test: FAILED at step '{self.current_step}': {why}"
        log.error("%s", line)
        self.out(line)
        self.finished.emit(1)

    # ------------------------------------------------------------ driving
    @property
    def _session(self) -> Session:
        session = self.controller.session
        if session is None:
            raise StepError("the session ended")
        return session

    def _session_started(self, session: Session) -> None:
        session.auth_expired.connect(self.fail)
        session.feed.load_failed.connect(self.fail)

    def _next(self) -> None:
        self._index += 1
        if self._index >= len(self._steps):
            self._finish()
            return
        step = self._steps[self._index]
        self._step_started = time.monotonic()
        try:
            step.begin()
        except StepError as exc:
            self.fail(str(exc))
            return
        self._poll.start()
        self._tick()

    def _tick(self) -> None:
        if self._done or not 0 <= self._index < len(self._steps):
            return
        step = self._steps[self._index]
        try:
            line = step.check()
        except StepError as exc:
            self.fail(str(exc))
            return
        except Exception as exc:
            log.exception("self-test step %s raised", step.name)
            self.fail(f"{type(exc).__name__}: {exc}")
            return
        elapsed = time.monotonic() - self._step_started
        if line is None:
            if elapsed > step.timeout_s:
                self.fail(f"nothing happened within {step.timeout_s:.0f} s")
            return
        self._poll.stop()
        self.passed.append(step.name)
        text = f"self-test: [{self._index + 1}/{len(self._steps)}] {step.name}: {line}"
        text += f" ({elapsed:.1f} s)"
        log.info("%s", text)
        self.out(text)
        QTimer.singleShot(0, self._next)

    def _finish(self) -> None:
        self._done = True
        total = time.monotonic() - self.started_at
        window = f"{self.first_window_s:.1f} s" if self.first_window_s is not None else "?"
        line = (
            f"self-test: ok ({len(self.passed)} steps; {total:.1f} s from process start, "
            f"main window after {window})"
        )
        log.info("%s", line)
        self.out(line)
        self.finished.emit(0)

    # ------------------------------------------------------------ the steps
    def _check_platform(self) -> str | None:
        c = self.controller
        if not c.demo:
            return f"{c.server} (given; reached at sign-in)"
        if c.embedded is not None and c.embedded.running:
            return f"local demo platform at {c.embedded.url}"
        return None

    def _check_signed_in(self) -> str | None:
        session = self.controller.session
        if session is None:
            return None
        me = session.info.me
        return f"badge {me.badge}, role {me.role}" + (" (demo)" if session.info.demo else "")

    def _check_window(self) -> str | None:
        window = self._session.window
        if not window.isVisible():
            return None
        self.first_window_s = time.monotonic() - self.started_at
        return f"shown {self.first_window_s:.1f} s after start"

    def _check_queue(self) -> str | None:
        session = self._session
        if not session.queue_loaded:
            return None
        rows = session.model.rowCount()
        if rows:
            return f"{rows} row{'s' if rows != 1 else ''} listed"
        scope = session.queue_view.filter_bar.scope_buttons.get("all")
        if not self._widened and scope is not None:
            self._widened = True  # a remembered narrow filter: widen as an officer would
            scope.click()
            return None
        if not self.controller.demo:
            return "empty on this platform (nothing to open; the case step is skipped)"
        return None  # the demo city always has open cases: keep waiting, then time out

    def _begin_case(self) -> None:
        session = self._session
        post = session.model.post_at(0)
        if post is None:
            self._case_id = None
            return
        self._case_id = post.id
        session.queue_view.select_post(post.id)
        session.queue_view.focus_table()
        session.window.open_action.trigger()  # what Enter on the selected row does

    def _check_case(self) -> str | None:
        if self._case_id is None:
            return "skipped (the queue is empty)"
        view = self._session.case_view
        detail = view.detail
        if detail is not None and detail.id == self._case_id:
            return f"#{self._case_id} opened with its history ({len(detail.timeline)} entries)"
        banner = view.banner_message()
        if banner:
            raise StepError(f"case #{self._case_id}: {banner}")
        return None

    def _begin_dashboard(self) -> None:
        window = self._session.window
        dashboard = window.dashboard
        if not isinstance(dashboard, Dashboard):
            raise StepError("the dashboard could not be created (details in the log)")
        dashboard.failed.connect(self.fail)
        window.dashboard_action.trigger()  # Ctrl+D

    def _check_dashboard(self) -> str | None:
        window = self._session.window
        dashboard = window.dashboard
        if not isinstance(dashboard, Dashboard) or dashboard.updated_at is None:
            return None
        window.toggle_dashboard()  # back to the queue, as the officer would
        return f"{len(dashboard.figures)} figures drawn"

    def _check_map(self) -> str | None:
        """The city's map drew its station districts (geography, shapely and the
        platform's /geo routes all work in this installation)."""
        dashboard = self._session.window.dashboard
        scene = getattr(dashboard, "district_scene", None)
        if scene is None:
            raise StepError("the dashboard has no district map (details in the log)")
        if not scene.district_items:
            return None
        return f"{len(scene.district_items)} station districts on the map"

    def _check_media(self) -> str | None:
        player = QMediaPlayer(self)
        try:
            if not player.isAvailable():
                raise StepError(
                    "Qt's multimedia backend is missing from this installation: citizens' "
                    "audio clips cannot play (see the build's plugin list)"
                )
        finally:
            player.deleteLater()
        return "QMediaPlayer backend available"

    def _begin_sound(self) -> None:
        player = self._session.player
        if player.output_ok:
            player.play_once(ALARM)

    def _check_sound(self) -> str | None:
        session = self._session
        player = session.player
        outputs = QMediaDevices.audioOutputs()
        device = QMediaDevices.defaultAudioOutput()
        name = device.description() if outputs and not device.isNull() else "none"
        if not player.output_ok:
            if not session.banner.audio_warning_visible:
                raise StepError("the audio output is broken but the red warning is not shown")
            reason = player.failure_reason or "no audio output"
            return f"audio output: {name} — alarms would show the red warning ({reason})"
        if player.is_playing(ALARM):
            if not self._alarm_loop_wanted(session):
                player.stop(ALARM)
            return f"audio output: {name} — the alarm played"
        if time.monotonic() - self._step_started < SOUND_WAIT_S:
            return None
        return f"audio output: {name} — the alarm did not start within {SOUND_WAIT_S:.0f} s"

    @staticmethod
    def _alarm_loop_wanted(session: Session) -> bool:
        """Open silent reports keep their loop: the self-test must not silence them."""
        return session.policy.sounding_tone is not None


def start_self_test(controller: ConsoleApp, *, started_at: float | None = None) -> SelfTest:
    """Attach a self-test to a controller that is about to start (``--self-test``).

    Call before ``controller.start()``: the test listens from the first signal on.
    Its ``finished(int)`` carries the process's exit code.
    """
    test = SelfTest(controller, started_at=started_at, parent=controller)
    QTimer.singleShot(RUN_TIMEOUT_MS, lambda: test.fail("the whole run took too long"))
    test.start()
    return test
