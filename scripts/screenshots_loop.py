"""Screenshots of the handling loop across units (issue 12), the real console on a real
platform (a fresh reference database, no seeded city needed, ~10 s):

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_loop.py \
        --out build/shots-loop-1366
    Xvfb :98 -screen 0 1920x1080x24 &
    DISPLAY=:98 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_loop.py \
        --out build/shots-loop-1920

Whole-screen grabs, the window maximised as on a workstation, Chinese UI. An officer of
城关派出所: the queue with what waits for the station's signature first (one dispatch
overdue), a dispatched case with its strip (lead, assisting, countdown), the return
dialog; an officer of an assisting station (联办) on a complaint the station leads. Then
the station's leader: the leaders' worklist and the supervise dialog.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wait_until(app: Any, condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def settle(app: Any, seconds: float = 0.8) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shot(path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    path.parent.mkdir(parents=True, exist_ok=True)
    if not QGuiApplication.primaryScreen().grabWindow(0).save(str(path)):
        raise SystemExit(f"screenshots: could not write {path}")
    print(f"wrote {path}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "shots-loop")
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="loop-shots-"))
    os.environ["DUTY_CONSOLE_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from console.app import ConsoleApp
    from console.i18n import install_translators
    from console.options import Options
    from console.settings import Settings
    from console.views.theme import apply_theme
    from platform_server.demo.reference_data import DEMO_PASSWORD
    from tests.helpers.fakes import FakeClipPlayer, FakeSoundPlayer
    from tests.helpers.platform import RunningPlatform, citizen_post

    app = QApplication(sys.argv[:1])
    install_translators(app, "zh_CN")
    apply_theme(app, "light")
    # 110 posts must be signed for within 6 s here (to show an overdue one); others 30 min.
    platform = RunningPlatform.start(
        home / "platform.sqlite3",
        sign_deadline_minutes={"silent": 3.0, "110": 0.1},
        dispatch_check_seconds=0.5,
    )
    dispatcher = platform.officer("010001")
    units = {u["code"]: u["id"] for u in dispatcher.get("/units").json()}
    officers = dispatcher.get("/officers").json()

    def badge(unit: str, role: str) -> str:
        return str(
            next(o["badge"] for o in officers if o["unit_id"] == units[unit] and o["role"] == role)
        )

    def dispatch(title: str, board: str, assist: tuple[str, ...] = (), by: Any = None) -> int:
        pid = citizen_post(platform, title, board=board)
        body = {
            "unit_id": units["st-chengguan"],
            "reason": "属地管辖，请签收办理",
            "assist_unit_ids": [units[a] for a in assist],
        }
        assert (by or dispatcher).act(pid, "transfer", body).status_code == 200
        return pid

    station, leader = badge("st-chengguan", "officer"), badge("st-chengguan", "leader")
    signed = dispatch("小区门口路灯不亮", "12345")
    assert platform.officer(station).act(signed, "sign").status_code == 200
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    ext = {"until": later, "reason": "等待城管部门更换灯杆"}
    assert platform.officer(station).act(signed, "extension", ext).status_code == 200
    late = dispatch("商铺门口有人打架，已散", "110")
    waiting = dispatch("小区消防通道被车辆长期占用", "12345", assist=("st-hebin", "traffic"))
    time.sleep(7)  # the 110 dispatch passes its sign deadline

    def console(who: str) -> Any:
        options = Options(
            server=platform.url, badge=who, password=DEMO_PASSWORD, workstation="城关所-01"
        )
        c = ConsoleApp(
            options,
            Settings(),
            player_factory=FakeSoundPlayer,
            clip_player_factory=FakeClipPlayer,
        )
        c.start()
        wait_until(app, lambda: c.session is not None and c.session.queue_loaded, 20, "queue")
        c.session.window.showMaximized()
        settle(app, 1.5)
        return c

    out: Path = args.out
    officer_app = console(station)
    s = officer_app.session
    s.window.pages.setCurrentIndex(0)
    s.open_case(waiting)
    wait_until(app, lambda: s.case_view.detail is not None, 10, "the case")
    settle(app, 1.5)
    shot(out / "loop-01-queue-and-dispatched-case.png")
    s.case_view.loop.start_return()
    settle(app)
    dlg = s.case_view.loop.dialog
    if dlg is not None:
        dlg.reason.setText("地址在河滨派出所辖区，请改派")
    settle(app)
    shot(out / "loop-02-return-dialog.png")
    if dlg is not None:
        dlg.reject()
    s.open_case(late)
    settle(app, 1.5)
    shot(out / "loop-03-overdue-dispatch.png")
    officer_app.shutdown()
    officer_app.dispose()
    settle(app)

    # 联办 on a restricted board: an officer of the assisting station (河滨派出所) reads,
    # signs and notes a complaint the city-centre station leads.
    inspector = platform.officer(badge("inspect", "officer"))  # complaints land at 督察
    complaint = dispatch(
        "反映夜间接警时民警态度生硬", "complaint", assist=("st-hebin",), by=inspector
    )
    helper_app = console(badge("st-hebin", "officer"))
    hs = helper_app.session
    hs.window.pages.setCurrentIndex(0)
    hs.open_case(complaint)
    wait_until(app, lambda: hs.case_view.detail is not None, 10, "the assisted case")
    settle(app, 1.5)
    shot(out / "loop-07-assisting-unit.png")
    helper_app.shutdown()
    helper_app.dispose()
    settle(app)

    leader_app = console(leader)
    ls = leader_app.session
    ls.show_worklist()
    wl = ls.worklist
    wait_until(app, lambda: wl is not None and wl.rows(wl.extensions) != [], 10, "worklist")
    settle(app)
    shot(out / "loop-04-leaders-worklist.png")
    wl.tabs.setCurrentIndex(2)
    settle(app)
    shot(out / "loop-05-overdue-by-unit.png")
    wl.hide()
    ls.window.pages.setCurrentIndex(0)
    ls.open_case(signed)
    wait_until(app, lambda: ls.case_view.detail is not None, 10, "the case")
    settle(app, 1.0)
    ls.case_view.loop.start_supervise()
    settle(app)
    shot(out / "loop-06-supervise-dialog.png")
    leader_app.shutdown()
    leader_app.dispose()
    platform.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
