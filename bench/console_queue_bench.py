"""The console's queue at 100,000 rows: the real QueueView offscreen, timed.

    QT_QPA_PLATFORM=offscreen DUTY_CONSOLE_HOME=/tmp/x \\
        .venv/bin/python bench/console_queue_bench.py URL [--rows N] [--scroll-seconds S]

Run by bench/bench_console.py, which starts the platform (URL) on the seeded demo
city and prints the results; this prints them as one JSON line. The view is the one
the console shows (QueueView: QueueModel, QueueDelegate, style sheet, Chinese texts)
at 1280×900. Rows are real `GET /posts` JSON of the demo city, repeated with new ids
and shifted times up to N rows and parsed by the console's own PostSummary.from_json.
Every timed step includes the repaint it causes (events processed until idle; the
number of viewport paints is counted to show that painting happened).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.common import now_s
from console.api.client import PlatformClient
from console.api.models import PostSummary
from console.i18n import install_translators
from console.settings import Settings
from console.store import CaseStore
from console.tasks import TaskRunner
from console.views.queue.feed import QueueFeed
from console.views.queue.filters import QueueFilters, sort_key
from console.views.queue.model import QueueModel
from console.views.queue.view import QueueView
from console.views.theme import apply_theme

MARKER = "BENCH-JSON "
SIZE = (1280, 900)
REAL_ROWS = 2_000  # real rows fetched, then repeated
PAGE = 200
REPS = 30
TIME_KEYS = ("created_at", "updated_at", "deadline_at")


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _obj: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class CountingModel(QueueModel):
    """The queue model, counting data() calls by role (only for the call count)."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.calls: Counter[int] = Counter()

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.calls[int(role)] += 1
        return super().data(index, role)


class Bench:
    def __init__(self, app: QApplication, url: str) -> None:
        self.app = app
        self.client = PlatformClient(url, workstation="bench")
        self.client.login("010001", "demo-pass", "bench")
        self.me = self.client.me()
        self.store = CaseStore()
        self.store.set_viewer(self.me)
        self.store.set_reference(self.client.boards(), self.client.units(), self.client.officers())
        self.settings = Settings()
        self.out: dict[str, Any] = {"rss_start_kb": rss_kb(), "size": SIZE, "page": PAGE}

    def settle(self) -> None:
        """Process events (layout, paint) until nothing is pending."""
        self.app.processEvents()
        self.app.processEvents()

    def view(self, model: QueueModel) -> tuple[QueueView, PaintCounter]:
        view = QueueView(model, self.settings)
        view.resize(*SIZE)
        view.show()
        counter = PaintCounter()
        view.table.viewport().installEventFilter(counter)
        self.settle()
        return view, counter

    def timed(self, op: Any, key: str = "") -> float:
        """Seconds for op and the repaint it causes; op alone goes to out[key + "_model"]."""
        t = now_s()
        op()
        done = now_s()
        self.settle()
        if key:
            self.out.setdefault(key + "_model", []).append(done - t)
        return now_s() - t

    # ------------------------------------------------------------ end to end, demo city
    def filters_end_to_end(self) -> None:
        """Filter/sort changes as the officer makes them: platform query + model + paint."""
        runner = TaskRunner(max_threads=2)
        model = QueueModel(self.store)
        view, _counter = self.view(model)
        feed = QueueFeed(model, self.client, runner, self.store)
        cases = [
            ("default: open, priority", QueueFilters()),
            ("board 户政 (hukou)", QueueFilters(board="hukou")),
            ("overdue only", QueueFilters(overdue=True)),
            ("search 身份证", QueueFilters(q="身份证")),
            ("search 临A· in all statuses", QueueFilters(q="临A·", status="all")),
            ("sort by deadline", QueueFilters(sort="deadline")),
            ("all statuses, newest first", QueueFilters(status="all", sort="created_desc")),
            ("my unit", QueueFilters(scope="unit")),
        ]
        results: dict[str, list[float]] = {}
        for _ in range(3):
            for label, f in cases:
                loop = QEventLoop()
                feed.loaded.connect(loop.quit)
                feed.load_failed.connect(loop.quit)
                QTimer.singleShot(30_000, loop.quit)
                t = now_s()
                model.set_filters(QueueFilters(status="resolved"))  # so each change reloads
                feed.set_filters(f)
                loop.exec()
                self.settle()
                results.setdefault(label, []).append(now_s() - t)
                results.setdefault(label + " rows", []).append(model.rowCount())
                feed.loaded.disconnect(loop.quit)
                feed.load_failed.disconnect(loop.quit)
        feed.stop()
        runner.shutdown(10_000)
        view.close()
        self.out["end_to_end"] = results

    # ------------------------------------------------------------ rows from real JSON
    def real_json(self) -> list[dict[str, Any]]:
        raw: list[dict[str, Any]] = []
        cursor = None
        fetch = []
        while len(raw) < REAL_ROWS:
            params: dict[str, Any] = {"sort": "created_desc", "limit": PAGE}
            if cursor:
                params["cursor"] = cursor
            t = now_s()
            data = self.client.get_json("/posts", params)
            fetch.append(now_s() - t)
            raw += data["items"]
            cursor = data.get("next_cursor")
            if not cursor:
                break
        self.out["fetch_page_200_s"] = fetch
        return raw

    def synthesize(self, raw: list[dict[str, Any]], n: int) -> list[PostSummary]:
        """n rows: the real ones repeated with new ids, each repetition a week older.

        Parsed a page at a time, as the client does, so no more JSON is alive at once.
        """
        self.out["rss_before_rows_kb"] = rss_kb()
        base = max(d["id"] for d in raw) + 1
        times = [{k: datetime.fromisoformat(d[k]) for k in TIME_KEYS if d.get(k)} for d in raw]
        posts: list[PostSummary] = []
        parsing = 0.0
        for start in range(0, n, PAGE):
            page = []
            for i in range(start, min(n, start + PAGE)):
                d = dict(raw[i % len(raw)])
                d["id"] = base + i
                back = timedelta(days=7 * (i // len(raw)))
                for key, t in times[i % len(raw)].items():
                    d[key] = (t - back).isoformat()
                page.append(d)
            t0 = now_s()
            posts += [PostSummary.from_json(d) for d in page]
            parsing += now_s() - t0
        self.out["parse_s_per_row"] = parsing / n
        self.out["rss_rows_parsed_kb"] = rss_kb()
        return posts

    # ------------------------------------------------------------ the 100k queue
    def big_queue(self, rows: list[PostSummary], scroll_seconds: float) -> None:
        out = self.out
        model = QueueModel(self.store)
        filters = QueueFilters(status="all")
        model.set_filters(filters)
        ordered = sorted(rows, key=sort_key(filters.sort, model._now))
        view, counter = self.view(model)
        out["rss_view_empty_kb"] = rss_kb()

        out["first_page_s"] = self.timed(
            lambda: model.replace_rows(ordered[:100], "m"), "first_page_s"
        )
        pages = []
        for start in range(100, len(ordered), PAGE):
            chunk = ordered[start : start + PAGE]
            last = start + PAGE >= len(ordered)
            pages.append(
                self.timed(
                    lambda c=chunk, e=last: model.append_rows(c, None if e else "m"),
                    "append_page_s",
                )
            )
        out["append_page_s"] = pages
        out["rss_100k_kb"] = rss_kb()
        out["rows"] = model.rowCount()

        # A sort change: the platform sends the rows in another order; the model resets.
        by_deadline = sorted(ordered, key=sort_key("deadline", model._now))
        model.set_filters(replace(filters, sort="deadline"))
        out["sort_change_s"] = self.timed(
            lambda: model.replace_rows(by_deadline, None), "sort_change_s"
        )
        model.set_filters(filters)
        out["sort_back_s"] = self.timed(lambda: model.replace_rows(ordered, None), "sort_back_s")
        # A filter change from 100k rows: the first page of the new query replaces them all.
        hukou = [p for p in ordered if p.board == "hukou"][:100]
        model.set_filters(replace(filters, board="hukou"))
        out["filter_change_s"] = self.timed(
            lambda: model.replace_rows(hukou, "m"), "filter_change_s"
        )
        model.set_filters(filters)
        out["reload_100k_s"] = self.timed(
            lambda: model.replace_rows(ordered, None), "reload_100k_s"
        )

        self.live_changes(model, view, ordered)
        self.scroll(view, counter, scroll_seconds)
        table = view.table
        table.setFocus()
        table.selectRow(len(ordered) // 2)
        self.settle()
        out["key_down_s"] = [
            self.timed(lambda: QTest.keyClick(table, Qt.Key.Key_Down)) for _ in range(REPS)
        ]
        out["tick_s"] = [self.timed(model.refresh_times, "tick_s") for _ in range(5)]
        paints = counter.paints
        self.timed(model.refresh_times)
        out["tick_paints"] = counter.paints - paints
        view.close()
        self.count_data_calls(ordered)

    def live_changes(self, model: QueueModel, view: QueueView, rows: list[PostSummary]) -> None:
        out, me = self.out, self.me
        next_id = max(p.id for p in rows) + 1
        silent = next(p for p in rows if p.is_silent)
        fresh = []
        top = []
        for i in range(REPS):
            post = replace(
                silent, id=next_id + i, status="new", acknowledged_at=None, acknowledged_by=None
            )
            fresh.append(post)
            top.append(self.timed(lambda p=post: model.apply(p, me), "insert_top_s"))
        out["insert_top_s"] = top
        out["remove_top_s"] = [
            self.timed(lambda p=p: model.remove_post(p.id), "remove_top_s") for p in fresh
        ]
        view.table.scrollToTop()
        mid = len(rows) // 2
        middle = [replace(rows[mid + i], id=next_id + 100 + i) for i in range(REPS)]
        out["insert_middle_s"] = [
            self.timed(lambda p=p: model.apply(p, me), "insert_middle_s") for p in middle
        ]
        out["remove_middle_s"] = [
            self.timed(lambda p=p: model.remove_post(p.id), "remove_middle_s") for p in middle
        ]
        in_place = []
        for i in range(REPS):
            p = model.post_at(i * 7)
            assert p is not None
            changed = replace(p, version=p.version + 1, reply_count=p.reply_count + 1)
            in_place.append(self.timed(lambda c=changed: model.apply(c, me), "update_in_place_s"))
        out["update_in_place_s"] = in_place
        moves = []
        for i in range(REPS):
            p = model.post_at(mid + i * 11)
            assert p is not None
            # Acknowledged silent reports sort high: the row jumps from the middle up.
            jump = replace(p, version=p.version + 1, kind="silent_report", status="accepted")
            moves.append(self.timed(lambda c=jump: model.apply(c, me), "update_move_s"))
        out["update_move_s"] = moves

    def scroll(self, view: QueueView, counter: PaintCounter, budget: float) -> None:
        """Top to bottom one screen at a time, each screen painted."""
        bar = view.table.verticalScrollBar()
        bar.setValue(0)
        self.settle()
        step, end = bar.pageStep(), bar.maximum()
        times = []
        paints = counter.paints
        started = now_s()
        value = 0
        while value < end and now_s() - started < budget:
            value = min(end, value + step)
            times.append(self.timed(lambda v=value: bar.setValue(v)))
        self.out["scroll"] = {
            "screen_s": times,
            "screens": len(times),
            "reached_end": value >= end,
            "paints": counter.paints - paints,
            "rows_per_screen": view.table.rowAt(view.table.viewport().height() - 1)
            - view.table.rowAt(0)
            + 1,
        }

    def count_data_calls(self, rows: list[PostSummary]) -> None:
        model = CountingModel(self.store)
        model.set_filters(QueueFilters(status="all"))
        model.replace_rows(rows, None)
        view, _counter = self.view(model)
        bar = view.table.verticalScrollBar()
        per = []
        for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
            bar.setValue(int(bar.maximum() * frac))
            self.settle()
            model.calls.clear()
            view.table.viewport().repaint()
            per.append(dict(model.calls))
        model.calls.clear()
        model.refresh_times()
        self.settle()
        self.out["data_calls_per_repaint"] = per
        self.out["data_calls_per_tick"] = sum(model.calls.values())
        view.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--scroll-seconds", type=float, default=90.0)
    args = ap.parse_args()
    app = QApplication([])
    translators = install_translators(app, "zh_CN")
    apply_theme(app, "light")
    bench = Bench(app, args.url)
    bench.filters_end_to_end()
    raw = bench.real_json()
    rows = bench.synthesize(raw, args.rows)
    bench.out["real_rows"] = len(raw)
    bench.big_queue(rows, args.scroll_seconds)
    del translators
    print(MARKER + json.dumps(bench.out), flush=True)


if __name__ == "__main__":
    main()
