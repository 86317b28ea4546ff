"""Screenshots of hotspots (预警研判) as the city's leader sees them, offscreen against the
embedded demo platform: a heating wave staged in 西关 (`platform-server wave`), found by
the platform's hotspot thread, on the dashboard at 1366x768 and 1920x1080, on the wall
display, and the "answer all" dialog.

    .venv/bin/python scripts/hotspot_shots.py [--out screenshots] [--posts 20000]

Uses the helpers of scripts/screenshots.py (the same offscreen 1920x1080 screen).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import ROOT, grab, settle, wait_until  # sets the offscreen screen first


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "screenshots")
    ap.add_argument("--data-dir", type=Path, default=ROOT / "build" / "hotspot-shots-home")
    ap.add_argument("--posts", type=int, default=20_000, help="demo posts seeded on first run")
    ap.add_argument("--station", default="st-xiguan", help="(another one for a second run)")
    args = ap.parse_args()
    os.environ["DUTY_CONSOLE_HOME"] = str(args.data_dir.resolve())

    from PySide6.QtWidgets import QApplication

    from console import paths
    from console.app import ConsoleApp
    from console.embedded import EmbeddedPlatform
    from console.i18n import install_translators
    from console.options import DEMO_PASSWORD, Options
    from console.settings import Settings
    from console.views.theme import apply_theme
    from platform_server.demo.reference_data import DEMO_LEADER_BADGE
    from platform_server.demo.wave import stage_wave
    from tests.helpers.fakes import FakeSoundPlayer

    app = QApplication(sys.argv[:1])
    translators = install_translators(app, "zh_CN")
    apply_theme(app, "light")
    out: Path = args.out
    print("starting the demo platform (the first run seeds it) …", flush=True)
    platform = EmbeddedPlatform(paths.data_dir(), posts=args.posts, simulate=False)
    url = platform.start()
    options = Options(
        badge=DEMO_LEADER_BADGE, password=DEMO_PASSWORD, workstation="指挥大厅-01", simulate=False
    )
    controller = ConsoleApp(
        options, Settings(), player_factory=FakeSoundPlayer, embedded_factory=lambda: platform
    )
    controller.start()
    wait_until(app, lambda: controller.session is not None, 60, "sign-in")
    session = controller.session
    assert session is not None
    window = session.window
    dash = window.dashboard
    assert dash is not None, "this console has no dashboard"
    window.resize(1366, 768)
    window.pages.setCurrentWidget(dash)
    wait_until(app, lambda: dash.hotspots_loaded, 60, "the hotspot list")
    before = len(dash.hotspot_list.items)
    print(f"staging a heating wave in {args.station} …", flush=True)
    stage_wave(url, kind="heating", station=args.station, posts=9, minutes=0.5)
    wait_until(app, lambda: len(dash.hotspot_list.items) > before, 90, "hotspot.detected")
    dash.hotspot_list.table.setCurrentRow(0)
    for width, height in ((1366, 768), (1920, 1080)):
        window.resize(width, height)
        settle(app, 2.0)
        dash.figures_scroll.ensureWidgetVisible(dash.hotspot_panel)  # below the charts
        settle(app, 0.5)
        grab(window, out / f"hotspots_dashboard_{width}x{height}.png")
    dash.set_wall_mode(True)
    dash.wall_stack.setCurrentWidget(dash.hotspot_panel)
    settle(app, 2.0)
    grab(dash, out / "hotspots_wall.png")
    dash.set_wall_mode(False)
    dialog = session.answer_hotspot(dash.hotspot_list.items[0])
    settle(app, 2.0)
    if dialog.template_box.count() > 1:
        dialog.template_box.setCurrentIndex(1)
        dialog.template_box.activated.emit(1)
    settle(app, 0.5)
    grab(dialog, out / "hotspots_answer_all.png")
    dialog.close()
    controller.shutdown()
    platform.stop()
    del translators
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
