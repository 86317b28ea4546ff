"""`platform-server serve`: one server process, or N of them on one socket and one database.

With ``--workers N`` (PostgreSQL) the parent migrates the database once, binds the
port and starts N worker processes with uvicorn's supervisor (it restarts a worker
that dies). Each worker builds its own app from the settings the parent hands over
in the environment (`app_from_environment`): its own connection pool, event hub,
LISTEN connection and escalation thread. They share nothing but the database, which
is what makes them correct together: row locks for officer actions, SKIP LOCKED for
escalation, the event log in commit order and NOTIFY to wake every process's hub.

Put a reverse proxy in front for TLS (README, "Deploying the platform"). On shutdown
a worker gives open event streams `GRACEFUL_SECONDS` before cutting them; consoles
reconnect and resume from their last event.
"""

from __future__ import annotations

import dataclasses
import json
import os

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from platform_server.config import ServerSettings

SETTINGS_ENV = "PLATFORM_SERVER_SETTINGS"  # JSON of ServerSettings, parent → workers
GRACEFUL_SECONDS = 3


def app_from_environment() -> FastAPI:
    """The app of one worker process (uvicorn calls this factory in each)."""
    from platform_server.api.app import create_app

    values = json.loads(os.environ[SETTINGS_ENV])
    values["trusted_proxies"] = tuple(values.get("trusted_proxies", ()))
    return create_app(ServerSettings(**values))


def serve(settings: ServerSettings, *, host: str, port: int, workers: int = 1) -> None:
    """Serve until interrupted (SIGINT/SIGTERM)."""
    if workers <= 1:
        from platform_server.api.app import create_app
        from platform_server.embedded import PlatformServer

        # Forwarded headers are the app's decision (--trusted-proxy), not uvicorn's.
        config = uvicorn.Config(
            create_app(settings), host=host, port=port, log_level="info", proxy_headers=False
        )
        PlatformServer(config).run()
        return
    from platform_server.storage.engines import open_database

    settings = dataclasses.replace(settings, db_url=settings.resolved_db_url())
    open_database(settings.db_url).dispose()  # migrate once, before the workers start
    os.environ[SETTINGS_ENV] = json.dumps(dataclasses.asdict(settings))
    config = uvicorn.Config(
        "platform_server.workers:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=False,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )
    sock = config.bind_socket()
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
