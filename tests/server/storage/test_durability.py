"""SQLite durability is a setting: NORMAL by default, FULL for a single-machine deployment."""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_server.storage.engines import open_database
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration

LEVELS = {1: "NORMAL", 2: "FULL"}


def _level(engine: object) -> str:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return LEVELS[conn.exec_driver_sql("PRAGMA synchronous").scalar()]


def test_normal_by_default_and_full_on_request(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    assert (_level(db.read_engine), _level(db.write_engine)) == ("NORMAL", "NORMAL")
    db.dispose()
    db = open_database(f"sqlite:///{tmp_path / 'a.sqlite3'}", synchronous="FULL")
    assert (_level(db.read_engine), _level(db.write_engine)) == ("FULL", "FULL")
    db.dispose()
    with pytest.raises(ValueError, match="synchronous"):
        open_database(f"sqlite:///{tmp_path / 'a.sqlite3'}", synchronous="OFF")


def test_the_server_setting_reaches_its_connections(tmp_path: Path) -> None:
    p = RunningPlatform.start(tmp_path / "platform.sqlite3", sqlite_synchronous="FULL")
    try:
        assert p.officer().get("/me").status_code == 200
        assert _level(p.ctx.db.write_engine) == "FULL"
    finally:
        p.stop()
