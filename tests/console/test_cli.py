"""`duty-console` on the command line: --help, --version, bad combinations, and the
--self-test hook packaging relies on (a real process against a real platform)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from console import __version__
from console.__main__ import PASSWORD_ENV, build_parser, main
from tests.helpers.platform import RunningPlatform

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = (
    "--server",
    "--badge",
    "--workstation",
    "--lang",
    "--theme",
    "--alert-journal",
    "--data-dir",
    "--demo-posts",
    "--no-simulator",
    "--self-test",
    "--version",
)


def run_console(
    args: list[str], home: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DUTY_CONSOLE_HOME": str(home),
        # The real keyring is never touched by tests, not even in a child process.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for option in OPTIONS:
        assert option in out, option
    assert PASSWORD_ENV in out and "DUTY_CONSOLE_HOME" in out
    assert "值班台" in out
    # Every option has a sentence, not just a name.
    for action in build_parser()._actions:
        assert action.help, action.option_strings


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"duty-console {__version__}"


def test_badge_without_password_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    assert main(["--server", "http://127.0.0.1:9", "--badge", "010001"]) == 2
    assert PASSWORD_ENV in capsys.readouterr().err


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "fr"])
    assert exited.value.code == 2


def test_module_entry_point_prints_help(tmp_path: Path) -> None:
    done = run_console(["--help"], tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "--self-test" in done.stdout


def test_self_test_signs_in_to_a_real_platform_without_the_dialog(
    platform: RunningPlatform, tmp_path: Path
) -> None:
    journal = tmp_path / "alerts.jsonl"
    done = run_console(
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
        tmp_path / "home",
        env={PASSWORD_ENV: "demo-pass"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: ok" in done.stdout
    log = (tmp_path / "home" / "logs" / "duty-console.log").read_text(encoding="utf-8")
    assert "demo-pass" not in log  # the password never reaches the log


def test_self_test_fails_loudly_on_a_wrong_password(
    platform: RunningPlatform, tmp_path: Path
) -> None:
    done = run_console(
        ["--server", platform.url, "--badge", "010001", "--self-test"],
        tmp_path / "home",
        env={PASSWORD_ENV: "wrong-password"},
    )
    assert done.returncode == 1
    assert "self-test: FAILED" in done.stdout and "密码不正确" in done.stdout


def test_no_server_starts_the_embedded_demo_platform(tmp_path: Path) -> None:
    """`duty-console` alone: seeds a demo city under the data dir and signs in as 010001."""
    home = tmp_path / "home"
    done = run_console(["--self-test", "--demo-posts", "300", "--no-simulator"], home, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: ok" in done.stdout
    assert (home / "data" / "platform" / "platform.sqlite3").exists()
