"""A real platform server on loopback with a real database (SQLite file or PostgreSQL), for tests.

`RunningPlatform.start(path)` installs the demo city's reference data (no posts) in a
new SQLite file and starts uvicorn on a free 127.0.0.1 port; `RunningPlatform.serve_url`
serves any database URL (`tests.helpers.databases` makes PostgreSQL ones). `Api` is a
thin requests wrapper that keeps a token and base URL, so tests read as what a client does.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from platform_server.api.deps import AppContext
from platform_server.config import ServerSettings
from platform_server.demo.reference_data import DEMO_PASSWORD, install_reference_data
from platform_server.embedded import EmbeddedServer
from platform_server.events.escalation import Escalator
from platform_server.storage.engines import open_database

# Where the reference-data database is built once per test run (set by tests/conftest.py
# to a folder under pytest's tmp_path); every new platform database is a copy of it.
# Building it hashes every demo password (scrypt), which took ~3 s per platform.
TEMPLATE_DIR: Path | None = None


def new_reference_database(db_path: Path) -> None:
    """A database at `db_path` with the demo city's reference data (units, boards, officers)."""
    if TEMPLATE_DIR is None:
        _build_reference_database(db_path)
        return
    template = TEMPLATE_DIR / "reference.sqlite3"
    if not template.exists():
        _build_reference_database(template)
    with sqlite3.connect(template) as src, sqlite3.connect(db_path) as dst:
        src.backup(dst)  # a consistent copy, WAL included


def _build_reference_database(db_path: Path) -> None:
    db = open_database(f"sqlite:///{db_path}")
    try:
        with db.writing() as s:
            install_reference_data(s)
    finally:
        db.dispose()


@dataclass
class Api:
    base: str
    token: str | None = None
    session: requests.Session = field(default_factory=requests.Session)

    def url(self, path: str) -> str:
        return self.base + "/api/v1" + path

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        h = {}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        h.update(extra or {})
        return h

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.session.get(
            self.url(path),
            headers=self.headers(kw.pop("headers", None)),
            timeout=kw.pop("timeout", 10),
            **kw,
        )

    def post(self, path: str, json: Any = None, **kw: Any) -> requests.Response:
        return self.session.post(
            self.url(path),
            json=json,
            headers=self.headers(kw.pop("headers", None)),
            timeout=kw.pop("timeout", 10),
            **kw,
        )

    def put(self, path: str, json: Any = None, **kw: Any) -> requests.Response:
        return self.session.put(
            self.url(path),
            json=json,
            headers=self.headers(kw.pop("headers", None)),
            timeout=kw.pop("timeout", 10),
            **kw,
        )

    def act(self, post_id: int, action: str, json: Any = None, **kw: Any) -> requests.Response:
        """A state-changing post action with If-Match taken from a fresh GET."""
        version = self.get(f"/posts/{post_id}").json()["version"]
        headers = {"If-Match": f'"{version}"', **kw.pop("headers", {})}
        return self.post(f"/posts/{post_id}/{action}", json=json, headers=headers, **kw)


@dataclass
class RunningPlatform:
    server: EmbeddedServer
    db_url: str
    db_path: Path | None = None  # the SQLite file (None on PostgreSQL)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def engine(self) -> str:
        """ "sqlite" or "postgresql"."""
        return "sqlite" if self.db_url.startswith("sqlite") else "postgresql"

    @classmethod
    def start(cls, db_path: Path, **settings: Any) -> RunningPlatform:
        """A server on a new database at `db_path` holding the demo city's reference data."""
        new_reference_database(db_path)
        return cls.serve(db_path, **settings)

    @classmethod
    def serve(cls, db_path: Path, **settings: Any) -> RunningPlatform:
        """A server on an existing SQLite file."""
        return cls.serve_url(f"sqlite:///{db_path}", **settings)

    @classmethod
    def serve_url(cls, db_url: str, **settings: Any) -> RunningPlatform:
        """A server on an existing database of either engine."""
        server = EmbeddedServer(ServerSettings(db_url=db_url, **settings)).start()
        path = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
        return cls(server=server, db_url=db_url, db_path=path)

    def stop(self) -> None:
        self.server.stop()

    @property
    def ctx(self) -> AppContext:
        """The running server's context (settings, database, hub): it runs in this process."""
        ctx: AppContext = self.server.app.state.ctx
        return ctx

    def escalator(self) -> Escalator:
        """A second escalation checker on this platform's database, run by hand."""
        return Escalator(self.ctx.db, self.ctx.settings, self.ctx.hub.notify)

    def api(self) -> Api:
        return Api(self.url)

    def officer(self, badge: str = "010001", workstation: str = "test-ws") -> Api:
        api = self.api()
        r = api.post(
            "/auth/login", {"badge": badge, "password": DEMO_PASSWORD, "workstation": workstation}
        )
        r.raise_for_status()
        api.token = r.json()["token"]
        return api

    def citizen(self, nickname: str = "热心市民", phone: str | None = "13812345678") -> Api:
        api = self.api()
        r = api.post("/public/session", {"nickname": nickname, "phone": phone})
        r.raise_for_status()
        api.token = r.json()["token"]
        return api


def new_key() -> str:
    return uuid.uuid4().hex


Target = RunningPlatform | Api | str


def _citizen_api(target: Target, nickname: str, phone: str | None) -> Api:
    """A signed-in citizen from a platform, its base URL, or an already signed-in Api."""
    if isinstance(target, Api):
        return target
    base = target.url if isinstance(target, RunningPlatform) else target.rstrip("/")
    api = Api(base)
    r = api.post("/public/session", {"nickname": nickname, "phone": phone})
    r.raise_for_status()
    api.token = r.json()["token"]
    return api


def citizen_post(
    target: Target,
    title: str = "小区门口路灯坏了一个月",
    body: str = "",
    *,
    board: str = "110",
    mentions: list[str] | None = None,
    nickname: str = "热心市民",
    phone: str | None = "13812345678",
    **extra: Any,
) -> int:
    """A post as a citizen makes it through the public API; returns its id."""
    api = _citizen_api(target, nickname, phone)
    r = api.post(
        "/public/posts",
        {
            "board": board,
            "title": title,
            "body": body or f"{title}。请尽快处理，谢谢。",
            "mentions": mentions or [],
            **extra,
        },
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def silent_report(
    target: Target,
    body: str = "出租车司机绕路不让下车，我在后座不敢说话",
    *,
    location: dict[str, Any] | None = None,
    **extra: Any,
) -> int:
    """A silent report (V报警) as a citizen sends it; returns its id."""
    api = _citizen_api(target, "匿名", None)
    r = api.post(
        "/public/silent-reports",
        {
            "body": body,
            "location": location or {"lat": 31.2, "lon": 121.5, "accuracy_m": 20},
            **extra,
        },
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])
