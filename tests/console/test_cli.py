"""`duty-console` on the command line: --help, --version, bad combinations, and the
--self-test hook packaging relies on (a real process against a real platform)."""

from __future__ import annotations

from pathlib import Path

import pytest

from console import __version__
from console.__main__ import PASSWORD_ENV, build_parser, main
from tests.helpers.console import console_env, run_duty_console

pytestmark = pytest.mark.unit

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
    done = run_duty_console(["--help"], console_env(tmp_path), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "--self-test" in done.stdout
