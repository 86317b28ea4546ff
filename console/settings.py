"""Every console setting, declared once (name, type, default, meaning), over QSettings.

Each setting is a typed attribute of `Settings` (``settings.volume`` is an ``int``,
``settings.volume = 60`` stores it, validated), in the manner of qutebrowser's
``configdata.yml`` and Picard's ``options.py``. `SETTINGS` lists the declarations for
code that walks all of them (the settings dialog, tests); `Settings.get`/`set` take a
name for that code only.

The file is an INI under the config dir (console.paths), so ``DUTY_CONSOLE_HOME``
isolates it like every other user file, and an edited-by-hand value that no longer fits
its type falls back to the default instead of breaking start-up.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from console import paths

log = logging.getLogger(__name__)

T = TypeVar("T")
JsonList = list[dict[str, Any]]
JsonDict = dict[str, Any]


class Setting(Generic[T]):
    """One setting, declared as a class attribute of `Settings`.

    ``kind`` is one of str, int, bool, json, bytes. ``default`` may be a callable, for
    defaults that depend on the environment. ``choices`` limits a str;
    ``minimum``/``maximum`` bound an int.
    """

    name: str

    def __init__(
        self,
        kind: str,
        default: T | Callable[[], T],
        description: str,
        *,
        choices: tuple[str, ...] = (),
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> None:
        self.kind = kind
        self.default = default
        self.description = description
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Setting[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...
    def __get__(self, obj: Settings | None, owner: type) -> T | Setting[T]:
        if obj is None:
            return self
        value: T = obj.get(self.name)
        return value

    def __set__(self, obj: Settings, value: T) -> None:
        obj.set(self.name, value)

    def default_value(self) -> T:
        value = self.default() if callable(self.default) else self.default
        # json defaults are mutable: hand out a copy, never the declaration itself
        copied: T = json.loads(json.dumps(value)) if self.kind == "json" else value
        return copied

    def __repr__(self) -> str:
        return f"Setting({self.name!r}, {self.kind})"


def _journal_default() -> str:
    return str(paths.default_alert_journal())


class Settings(QObject):
    """Typed access to the declared settings (the class attributes below).

    Signals:
        changed(str): a setting was set to a different value (its name).
    """

    changed = Signal(str)

    server_url = Setting[str]("str", "", "Platform URL; empty means the embedded demo platform.")
    badge = Setting[str]("str", "", "Badge number last used to sign in (prefilled).")
    workstation = Setting[str]("str", "", "This console's workstation name, sent at sign-in.")
    remember_me = Setting[bool]("bool", False, "Keep the sign-in token in the OS keyring.")
    language = Setting[str]("str", "zh_CN", "User-interface language.", choices=("zh_CN", "en"))
    volume = Setting[int]("int", 80, "Alarm and chime volume in percent.", minimum=0, maximum=100)
    chime_muted = Setting[bool](
        "bool", False, "Mute the chime for new ordinary posts (never alarms)."
    )
    chime_scope = Setting[str](
        "str",
        "all",
        "Chime for every new post, or only for posts of the officer's unit.",
        choices=("all", "unit"),
    )
    raise_on_alarm = Setting[bool](
        "bool",
        True,
        "Bring a minimised or hidden console to the front when a silent report arrives.",
    )
    alert_journal_path = Setting[str](
        "str",
        _journal_default,
        "JSON-lines file where every alarm start, stop, acknowledgement is written.",
    )
    ca_bundle = Setting[str](
        "str",
        "",
        "PEM file of the authorities trusted for the platform's TLS certificate; empty means "
        "the built-in list. Verification itself can never be turned off.",
    )
    theme = Setting[str]("str", "system", "Colour theme.", choices=("system", "light", "dark"))
    map_tile_url = Setting[str](
        "str",
        "",
        "Tile URL template of the city's own map server, XYZ ({z}/{x}/{y}) or WMTS RESTful "
        "({TileMatrix}/{TileRow}/{TileCol}); empty means the platform's vector map only and "
        "no tile requests at all.",
    )
    saved_views = Setting[JsonList]("json", [], "Saved queue filters: list of {name, filters}.")
    queue_filters = Setting[JsonDict](
        "json", {}, "The queue filters in use when the console closed."
    )
    window_geometry = Setting[bytes]("bytes", b"", "Main window geometry (QWidget.saveGeometry).")
    window_state = Setting[bytes]("bytes", b"", "Dock and toolbar layout (QMainWindow.saveState).")
    splitter_state = Setting[bytes]("bytes", b"", "Queue/detail splitter (QSplitter.saveState).")
    case_splitter_state = Setting[bytes](
        "bytes", b"", "Case pane body/history/editor split (saveState)."
    )
    column_widths = Setting[JsonDict]("json", {}, "Queue column widths by column key, in pixels.")
    header_state = Setting[bytes]("bytes", b"", "Queue header order/sort (QHeaderView.saveState).")

    def __init__(self, path: str | Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        file = Path(path) if path is not None else paths.settings_file()
        # Parented, so it is destroyed with its owner on the GUI thread, not by the GC.
        self._qs = QSettings(str(file), QSettings.Format.IniFormat, self)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    # ------------------------------------------------------------ by name (generic code)
    def get(self, name: str) -> Any:
        """The stored value of the setting called ``name``, or its default."""
        decl = declaration(name)
        if not self._qs.contains(name):
            return decl.default_value()
        raw = self._qs.value(name)
        try:
            value = _decode(decl, raw)
            _validate(decl, value)
        except (TypeError, ValueError) as exc:
            log.warning("setting %s has an unusable value %r (%s); using default", name, raw, exc)
            return decl.default_value()
        return value

    def set(self, name: str, value: Any) -> None:
        """Store a value; ValueError when it does not fit the declaration."""
        decl = declaration(name)
        value = _coerce(decl, value)
        _validate(decl, value)
        if self._qs.contains(name) and self.get(name) == value:
            return
        self._qs.setValue(name, _encode(decl, value))
        self._qs.sync()
        self.changed.emit(name)

    def reset(self, name: str) -> None:
        """Back to the default."""
        declaration(name)
        if self._qs.contains(name):
            self._qs.remove(name)
            self._qs.sync()
            self.changed.emit(name)

    def on_change(
        self, setting: Setting[T] | str, callback: Callable[[T], None]
    ) -> Callable[[], None]:
        """Call ``callback(new_value)`` whenever the setting changes (a change filter).

        Returns a function that stops the calls.
        """
        name = setting if isinstance(setting, str) else setting.name
        declaration(name)

        def relay(changed_name: str) -> None:
            if changed_name == name:
                callback(self.get(name))

        self.changed.connect(relay)

        def stop() -> None:
            self.changed.disconnect(relay)

        return stop

    def sync(self) -> None:
        self._qs.sync()


SETTINGS: tuple[Setting[Any], ...] = tuple(
    v for v in vars(Settings).values() if isinstance(v, Setting)
)
_BY_NAME = {s.name: s for s in SETTINGS}


def declaration(name: str) -> Setting[Any]:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}") from None


# ---------------------------------------------------------------- conversions
def _coerce(decl: Setting[Any], value: Any) -> Any:
    if decl.kind == "bytes" and isinstance(value, QByteArray):
        return bytes(value.data())
    if decl.kind == "json":
        # round-trip now, so what get() returns later equals what was set
        return json.loads(json.dumps(value, ensure_ascii=False))
    return value


def _validate(decl: Setting[Any], value: Any) -> None:
    expected = {"str": str, "int": int, "bool": bool, "bytes": bytes}.get(decl.kind)
    if expected is not None and (
        not isinstance(value, expected) or (expected is int and isinstance(value, bool))
    ):
        raise ValueError(f"{decl.name} must be {decl.kind}, not {type(value).__name__}")
    if decl.choices and value not in decl.choices:
        raise ValueError(f"{decl.name} must be one of {decl.choices}, not {value!r}")
    if decl.minimum is not None and value < decl.minimum:
        raise ValueError(f"{decl.name} must be at least {decl.minimum}")
    if decl.maximum is not None and value > decl.maximum:
        raise ValueError(f"{decl.name} must be at most {decl.maximum}")


def _encode(decl: Setting[Any], value: Any) -> Any:
    if decl.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if decl.kind == "bytes":
        return QByteArray(value)
    if decl.kind == "bool":
        return "true" if value else "false"
    return value


def _decode_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _decode_bytes(raw: Any) -> bytes:
    if isinstance(raw, QByteArray):
        return bytes(raw.data())
    if isinstance(raw, bytes):
        return raw
    raise ValueError(f"not bytes: {raw!r}")


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "int": int,
    "bool": _decode_bool,
    "json": lambda raw: json.loads(str(raw)),
    "bytes": _decode_bytes,
}


def _decode(decl: Setting[Any], raw: Any) -> Any:
    try:
        decoder = _DECODERS[decl.kind]
    except KeyError:
        raise ValueError(f"unknown setting type {decl.kind}") from None
    return decoder(raw)
