"""Helpers the benchmarks share: percentiles, a real platform server in its own process,
sign-in, and the cached million-post database.

The server runs as `python -m platform_server serve` (the `platform-server serve`
command) in a child process, so its event loop and the benchmark's clients never
share one interpreter lock: what is measured is the platform over loopback, not
Python thread scheduling inside one process.
"""

from __future__ import annotations

import os
import platform
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import requests

REPO = Path(__file__).resolve().parent.parent
API = "/api/v1"
DEMO_PASSWORD = "demo-pass"
CACHE_DIR = Path("/tmp/duty-bench")
MILLION = 1_000_000


# ---------------------------------------------------------------- figures
@dataclass(frozen=True)
class Summary:
    """Percentiles of one series, in the series' own unit."""

    n: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float


def quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default method)."""
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summarize(values: Iterable[float]) -> Summary:
    ordered = sorted(values)
    if not ordered:
        nan = float("nan")
        return Summary(0, nan, nan, nan, nan, nan)
    return Summary(
        n=len(ordered),
        p50=quantile(ordered, 0.50),
        p95=quantile(ordered, 0.95),
        p99=quantile(ordered, 0.99),
        max=ordered[-1],
        mean=sum(ordered) / len(ordered),
    )


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ms_row(label: str, seconds: Iterable[float], extra: str = "", width: int = 34) -> str:
    """One printed line: label, n, p50/p95/p99/max in milliseconds, then extra text."""
    s = summarize(v * 1000.0 for v in seconds)
    label += " " * max(0, width - display_width(label))
    return (
        f"{label} n={s.n:<5d} p50 {s.p50:8.1f}  p95 {s.p95:8.1f}  "
        f"p99 {s.p99:8.1f}  max {s.max:8.1f} ms  {extra}"
    ).rstrip()


def machine_line() -> str:
    """Date, cores, CPU model, load: what a figure must be read against."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} cores · {model or '?'} · "
        f"Python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · load {load}"
    )


def now_s() -> float:
    """CLOCK_MONOTONIC in seconds: one clock shared by every process on this machine."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


# ---------------------------------------------------------------- server process
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """`platform-server serve` on 127.0.0.1 in a child process; restartable on the same port.

    Attributes:
        url: base URL, e.g. ``http://127.0.0.1:41234``.
        starts: how many times the process was started.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        port: int | None = None,
        escalation_seconds: float | None = None,
        log_path: Path | None = None,
        db_url: str | None = None,
    ) -> None:
        self.db_path = db_path
        self.db_url = db_url or f"sqlite:///{db_path}"  # PostgreSQL: pass db_url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.escalation_seconds = escalation_seconds
        self.log_path = log_path or db_path.with_suffix(".server.log")
        self.starts = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def _command(self) -> list[str]:
        cmd = [sys.executable, "-m", "platform_server", "--db", self.db_url]
        cmd += ["serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.escalation_seconds is not None:
            cmd += ["--escalation-seconds", str(self.escalation_seconds)]
        return cmd

    def start(self, timeout: float = 90.0) -> ServerProcess:
        if self._log is None:
            self._log = open(self.log_path, "ab")  # noqa: SIM115 (kept for restarts)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self._proc = subprocess.Popen(
            self._command(), stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=REPO
        )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                raise RuntimeError(f"platform server exited; see {self.log_path}")
            try:
                if requests.get(self.url + API + "/meta", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"platform server did not answer; see {self.log_path}")
            time.sleep(0.05)

    def kill(self) -> None:
        """A crash: SIGKILL, every connection dropped without goodbye."""
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM, uvicorn's graceful stop)."""
        self._end(signal.SIGTERM)

    def _end(self, sig: int) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

    def close(self) -> None:
        self.stop()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()


def cut_connections(port: int) -> int:
    """A network blip: abort every TCP connection to 127.0.0.1:port; the server keeps running.

    Uses `ss -K` (iproute2; needs root and a kernel with INET_DIAG_DESTROY). Returns how
    many connections were cut, or -1 when this machine cannot do it.
    """
    cmd = ["ss", "-K", "-t", "dst", "127.0.0.1", "dport", "=", f":{port}"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return -1
    if out.returncode != 0:
        return -1
    return sum(1 for line in out.stdout.splitlines() if line.startswith("ESTAB"))


# ---------------------------------------------------------------- API helpers
def login(url: str, badge: str, workstation: str = "bench", http: Any = requests) -> str:
    """An officer token (demo password)."""
    r = http.post(
        url + API + "/auth/login",
        json={"badge": badge, "password": DEMO_PASSWORD, "workstation": workstation},
        timeout=30,
    )
    r.raise_for_status()
    return str(r.json()["token"])


def citizen_token(url: str, nickname: str, phone: str) -> str:
    r = requests.post(
        url + API + "/public/session", json={"nickname": nickname, "phone": phone}, timeout=30
    )
    r.raise_for_status()
    return str(r.json()["token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ---------------------------------------------------------------- the big database
def default_db(posts: int) -> Path:
    name = "million.sqlite3" if posts == MILLION else f"posts-{posts}.sqlite3"
    return CACHE_DIR / name


def post_count(db_path: Path) -> int:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT count(*) FROM posts").fetchone()[0])
    finally:
        con.close()


def ensure_search_index(db_path: Path) -> tuple[int, int, bool]:
    """Make the full-text index cover every post; returns (posts, indexed, rebuilt).

    The seeder defers indexing to one rebuild at the end; an interrupted seeding, or
    rows written around the triggers, would leave posts unsearchable and make the
    search figures look better than they are.
    """
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        posts = int(con.execute("SELECT count(*) FROM posts").fetchone()[0])
        indexed = int(con.execute("SELECT count(*) FROM posts_fts_docsize").fetchone()[0])
    finally:
        con.close()
    if posts == indexed:
        return posts, indexed, False
    from platform_server.storage import search
    from platform_server.storage.engines import open_database

    print(f"full-text index covers {indexed:,} of {posts:,} posts: rebuilding …", flush=True)
    db = open_database(f"sqlite:///{db_path}")
    try:
        with db.writing() as s:
            search.reindex(s)
    finally:
        db.dispose()
    return posts, posts, True


def ensure_seeded_db(db_path: Path, posts: int) -> Path:
    """Build the demo city with bench/seed_million.py unless the file already exists."""
    if not db_path.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {posts:,} posts into {db_path} (once; reused afterwards) …", flush=True)
        cmd = [sys.executable, str(REPO / "bench" / "seed_million.py")]
        cmd += ["--posts", str(posts), "--db", str(db_path)]
        subprocess.run(cmd, check=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    return db_path
