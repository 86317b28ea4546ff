"""`platform-server` commands that change the database: accounts and archiving."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from platform_server.cli import main
from platform_server.storage.engines import open_database
from platform_server.storage.models import Event, Officer, Post, utcnow
from tests.helpers.platform import new_reference_database
from tests.helpers.posts import insert_posts

pytestmark = pytest.mark.unit


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    new_reference_database(tmp_path / "city.sqlite3")
    return f"sqlite:///{tmp_path / 'city.sqlite3'}"


def test_create_officer_then_refuse_the_same_badge(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLATFORM_OFFICER_PASSWORD", "a-long-password")
    args = ["--db", db_url, "create-officer", "--badge", "777001", "--name", "新民警"]
    assert main([*args, "--unit", "cmd", "--role", "leader"]) == 0
    db = open_database(db_url, create=False)
    with db.reading() as s:
        officer = s.scalar(select(Officer).where(Officer.badge == "777001"))
        assert officer is not None and officer.role == "leader" and officer.name == "新民警"
    db.dispose()
    assert main([*args, "--unit", "cmd"]) == 2
    assert "警号 777001 已存在" in capsys.readouterr().err
    assert main([*args[:4], "777002", "--name", "x", "--unit", "nowhere"]) == 2
    assert "没有单位代码 nowhere" in capsys.readouterr().err


def test_create_officer_wants_a_real_password(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLATFORM_OFFICER_PASSWORD", "short")
    args = ["--db", db_url, "create-officer", "--badge", "777003", "--name", "x", "--unit", "cmd"]
    assert main(args) == 2
    assert "密码至少 8 位" in capsys.readouterr().err


def test_archive_moves_old_resolved_posts_with_their_events(db_url: str, tmp_path: Path) -> None:
    old = utcnow() - timedelta(days=40)
    ids = insert_posts(
        tmp_path / "city.sqlite3",
        [
            {"status": "resolved", "resolved_at": old, "created_at": old},
            {"status": "resolved", "resolved_at": utcnow(), "created_at": old},
        ],
    )
    assert main(["--db", db_url, "archive", "--older-than-days", "30"]) == 0
    db = open_database(db_url, create=False)
    with db.reading() as s:
        statuses = {p.id: p.status for p in s.scalars(select(Post).where(Post.id.in_(ids)))}
        events = list(s.scalars(select(Event)))
    db.dispose()
    assert statuses == {ids[0]: "archived", ids[1]: "resolved"}
    assert [(e.type, e.post_id) for e in events] == [("post.updated", ids[0])]


def test_db_is_accepted_after_the_subcommand_as_well(db_url: str) -> None:
    from platform_server.cli import build_parser

    assert build_parser().parse_args(["serve", "--db", db_url]).db == db_url
    assert build_parser().parse_args(["--db", db_url, "serve"]).db == db_url
    after = build_parser().parse_args(["--db", "sqlite:///before", "seed", "--db", db_url])
    assert after.db == db_url  # the one nearer the command wins
    args = build_parser().parse_args(["serve", "--db", db_url, "--workers", "3"])
    assert args.workers == 3


def test_migrate_brings_an_empty_database_to_the_newest_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from platform_server.storage import migrate

    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["migrate", "--db", url]) == 0
    assert f"schema at {migrate.head()} (was empty)" in capsys.readouterr().out
    assert main(["migrate", "--db", url]) == 0  # nothing to do the second time
    assert f"(was {migrate.head()})" in capsys.readouterr().out


def test_several_workers_need_postgresql(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", db_url, "--workers", "2"]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
