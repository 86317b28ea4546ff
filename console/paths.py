"""Where the console keeps its files, and where its bundled resources are.

User files live in the platform's usual per-user folders (platformdirs, app
"duty-console"). Setting ``DUTY_CONSOLE_HOME`` puts all of them under one folder
instead, so tests and portable installs never touch the real profile.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "duty-console"
APP_AUTHOR = "DutyConsole"  # same as platform_server.config, so both share one data dir
HOME_ENV = "DUTY_CONSOLE_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value) if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Outbox, drafts, the embedded platform's database."""
    home = _home()
    return _ensure(home / "data" if home else platformdirs.user_data_path(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """Application log and the default alert journal."""
    home = _home()
    return _ensure(home / "logs" if home else platformdirs.user_log_path(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    """The settings file."""
    home = _home()
    return _ensure(home / "config" if home else platformdirs.user_config_path(APP_NAME, APP_AUTHOR))


def settings_file() -> Path:
    return config_dir() / "console.ini"


def outbox_file() -> Path:
    return data_dir() / "outbox.sqlite3"


def default_alert_journal() -> Path:
    return log_dir() / "alert-journal.jsonl"


def resources_dir() -> Path:
    """``resources/`` from a source checkout, or inside a PyInstaller bundle."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. ``resource_path("sounds", "alarm.wav")``."""
    return resources_dir().joinpath(*parts)
