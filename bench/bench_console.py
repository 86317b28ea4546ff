"""Console benchmark: start to a usable queue, queue costs at 100,000 rows, memory.

    .venv/bin/python bench/bench_console.py [--warm-runs 3] [--rows 100000] [--no-cold]

Start-up: the real console (`console.__main__.main`, what `duty-console` runs) in a
child process, offscreen, on the embedded demo platform with the demo officer signed
in by `--badge 010001` and DUTY_CONSOLE_PASSWORD. The clock runs from the moment the
child is spawned to the first paint of the queue table with rows in it. "Warm" reuses
a data dir seeded once (20,000 posts, kept in /tmp/duty-bench/console-demo); "cold"
starts from an empty data dir, so seeding the demo city is part of it. A third variant
connects with `--server` to a platform in its own process: the console alone.

Queue: `bench/console_queue_bench.py` in a child process — the real QueueView (model,
delegate, style sheet, Chinese) filled with 100,000 rows made from real `GET /posts`
JSON of the demo city, timing what the officer does with it.

Memory: VmRSS of those processes (with the embedded platform, the console process also
holds the platform server and the citizen simulator).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    CACHE_DIR,
    REPO,
    ServerProcess,
    machine_line,
    ms_row,
    now_s,
    summarize,
)

DEMO_HOME = CACHE_DIR / "console-demo"
MARKER = "BENCH-JSON "
# Qt.ItemDataRole values, and the queue model's own roles (console/views/queue_model.py).
ROLE_NAMES = {0: "display", 1: "decoration", 3: "tooltip", 6: "font", 7: "alignment",
              8: "background", 9: "foreground", 10: "check", 13: "size", 257: "post",
              258: "urgency", 259: "post id"}  # fmt: skip
PHASES = (
    ("interpreter", "Python up, imports start"),
    ("imported", "console modules imported"),
    ("seeded", "demo city seeded / found seeded"),
    ("platform_ready", "embedded platform listening"),
    ("signed_in", "signed in (token, /me, reference)"),
    ("window_shown", "main window shown"),
    ("queue_loaded", "first queue page in the model"),
    ("painted", "first rows painted"),
)


def rss_kb() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process, in kB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


# ---------------------------------------------------------------- child: the real console
def child_start(console_argv: list[str], inject: int) -> None:
    """Runs `duty-console` in this process with timing hooks; prints one JSON line."""
    marks: dict[str, float] = {"interpreter": now_s()}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import console.app as capp
    from console.__main__ import main

    marks["imported"] = now_s()
    result: dict[str, Any] = {"marks": marks}

    def mark(name: str) -> None:
        marks.setdefault(name, now_s())

    def wrap(name: str, label: str) -> None:
        original = getattr(capp.ConsoleApp, name)

        def hooked(self: Any, *args: Any) -> Any:
            mark(label)
            return original(self, *args)

        setattr(capp.ConsoleApp, name, hooked)

    import platform_server.demo.seed as seed

    ensure_demo_city = seed.ensure_demo_city

    def seeded(*args: Any, **kw: Any) -> Any:
        out = ensure_demo_city(*args, **kw)
        mark("seeded")
        return out

    seed.ensure_demo_city = seeded  # looked up when the embedded platform starts
    wrap("_platform_ready", "platform_ready")
    wrap("_signed_in", "signed_in")

    class PaintWatcher(QObject):
        """Marks the first paint of the table's viewport that has rows to show."""

        def __init__(self, controller: Any) -> None:
            super().__init__()
            self.controller = controller
            self.fired = False

        def eventFilter(self, obj: Any, event: Any) -> bool:
            session = self.controller.session
            if (
                not self.fired
                and event.type() == QEvent.Type.Paint
                and session is not None
                and session.model.rowCount() > 0
            ):
                self.fired = True
                QTimer.singleShot(0, self.after_paint)  # runs once this paint is done
            return False

        def after_paint(self) -> None:
            mark("painted")
            session = self.controller.session
            result["rows_shown"] = session.model.rowCount()
            result["rss_queue_open"] = rss_kb()
            if inject:
                result["inject"] = inject_rows(session, inject)
            QApplication.exit(0)  # main() then shuts the console down

    original_open = capp.ConsoleApp._open_session

    def open_session(self: Any, client: Any, info: Any) -> None:
        original_open(self, client, info)
        mark("window_shown")
        self.session.queue_ready.connect(lambda: mark("queue_loaded"))
        watcher = PaintWatcher(self)
        result["_watcher"] = watcher  # kept alive while the console runs
        self.session.queue_view.table.viewport().installEventFilter(watcher)

    capp.ConsoleApp._open_session = open_session  # type: ignore[method-assign]
    code = main(console_argv)
    marks["exited"] = now_s()
    result.pop("_watcher", None)
    result["exit_code"] = code
    print(MARKER + json.dumps(result), flush=True)


def inject_rows(session: Any, n: int) -> dict[str, Any]:
    """Pages of the loaded rows (new ids) arriving as the feed would deliver them."""
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from console.api.models import Page

    model, feed = session.model, session.feed
    real = [model.post_at(i) for i in range(model.rowCount())]
    base = max(p.id for p in real) + 1
    clones = [replace(real[i % len(real)], id=base + i) for i in range(n)]
    page = 200
    started = now_s()
    for start in range(0, n, page):
        # QueueFeed._next_page: the model appends, the store learns the posts.
        feed._next_page(
            feed._generation, Page(items=tuple(clones[start : start + page]), next_cursor="x")
        )
    appended = now_s() - started
    QApplication.processEvents()
    return {"rows": model.rowCount(), "append_s": appended, "rss": rss_kb()}


# ---------------------------------------------------------------- parent
def run_console(
    home: Path, extra: list[str], *, inject: int = 0, timeout: float = 300
) -> dict[str, Any]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DUTY_CONSOLE_HOME": str(home),
        "DUTY_CONSOLE_PASSWORD": "demo-pass",
        "PYTHONPATH": str(REPO),
    }
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child-start", "--inject", str(inject)]
    cmd += ["--", "--badge", "010001", "--workstation", "bench", "--lang", "zh_CN", *extra]
    spawned = now_s()
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO, check=False
    )
    ended = now_s()
    line = next((x for x in proc.stdout.splitlines() if x.startswith(MARKER)), None)
    if line is None or proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise RuntimeError(f"console child failed (exit {proc.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(line[len(MARKER) :])
    result["spawned"], result["ended"] = spawned, ended
    return result


def phase_rows(runs: list[dict[str, Any]]) -> list[str]:
    """Median time from spawn to each phase, over the runs."""
    lines = []
    for key, label in PHASES:
        values = [r["marks"][key] - r["spawned"] for r in runs if key in r["marks"]]
        if values:
            s = summarize(values)
            spread = f"(min {min(values):.2f}, max {max(values):.2f})" if len(values) > 1 else ""
            lines.append(f"  {label:<40} {s.p50:7.2f} s  {spread}")
    exits = [r["ended"] - r["marks"]["painted"] for r in runs]
    lines.append(f"  {'… then shutdown and process exit':<40} {summarize(exits).p50:7.2f} s")
    return lines


def mb(kb: int) -> str:
    return f"{kb / 1024:7.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warm-runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=100_000, help="rows for the queue bench")
    ap.add_argument("--no-cold", action="store_true", help="skip the cold start")
    ap.add_argument("--no-queue", action="store_true", help="skip the 100k-row queue bench")
    ap.add_argument("--scroll-seconds", type=float, default=150.0)
    ap.add_argument("--child-start", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--inject", type=int, default=0, help=argparse.SUPPRESS)
    args, rest = ap.parse_known_args()
    if args.child_start:
        child_start([a for a in rest if a != "--"], args.inject)
        return

    print("Duty Console benchmark —", machine_line(), flush=True)
    print("(the machine has 2 cores shared with other work: read figures with the load)\n")
    db = DEMO_HOME / "data" / "platform" / "platform.sqlite3"
    cold: dict[str, Any] | None = None
    if not db.exists():
        print(f"seeding the demo data dir {DEMO_HOME} (first run; reused afterwards) …")
        shutil.rmtree(DEMO_HOME, ignore_errors=True)
        cold = run_console(DEMO_HOME, [])
    elif not args.no_cold:
        fresh = Path(tempfile.mkdtemp(prefix="console-cold-"))
        try:
            cold = run_console(fresh, [])
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    warm = []
    for i in range(args.warm_runs):
        warm.append(run_console(DEMO_HOME, [], inject=args.rows if i == 0 else 0, timeout=180))
        print(f"  warm start {i + 1}: {warm[-1]['marks']['painted'] - warm[-1]['spawned']:.2f} s")

    with ServerProcess(db, log_path=CACHE_DIR / "console-bench.server.log") as server:
        external = []
        for i in range(3):
            home = Path(tempfile.mkdtemp(prefix="console-ext-"))
            try:
                extra = ["--server", server.url]
                external.append(run_console(home, extra, inject=args.rows if i == 0 else 0))
            finally:
                shutil.rmtree(home, ignore_errors=True)
        queue: dict[str, Any] | None = None
        if not args.no_queue:
            queue = run_queue_bench(server.url, args.rows, args.scroll_seconds)

    print("\n== Start to a usable queue (process spawn → first queue rows painted) ==")
    if cold is not None:
        print("cold start: empty data dir, seeding 20,000 posts included (1 run, simulator on)")
        print("\n".join(phase_rows([cold])))
    print(
        f"warm start: seeded demo reused, embedded platform + simulator ({len(warm)} runs, median)"
    )
    print("\n".join(phase_rows(warm)))
    print(f"console only: --server to a platform in its own process ({len(external)} runs, median)")
    print("\n".join(phase_rows(external)))

    print("\n== Memory (VmRSS; peak VmHWM in brackets) ==")
    for label, runs in (("embedded demo (console + platform + simulator)", warm),
                        ("console only (--server)", external)):  # fmt: skip
        r = runs[0]
        opened, hwm = r["rss_queue_open"]["VmRSS"], r["rss_queue_open"]["VmHWM"]
        what = f"demo queue open ({r['rows_shown']} rows)"
        print(f"  {label}")
        print(f"    {what:<36} {mb(opened)}  [{mb(hwm).strip()}]")
        if "inject" in r:
            inj = r["inject"]
            rss, hwm = inj["rss"]["VmRSS"], inj["rss"]["VmHWM"]
            what = f"with {inj['rows']:,} rows in the queue"
            print(
                f"    {what:<36} {mb(rss)}  [{mb(hwm).strip()}]"
                f"   (+{(rss - opened) / 1024:.0f} MB; appended as pages of 200 in "
                f"{inj['append_s']:.2f} s)"
            )
    if queue is not None:
        print_queue(queue)


# ---------------------------------------------------------------- the queue bench
def run_queue_bench(url: str, rows: int, scroll_seconds: float) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="console-queue-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DUTY_CONSOLE_HOME": str(home),
        "PYTHONPATH": str(REPO),
    }
    cmd = [sys.executable, str(REPO / "bench" / "console_queue_bench.py"), url]
    cmd += ["--rows", str(rows), "--scroll-seconds", str(scroll_seconds)]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=600, env=env, cwd=REPO, check=False
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith(MARKER)), None)
    if line is None or proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise RuntimeError(f"queue bench failed (exit {proc.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(line[len(MARKER) :])
    return result


def print_queue(q: dict[str, Any]) -> None:
    def row(label: str, values: Any, extra: str = "", key: str = "") -> None:
        values = values if isinstance(values, list) else [values]
        alone = q.get(key + "_model") if key else None
        if alone:
            extra = f"model alone p50 {summarize(alone).p50 * 1000:.1f} ms {extra}"
        print("  " + ms_row(label, values, extra, width=44))

    rows = q["rows"]
    print(f"\n== Queue filter/sort/scroll, the real QueueView at {q['size'][0]}×{q['size'][1]} ==")
    print("end to end on the 20,000-post demo (platform query + page + model + paint, 3 runs):")
    for label, values in q["end_to_end"].items():
        if not label.endswith(" rows"):
            n = q["end_to_end"][label + " rows"][0]
            row(label, values, f"{n} rows shown")
    print(f"\nwith {rows:,} rows loaded (from {q['real_rows']:,} real rows of the demo city):")
    row("fetch one 200-row page (GET /posts)", q["fetch_page_200_s"])
    parse_ms = q["parse_s_per_row"] * q["page"] * 1000
    print(f"  {'parse one 200-row page (PostSummary)':<44} {parse_ms:8.1f} ms")
    row("first page (100 rows) into the model", q["first_page_s"], key="first_page_s")
    pages = q["append_page_s"]
    alone = q["append_page_s_model"]
    for label, part, part_alone in (
        ("append a 200-row page, first 50 pages", pages[:50], alone[:50]),
        ("append a 200-row page, last 50 pages", pages[-50:], alone[-50:]),
    ):
        p50 = summarize(part_alone).p50 * 1000
        row(label, part, f"model alone p50 {p50:.1f} ms")
    print(f"  {'all pages':<44} {sum(pages):.2f} s (model alone {sum(alone):.2f} s)")
    row(
        f"filter change: {rows // 1000}k rows → first page",
        q["filter_change_s"],
        key="filter_change_s",
    )
    row(
        f"sort change: replace {rows // 1000}k rows, reordered",
        q["sort_change_s"],
        key="sort_change_s",
    )
    row(f"replace {rows // 1000}k rows again (sort back)", q["sort_back_s"], key="sort_back_s")
    row(
        f"reload {rows // 1000}k rows after the filter change",
        q["reload_100k_s"],
        key="reload_100k_s",
    )
    s = q["scroll"]
    reached = "to the end" if s["reached_end"] else "(time budget hit)"
    row("scroll one screen and paint it", s["screen_s"],
        f"{s['screens']} screens {reached}, {s['rows_per_screen']} rows each")  # fmt: skip
    row("Down key: select next row", q["key_down_s"])
    for key, label in (
        ("insert_top_s", "live insert at the top (silent report)"),
        ("insert_middle_s", "live insert in the middle"),
        ("update_in_place_s", "live update in place"),
        ("update_move_s", "live update that moves the row up"),
        ("remove_top_s", "live remove at the top"),
        ("remove_middle_s", "live remove in the middle"),
    ):
        row(label, q[key], key=key)
    row("30-s tick: age + time-left columns", q["tick_s"], f"{q['tick_paints']} paint", "tick_s")
    per = q["data_calls_per_repaint"]
    totals = [sum(c.values()) for c in per]
    cells = q["scroll"]["rows_per_screen"] * 9
    roles = ", ".join(
        f"{ROLE_NAMES.get(int(r), r)} {n}" for r, n in sorted(per[0].items(), key=lambda x: -x[1])
    )
    print(f"  {'data() calls per full repaint':<44} {min(totals)}–{max(totals)} "
          f"(~{totals[0] / cells:.1f} per visible cell; top screen: {roles})")  # fmt: skip
    print(f"  {'data() calls per 30-s tick':<44} {q['data_calls_per_tick']}")
    before, parsed = q["rss_before_rows_kb"] / 1024, q["rss_rows_parsed_kb"] / 1024
    print(f"\n  RSS of the queue bench process: before the rows {before:.0f} MB, "
          f"{rows:,} rows parsed {parsed:.0f} MB, "
          f"in the model and view {q['rss_100k_kb'] / 1024:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
