"""The FastAPI application: wiring of settings, database, event hub and routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from platform_server import __version__
from platform_server.api.deps import AppContext
from platform_server.api.errors import install_handlers
from platform_server.api.routes import (
    attachments,
    audit,
    auth,
    events,
    posts,
    public,
    reference,
    stats,
)
from platform_server.api.upload import RequestBodyGuard
from platform_server.config import ServerSettings
from platform_server.domain.ratelimit import LoginLimiter
from platform_server.events.escalation import Escalator
from platform_server.events.hub import EventHub
from platform_server.storage.engines import open_database

log = logging.getLogger(__name__)


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    db = open_database(settings.resolved_db_url())
    ctx = AppContext(
        settings=settings,
        db=db,
        hub=EventHub(db, settings),
        limiter=LoginLimiter(settings.login_max_failures, settings.login_window_seconds),
    )
    escalator = Escalator(db, settings, wake=ctx.hub.notify)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await ctx.hub.start()
        escalator.start()
        try:
            yield
        finally:
            escalator.stop()
            await ctx.hub.stop()
            db.dispose()

    app = FastAPI(
        title="City police platform API",
        version=__version__,
        description="Platform API v1: officer side, citizen side and the event stream.",
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    install_handlers(app)
    app.add_middleware(RequestBodyGuard, max_upload_bytes=settings.max_attachment_bytes)
    for module in (auth, reference, posts, attachments, events, stats, audit, public):
        app.include_router(module.router, prefix="/api/v1")
    return app
