"""Time the dashboard's first paint against a real platform, and take its screenshots.

    .venv/bin/python bench/bench_dashboard.py [--db PATH] [--posts N] [--shots DIR]

Starts the platform on loopback over the database at --db (seeding a demo city of
N posts into a fresh file when --db is not given), signs in as the city leader and
measures, with the real API client and thread pool, the time from `refresh_now()`
to the moment every figure is on screen — for "today" and for 30 days. With --shots
it saves the normal and the wall-display view as PNG (offscreen, no display needed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

if "QT_QPA_PLATFORM" not in os.environ:
    # Offscreen with one 1920×1080 screen, so the wall display is shot at wall size.
    _screen = Path(tempfile.mkdtemp()) / "screen.json"
    _screen.write_text(
        '{"screens": [{"name": "wall", "x": 0, "y": 0, "width": 1920, "height": 1080,'
        ' "logicalDpi": 96, "logicalDpiX": 96, "logicalDpiY": 96}]}'
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from console.api.client import PlatformClient
from console.tasks import TaskRunner
from console.views.dashboard.dashboard import Dashboard
from platform_server.config import ServerSettings
from platform_server.demo.reference_data import DEMO_LEADER_BADGE, DEMO_PASSWORD
from platform_server.demo.seed import seed_demo_city
from platform_server.embedded import EmbeddedServer
from platform_server.storage.engines import open_database


def wait_for(signal: object, timeout_s: float = 120) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--posts", type=int, default=20_000)
    ap.add_argument("--shots", type=Path)
    args = ap.parse_args()
    db_path = args.db
    if db_path is None:
        db_path = Path(tempfile.mkdtemp()) / "demo.sqlite3"
        db = open_database(f"sqlite:///{db_path}")
        print(seed_demo_city(db, posts=args.posts, days=90))
        db.dispose()

    app = QApplication.instance() or QApplication([])
    with EmbeddedServer(ServerSettings(db_url=f"sqlite:///{db_path}")) as server:
        client = PlatformClient(server.url, workstation="bench")
        client.login(DEMO_LEADER_BADGE, DEMO_PASSWORD, "bench")
        me = client.me()
        runner = TaskRunner(max_threads=4)
        dash = Dashboard(
            client.get_json, runner, role=me.role, units=client.units(), home_unit_id=me.unit_id
        )
        dash.resize(1600, 980)
        dash.show()
        app.processEvents()
        for period in ("today", "30d", "30d"):
            dash.period_box.blockSignals(True)
            dash.period_box.setCurrentIndex(dash.period_box.findData(period))
            dash.period_box.blockSignals(False)
            t0 = time.perf_counter()
            dash.refresh_now()
            wait_for(dash.refreshed)
            app.processEvents()
            ms = (time.perf_counter() - t0) * 1000
            print(f"first paint, city leader, {period:>5}: {ms:7.0f} ms")
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            dash.grab().save(str(args.shots / "dashboard.png"))
            dash.set_wall_mode(True)
            app.processEvents()
            dash.wall_stack.setCurrentWidget(dash.panels["volume"])
            app.processEvents()
            dash.grab().save(str(args.shots / "dashboard-wall.png"))
            dash.set_wall_mode(False)
            print(f"screenshots in {args.shots}")
        runner.shutdown(10_000)
        dash.close()


if __name__ == "__main__":
    main()
