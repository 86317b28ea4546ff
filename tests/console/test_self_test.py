"""`duty-console --self-test`: the installed console checks itself, step by step, against
a real platform or the embedded demo one; a failing step is named and its log kept; an
unhandled error is logged and told in Chinese."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from console.__main__ import PASSWORD_ENV, SELF_TEST_DEMO_DAYS, SELF_TEST_DEMO_POSTS
from platform_server.demo.seed import seed_demo_city
from platform_server.domain import listing
from platform_server.domain.scope import viewer_for
from platform_server.storage.engines import open_database
from platform_server.storage.models import Officer
from tests.helpers.console import console_env, fresh_user_env, run_duty_console
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.e2e


def test_self_test_signs_in_to_a_real_platform_without_the_dialog(
    platform: RunningPlatform, tmp_path: Path
) -> None:
    journal = tmp_path / "alerts.jsonl"
    done = run_duty_console(
        [
            "--server",
            platform.url,
            "--badge",
            "010001",
            "--workstation",
            "ci-ws",
            "--alert-journal",
            str(journal),
            "--self-test",
            "--lang",
            "en",
        ],
        console_env(tmp_path / "home", **{PASSWORD_ENV: "demo-pass"}),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: ok" in done.stdout
    log = (tmp_path / "home" / "logs" / "duty-console.log").read_text(encoding="utf-8")
    assert "demo-pass" not in log  # the password never reaches the log


def test_self_test_fails_loudly_on_a_wrong_password(
    platform: RunningPlatform, tmp_path: Path
) -> None:
    done = run_duty_console(
        ["--server", platform.url, "--badge", "010001", "--self-test"],
        console_env(tmp_path / "home", **{PASSWORD_ENV: "wrong-password"}),
    )
    assert done.returncode == 1
    assert "self-test: FAILED" in done.stdout and "密码不正确" in done.stdout


def test_no_server_starts_the_embedded_demo_platform(tmp_path: Path) -> None:
    """`duty-console` alone: seeds a demo city under the data dir and signs in as 010001."""
    home = tmp_path / "home"
    done = run_duty_console(
        ["--self-test", "--demo-posts", "300", "--no-simulator"], console_env(home), timeout=240
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: ok" in done.stdout
    assert (home / "data" / "platform" / "platform.sqlite3").exists()


STEPS = (
    "platform",
    "sign-in",
    "main window",
    "queue",
    "case",
    "dashboard",
    "map",
    "media backend",
    "alarm sound",
)


# ---------------------------------------------------------------- the installed console
def test_self_test_prints_every_step_and_leaves_the_profile_alone(tmp_path: Path) -> None:
    env = fresh_user_env(tmp_path)
    done = run_duty_console(["--self-test"], env)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    for number, step in enumerate(STEPS, start=1):
        assert f"[{number}/{len(STEPS)}] {step}:" in out, step
    assert "audio output:" in out
    assert "self-test: ok (9 steps;" in out
    assert "station districts on the map" in out and "main window after" in out
    # Nothing of the run stays behind: not in the profile, not in the temp folder.
    assert not [p for p in Path(env["HOME"]).rglob("*") if "duty-console" in p.name.lower()]
    assert not [p for p in Path(env["TMPDIR"]).iterdir() if p.name.startswith("duty-console")]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_self_test_names_the_failing_step_and_keeps_its_log(tmp_path: Path) -> None:
    env = fresh_user_env(tmp_path)
    env[PASSWORD_ENV] = "demo-pass"
    server = f"http://127.0.0.1:{_closed_port()}"
    done = run_duty_console(["--self-test", "--server", server, "--badge", "010001"], env)
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "[1/9] platform:" in out
    assert "self-test: FAILED at step 'sign-in':" in out
    assert "无法连接到平台" in out  # the officer's Chinese sentence, not a traceback
    kept = Path(out.split("kept in ", 1)[1].split()[0])
    assert kept.is_relative_to(Path(env["TMPDIR"]))
    log = (kept / "logs" / "duty-console.log").read_text(encoding="utf-8")
    assert "FAILED at step 'sign-in'" in log
    assert "demo-pass" not in log


CRASH_CHILD = r"""
import sys
from PySide6.QtCore import QCoreApplication, QTimer
import console.app
import console.crash

def told(text):
    print("TOLD:" + text, flush=True)
    QCoreApplication.exit(3)

def start(self):
    def boom():
        raise RuntimeError("boom while showing 13812345678")
    QTimer.singleShot(0, boom)

console.crash._show_dialog = told          # the modal box would wait for a click
console.app.ConsoleApp.start = start       # an unhandled error in a Qt slot, at start-up
from console.__main__ import main
sys.exit(main(["--server", "http://127.0.0.1:9", "--lang", "zh_CN"]))
"""


def test_an_unhandled_error_is_logged_and_told_in_chinese(tmp_path: Path) -> None:
    env = fresh_user_env(tmp_path)
    env["DUTY_CONSOLE_HOME"] = str(tmp_path / "home")
    done = run_duty_console([], env, timeout=60, code=CRASH_CHILD)
    assert done.returncode == 3, done.stdout + done.stderr
    log_path = tmp_path / "home" / "logs" / "duty-console.log"
    told = done.stdout.split("TOLD:", 1)[1]
    assert "值班台发生意外错误" in told and "草稿" in told and str(log_path) in told
    log = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: boom while showing" in log
    assert "13812345678" not in log  # a phone number in an error message is still redacted


@pytest.mark.parametrize("hour", [0, 8, 16])
def test_the_self_tests_demo_city_has_open_cases_at_any_hour(tmp_path: Path, hour: int) -> None:
    """The self-test lists and opens a case of its small demo city. Its 300 posts over 90
    days left none an officer could see at some hours (00:00 and 08:00 UTC on 4 December
    2026 among them); the bundle check then failed for want of a case."""
    path = tmp_path / "platform.sqlite3"
    db = open_database(f"sqlite:///{path}")
    try:
        seed_demo_city(
            db,
            posts=SELF_TEST_DEMO_POSTS,
            days=SELF_TEST_DEMO_DAYS,
            now=datetime(2026, 12, 4, hour),
        )
        with db.reading() as s:
            officer = s.scalar(select(Officer).where(Officer.badge == "010001"))
            assert officer is not None
            viewer = viewer_for(s, officer)
            lq = listing.parse_list_query(s, viewer, status="new,accepted,in_progress")
            listed = listing.list_posts(s, viewer, lq).items
    finally:
        db.dispose()
    assert len(listed) >= 10
