"""Settings: declared once, typed, persisted, isolated; paths follow DUTY_CONSOLE_HOME."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from console import paths
from console.settings import SETTINGS, Settings

pytestmark = pytest.mark.unit


def test_defaults_for_every_declared_setting(console_home: Path) -> None:
    s = Settings()
    assert Path(s.file_name).is_relative_to(console_home)
    assert s.get("language") == "zh_CN"
    assert s.get("volume") == 80
    assert s.get("chime_scope") == "all"
    assert s.get("saved_views") == []
    assert s.get("alert_journal_path") == str(console_home / "logs" / "alert-journal.jsonl")
    for decl in SETTINGS:
        assert decl.description
        s.get(decl.name)  # every one readable


def test_values_survive_a_restart_and_keep_their_types(tmp_path: Path) -> None:
    file = tmp_path / "console.ini"
    s = Settings(file)
    views = [{"name": "我的逾期", "filters": {"assignee": "me", "overdue": True}}]
    s.set("server_url", "https://平台.example")
    s.set("workstation", "指挥中心 3 号席")
    s.set("remember_me", True)
    s.set("volume", 35)
    s.set("saved_views", views)
    s.set("column_widths", {"title": 320, "age": 60})
    s.set("window_geometry", QByteArray(b"\x01\x02geometry"))
    del s

    again = Settings(file)
    assert again.get("server_url") == "https://平台.example"
    assert again.get("workstation") == "指挥中心 3 号席"
    assert again.get("remember_me") is True
    assert again.get("volume") == 35
    assert again.get("saved_views") == views
    assert again.get("column_widths") == {"title": 320, "age": 60}
    assert again.get("window_geometry") == b"\x01\x02geometry"


def test_changed_fires_once_per_real_change(tmp_path: Path) -> None:
    s = Settings(tmp_path / "c.ini")
    seen: list[str] = []
    volumes: list[int] = []
    s.changed.connect(seen.append)
    s.on_change("volume", volumes.append)
    s.set("volume", 50)
    s.set("volume", 50)  # same value: no signal
    s.set("theme", "dark")
    s.reset("volume")
    assert seen == ["volume", "theme", "volume"]
    assert volumes == [50, 80]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("volume", 101),
        ("volume", -1),
        ("volume", "loud"),
        ("volume", True),
        ("language", "fr"),
        ("chime_scope", "station"),
        ("remember_me", "yes"),
    ],
)
def test_invalid_values_are_refused(tmp_path: Path, name: str, value: object) -> None:
    s = Settings(tmp_path / "c.ini")
    with pytest.raises(ValueError):
        s.set(name, value)


def test_unknown_names_are_programming_errors(tmp_path: Path) -> None:
    s = Settings(tmp_path / "c.ini")
    with pytest.raises(KeyError):
        s.get("volumne")
    with pytest.raises(KeyError):
        s.set("volumne", 3)


@pytest.mark.expected_log(r"console\.settings: setting \w+ has an unusable value")
def test_hand_edited_garbage_falls_back_to_default(tmp_path: Path) -> None:
    file = tmp_path / "c.ini"
    file.write_text(
        "[General]\nvolume=very loud\nlanguage=klingon\nsaved_views={not json\nchime_muted=maybe\n",
        encoding="utf-8",
    )
    s = Settings(file)
    assert s.get("volume") == 80
    assert s.get("language") == "zh_CN"
    assert s.get("saved_views") == []
    assert s.get("chime_muted") is False


def test_paths_follow_console_home(console_home: Path) -> None:
    assert paths.data_dir() == console_home / "data"
    assert paths.log_dir() == console_home / "logs"
    assert paths.outbox_file().parent.is_dir()


def test_resource_path_from_source_and_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo = Path(paths.__file__).resolve().parent.parent
    assert paths.resource_path("sounds", "x.wav") == repo / "resources" / "sounds" / "x.wav"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("i18n", "zh_CN.qm") == tmp_path / "resources" / "i18n" / "zh_CN.qm"
