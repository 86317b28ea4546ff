"""Renders the console's screens offscreen against the embedded demo platform.

    .venv/bin/python scripts/screenshots.py            # → screenshots/*.png
    .venv/bin/python scripts/screenshots.py --icons    # also resources/icons/app.{png,ico}

On a real screen (Xvfb) at the sizes officers have, whole-screen grabs (dropdown popups
included), the window maximised as on a workstation:

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots.py --screen \
        --out build/shots-1366
    Xvfb :98 -screen 0 1920x1080x24 &   # and 125 % scaling:
    DISPLAY=:98 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.25 .venv/bin/python \
        scripts/screenshots.py --screen --out build/shots-1920-125

What it shows is what an officer sees: the real console (ConsoleApp, the same code as
`duty-console`) signed in as the demo officer on a seeded demo city, Chinese UI. The
demo database is kept in --data-dir between runs (first run seeds it, ~1 min).

Screens: login, main window (light and dark), a case with attachments, the reply
editor with a draft, a silent-report alarm, private messages beside it, the
other-channel form, the callback worklist and notices, the silent report's case with
its map and the transfer dialog (at 1366x768 and 1920x1080), the likely duplicates tab,
and the dashboard with its district map (grid and wall display) when the console has one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_SCREEN = Path(__file__).resolve().parent / "offscreen-1080p.json"
# A 1920x1080 offscreen "screen" (the default is 800x800), so full-screen views such
# as the wall display render at a command-centre monitor's size.
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
os.environ.setdefault(
    "QT_LOGGING_RULES",
    "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false;qt.qpa.*=false",
)

SIZE = (1680, 1000)


def wait_until(app: Any, condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def settle(app: Any, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


GRAB = {"screen": False}  # --screen: grab the whole screen (popups too), not one widget


def grab(widget: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if GRAB["screen"]:
        from PySide6.QtGui import QGuiApplication

        image = QGuiApplication.primaryScreen().grabWindow(0)
    else:
        image = widget.grab()
    if not image.save(str(path)):
        raise SystemExit(f"screenshots: could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def render_icons() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    icons = ROOT / "resources" / "icons"
    renderer = QSvgRenderer(str(icons / "app.svg"))
    images = {}
    for size in (16, 32, 48, 256):
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p)
        p.end()
        images[size] = img
    images[256].save(str(icons / "app.png"))
    images[48].save(str(icons / "app.ico"))  # Windows takes the 48 px frame for the taskbar
    print("wrote resources/icons/app.png, app.ico")


CITIZEN_SIZES = ((1366, 768), (1920, 1080))  # the screens of issue 13, at both sizes


def talking_with_citizens(app: Any, session: Any, window: Any, out: Path) -> None:
    """Private messages beside a silent report, the other-channel form, callbacks, notices."""
    view = session.case_view
    silent_id = session.banner.shown_post_ids[0]
    loaded: list[int] = []
    view.case_loaded.connect(loaded.append)
    session.open_case(silent_id)
    wait_until(app, lambda: silent_id in loaded, 30, "the silent report")
    view.private.insert_question(view.private.question_buttons[0].toolTip())
    for w, h in CITIZEN_SIZES:
        window.resize(w, h)
        settle(app, 0.8)
        grab(window, out / f"private_messages_{w}x{h}.png")
    window.resize(*SIZE)
    session.start_record()
    form = session.intake
    form.name.setText("王秀英")
    form.phone.setText("13600001234")
    form.title_edit.setText("楼上装修噪音扰民")
    form.body.setPlainText("来电称楼上每天早上七点开始装修，多次沟通无果。")
    settle(app, 0.5)
    grab(form, out / "intake_form.png")
    form.done(0)
    session.show_callbacks()
    session.show_notices()
    for w, h in CITIZEN_SIZES:
        session.callbacks.resize(min(w - 100, 1100), min(h - 100, 640))
        session.notices.resize(min(w - 100, 1100), min(h - 100, 900))
        settle(app, 1.0)
        grab(session.callbacks, out / f"callbacks_{w}x{h}.png")
        grab(session.notices, out / f"notices_{w}x{h}.png")
    session.callbacks.close()
    session.notices.close()


def city_shots(app: Any, session: Any, window: Any, out: Path) -> None:
    """The silent report's case with its map, the transfer dialog with the district's
    station and the triage suggestion, and the likely duplicates tab, at two sizes."""
    report = session.banner.shown_post_ids[0]
    loaded: list[int] = []
    session.case_view.case_loaded.connect(loaded.append)
    session.open_case(report)
    wait_until(app, lambda: report in loaded, 30, "the silent report's case")
    panel = session.case_view.map_panel
    wait_until(app, lambda: bool(panel.scene.district_items), 30, "the city on the map")
    for width, height in ((1366, 768), (1920, 1080)):
        window.resize(width, height)
        settle(app, 1.5)
        grab(window, out / f"case_map_{width}x{height}.png")
    session.case_view.start_transfer()
    dialog = session.case_view.active_dialog
    if dialog is not None:
        settle(app, 3.0)  # the suggestion arrives on a worker (204 until trained)
        grab(dialog, out / "transfer_suggestion.png")
        dialog.reject()
    session.case_view.tabs.setCurrentWidget(session.case_view.duplicates)
    settle(app, 1.5)
    grab(window, out / "case_duplicates_1920x1080.png")
    session.case_view.tabs.setCurrentWidget(session.case_view.conversation)
    window.resize(*SIZE)
    settle(app)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "screenshots")
    ap.add_argument("--data-dir", type=Path, default=ROOT / "build" / "screenshots-home")
    ap.add_argument("--posts", type=int, default=20_000, help="demo posts seeded on first run")
    ap.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    ap.add_argument("--icons", action="store_true", help="also render the app icon PNG/ICO")
    ap.add_argument("--size", default="", help="window size WxH (default 1680x1000)")
    ap.add_argument(
        "--screen", action="store_true", help="real screen: maximise, grab the whole screen"
    )
    args = ap.parse_args()
    GRAB["screen"] = args.screen
    size = tuple(int(v) for v in args.size.split("x")) if args.size else SIZE
    os.environ["DUTY_CONSOLE_HOME"] = str(args.data_dir.resolve())

    from PySide6.QtWidgets import QApplication

    from console import paths
    from console.app import ConsoleApp
    from console.embedded import EmbeddedPlatform
    from console.i18n import install_translators
    from console.options import DEMO_BADGE, DEMO_PASSWORD, Options
    from console.settings import Settings
    from console.views.dialogs.login import LoginDialog
    from console.views.theme import apply_theme
    from tests.helpers.fakes import FakeSoundPlayer

    app = QApplication(sys.argv[:1])
    if args.icons:
        render_icons()
    translators = install_translators(app, args.lang)
    apply_theme(app, "light")
    out: Path = args.out

    print("starting the demo platform (the first run seeds it) …", flush=True)
    platform = EmbeddedPlatform(paths.data_dir(), posts=args.posts, simulate=False)
    url = platform.start()

    # A calm start: silent reports an earlier run left open are acknowledged and resolved.
    from tests.helpers.platform import Api, new_key

    officer = Api(url)
    officer.token = officer.post(
        "/auth/login", {"badge": DEMO_BADGE, "password": DEMO_PASSWORD, "workstation": "shots"}
    ).json()["token"]
    left_open = officer.get(
        "/posts", params={"kind": "silent_report", "status": "new,accepted,in_progress"}
    ).json()["items"]
    for post in left_open:
        for action, body in (
            ("acknowledge", None),
            ("accept", None),
            ("close", {"resolution": "民警已联系报警人，确认安全。"}),
        ):
            version = officer.get(f"/posts/{post['id']}").json()["version"]
            officer.post(
                f"/posts/{post['id']}/{action}", body, headers={"If-Match": f'"{version}"'}
            )

    for leftover in paths.data_dir().glob("drafts.sqlite3*"):
        leftover.unlink()  # last run's draft would show in the editor
    settings = Settings()
    for name in (
        "window_geometry",
        "window_state",
        "splitter_state",
        "column_widths",
        "queue_filters",
        "saved_views",
    ):
        settings.reset(name)
    settings.set(
        "saved_views",
        [
            {
                "name": "夜班超时",
                "filters": {"status": "open", "overdue": True, "sort": "deadline"},
            },
            {"name": "本单位待受理", "filters": {"scope": "unit", "status": "new"}},
        ],
    )

    dlg = LoginDialog(
        server="", badge=DEMO_BADGE, workstation="指挥大厅-03", keyring_available=True
    )
    dlg.set_demo(url)
    dlg.prefill(DEMO_BADGE, DEMO_PASSWORD)
    dlg.remember_box.setChecked(True)
    dlg.show()
    settle(app, 0.3)
    grab(dlg, out / "login.png")
    dlg.close()

    options = Options(
        badge=DEMO_BADGE, password=DEMO_PASSWORD, workstation="指挥大厅-03", simulate=False
    )
    controller = ConsoleApp(
        options, settings, player_factory=FakeSoundPlayer, embedded_factory=lambda: platform
    )
    controller.start()
    wait_until(app, lambda: controller.session is not None, 60, "sign-in")
    session = controller.session
    assert session is not None
    ready: list[bool] = []
    session.queue_ready.connect(lambda: ready.append(True))
    wait_until(app, lambda: bool(ready) or session.model.rowCount() > 0, 60, "the queue")
    window = session.window
    if args.screen:
        # (No window manager under Xvfb: "maximised" is the screen's whole area, set here.)
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
        hint = window.minimumSizeHint()
        print(f"window {window.width()}x{window.height()}, needs {hint.width()}x{hint.height()}")
    else:
        window.resize(*size)
    settle(app)

    # A case with photos that this officer may handle, from the loaded queue.
    me = session.info.me
    rows = [session.model.post_at(r) for r in range(session.model.rowCount())]
    candidates = [p for p in rows if p is not None and not p.is_silent]
    opened = next(
        (p for p in candidates if p.attachment_count > 0 and p.unit_id == me.unit_id),
        next((p for p in candidates if p.attachment_count > 0), candidates[0]),
    )
    session.queue_view.select_post(opened.id)
    loaded: list[int] = []
    session.case_view.case_loaded.connect(loaded.append)
    session.open_case(opened.id)
    wait_until(app, lambda: opened.id in loaded, 30, "the case")
    settle(app, 1.5)  # thumbnails load on workers
    grab(window, out / "main_window.png")
    grab(session.case_view, out / "case_attachments.png")
    for combo, name in (
        (session.queue_view.filter_bar.status_combo, "dropdown_status.png"),
        (session.queue_view.filter_bar.sort_combo, "dropdown_sort.png"),
    ):
        combo.showPopup()  # the popup must show its last item whole
        settle(app, 0.6)
        grab(window, out / name)
        combo.hidePopup()

    editor = session.case_view.editor
    session.case_view.reply_action.trigger()
    draft = (
        "您好，您反映的情况已收到，我们已通知属地派出所民警今晚到现场核实处理，"
        "处理进展会在这里更新，请保持电话畅通。"
    )
    editor.edit.setPlainText(draft)
    settle(app, 0.5)
    grab(window, out / "reply_editor.png")

    # A silent report arriving: the banner, the red row, the alarm.
    citizen = Api(url)
    token = citizen.post("/public/session", {"nickname": "匿名", "phone": None}).json()["token"]
    citizen.token = token
    citizen.post(
        "/public/silent-reports",
        {
            "body": "公交车上有人持刀抢劫，我在后排不敢出声，车刚过人民路口往东开",
            "location": {  # in 河滨派出所's district of the demo city
                "lat": 30.5992,
                "lon": 114.3391,
                "accuracy_m": 35,
                "address": "滨江大道与沿河路交叉口东侧 42路公交车",
            },
        },
        headers={"Idempotency-Key": new_key()},
    )
    wait_until(app, lambda: bool(session.banner.shown_post_ids), 15, "the alarm banner")
    session.queue_view.table.scrollToTop()  # the new report sits on top of the queue
    settle(app, 2.5)
    grab(window, out / "silent_alarm.png")
    for body in ("小区地下车库有人尾随我，我躲在车里", "出租车司机不让我下车，正往城外开"):
        citizen.post(
            "/public/silent-reports",
            {"body": body, "location": {"lat": 30.57, "lon": 104.06, "accuracy_m": 50}},
            headers={"Idempotency-Key": new_key()},
        )
    wait_until(app, lambda: len(session.banner.shown_post_ids) >= 3, 15, "three reports")
    settle(app, 1.5)
    grab(window, out / "silent_alarm_stacked.png")

    talking_with_citizens(app, session, window, out)

    apply_theme(app, "dark")
    settle(app, 0.5)
    grab(window, out / "main_window_dark.png")
    apply_theme(app, "light")

    city_shots(app, session, window, out)

    if window.dashboard is not None:
        window.toggle_dashboard()
        settle(app, 3.0)
        grab(window, out / "dashboard.png")
        dashboard = window.dashboard
        if hasattr(dashboard, "set_wall_mode"):
            dashboard.set_wall_mode(True)
            settle(app, 3.0)
            grab(dashboard, out / "dashboard_wall.png")
            dashboard.set_wall_mode(False)

    controller.shutdown()
    platform.stop()
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
