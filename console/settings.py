"""Every console setting, declared once (name, type, default, meaning), over QSettings.

The file is an INI under the config dir (console.paths), so ``DUTY_CONSOLE_HOME``
isolates it like every other user file, and an edited-by-hand value that no
longer fits its type falls back to the default instead of breaking start-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from console import paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    """One setting: ``type`` is one of str, int, bool, json, bytes.

    ``default`` may be a callable, for defaults that depend on the environment.
    ``choices`` limits a str; ``minimum``/``maximum`` bound an int.
    """

    name: str
    type: str
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def default_value(self) -> Any:
        value = self.default() if callable(self.default) else self.default
        # json defaults are mutable: hand out a copy, never the declaration itself
        return json.loads(json.dumps(value)) if self.type == "json" else value


def _journal_default() -> str:
    return str(paths.default_alert_journal())


SETTINGS: tuple[Setting, ...] = (
    Setting("server_url", "str", "", "Platform URL; empty means the embedded demo platform."),
    Setting("badge", "str", "", "Badge number last used to sign in (prefilled)."),
    Setting("workstation", "str", "", "This console's workstation name, sent at sign-in."),
    Setting("remember_me", "bool", False, "Keep the sign-in token in the OS keyring."),
    Setting("language", "str", "zh_CN", "User-interface language.", choices=("zh_CN", "en")),
    Setting("volume", "int", 80, "Alarm and chime volume in percent.", minimum=0, maximum=100),
    Setting("chime_muted", "bool", False, "Mute the chime for new ordinary posts (never alarms)."),
    Setting(
        "chime_scope",
        "str",
        "all",
        "Chime for every new post, or only for posts of the officer's unit.",
        choices=("all", "unit"),
    ),
    Setting(
        "alert_journal_path",
        "str",
        _journal_default,
        "JSON-lines file where every alarm start, stop, acknowledgement is written.",
    ),
    Setting(
        "ca_bundle",
        "str",
        "",
        "PEM file of the authorities trusted for the platform's TLS certificate; empty means "
        "the built-in list. Verification itself can never be turned off.",
    ),
    Setting("theme", "str", "system", "Colour theme.", choices=("system", "light", "dark")),
    Setting("saved_views", "json", [], "Saved queue filters: list of {name, filters}."),
    Setting("queue_filters", "json", {}, "The queue filters in use when the console closed."),
    Setting("window_geometry", "bytes", b"", "Main window geometry (QWidget.saveGeometry)."),
    Setting("window_state", "bytes", b"", "Dock and toolbar layout (QMainWindow.saveState)."),
    Setting("splitter_state", "bytes", b"", "Queue/detail splitter (QSplitter.saveState)."),
    Setting(
        "case_splitter_state", "bytes", b"", "Case pane body/history/editor split (saveState)."
    ),
    Setting("column_widths", "json", {}, "Queue column widths by column key, in pixels."),
    Setting("header_state", "bytes", b"", "Queue header order/sort (QHeaderView.saveState)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def declaration(name: str) -> Setting:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}") from None


class Settings(QObject):
    """Typed access to the declared settings.

    Signals:
        changed(str): a setting was set to a different value (its name).
    """

    changed = Signal(str)

    def __init__(self, path: str | Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        file = Path(path) if path is not None else paths.settings_file()
        # Parented, so it is destroyed with its owner on the GUI thread, not by the GC.
        self._qs = QSettings(str(file), QSettings.Format.IniFormat, self)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def get(self, name: str) -> Any:
        """The stored value, or the default when unset or unreadable."""
        decl = declaration(name)
        if not self._qs.contains(name):
            return decl.default_value()
        raw = self._qs.value(name)
        try:
            value = self._decode(decl, raw)
            self._validate(decl, value)
        except (TypeError, ValueError) as exc:
            log.warning("setting %s has an unusable value %r (%s); using default", name, raw, exc)
            return decl.default_value()
        return value

    def set(self, name: str, value: Any) -> None:
        """Store a value; ValueError when it does not fit the declaration."""
        decl = declaration(name)
        value = self._coerce(decl, value)
        self._validate(decl, value)
        if self._qs.contains(name) and self.get(name) == value:
            return
        self._qs.setValue(name, self._encode(decl, value))
        self._qs.sync()
        self.changed.emit(name)

    def reset(self, name: str) -> None:
        """Back to the default."""
        declaration(name)
        if self._qs.contains(name):
            self._qs.remove(name)
            self._qs.sync()
            self.changed.emit(name)

    def on_change(self, name: str, callback: Callable[[Any], None]) -> None:
        """Call ``callback(new_value)`` whenever ``name`` changes (a change filter)."""
        declaration(name)

        def relay(changed_name: str) -> None:
            if changed_name == name:
                callback(self.get(name))

        self.changed.connect(relay)

    def sync(self) -> None:
        self._qs.sync()

    # ------------------------------------------------------------ conversions
    @staticmethod
    def _coerce(decl: Setting, value: Any) -> Any:
        if decl.type == "bytes" and isinstance(value, QByteArray):
            return bytes(value.data())
        if decl.type == "json":
            # round-trip now, so what get() returns later equals what was set
            return json.loads(json.dumps(value, ensure_ascii=False))
        return value

    @staticmethod
    def _validate(decl: Setting, value: Any) -> None:
        expected = {"str": str, "int": int, "bool": bool, "bytes": bytes}.get(decl.type)
        if expected is not None and (
            not isinstance(value, expected) or (expected is int and isinstance(value, bool))
        ):
            raise ValueError(f"{decl.name} must be {decl.type}, not {type(value).__name__}")
        if decl.choices and value not in decl.choices:
            raise ValueError(f"{decl.name} must be one of {decl.choices}, not {value!r}")
        if decl.minimum is not None and value < decl.minimum:
            raise ValueError(f"{decl.name} must be at least {decl.minimum}")
        if decl.maximum is not None and value > decl.maximum:
            raise ValueError(f"{decl.name} must be at most {decl.maximum}")

    @staticmethod
    def _encode(decl: Setting, value: Any) -> Any:
        if decl.type == "json":
            return json.dumps(value, ensure_ascii=False)
        if decl.type == "bytes":
            return QByteArray(value)
        if decl.type == "bool":
            return "true" if value else "false"
        return value

    @staticmethod
    def _decode(decl: Setting, raw: Any) -> Any:
        if decl.type == "str":
            return str(raw)
        if decl.type == "int":
            return int(raw)
        if decl.type == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "1", "yes"):
                return True
            if text in ("false", "0", "no"):
                return False
            raise ValueError(f"not a boolean: {raw!r}")
        if decl.type == "json":
            return json.loads(str(raw))
        if decl.type == "bytes":
            if isinstance(raw, QByteArray):
                return bytes(raw.data())
            if isinstance(raw, bytes):
                return raw
            raise ValueError(f"not bytes: {raw!r}")
        raise ValueError(f"unknown setting type {decl.type}")
