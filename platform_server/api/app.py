"""The FastAPI application: wiring of settings, database, event hub and routes."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema
from starlette.types import ASGIApp

from platform_server import __version__
from platform_server.api import docs
from platform_server.api.connection import ConnectionLayer
from platform_server.api.deps import AppContext, storable_query
from platform_server.api.errors import install_handlers
from platform_server.api.routes import (
    attachments,
    audit,
    auth,
    calendar,
    callbacks,
    citizens,
    dispatch,
    events,
    geo,
    hotspots,
    intake,
    messages,
    notices,
    posts,
    public,
    public_talk,
    reference,
    stats,
)
from platform_server.api.stream_guard import StreamGuard
from platform_server.api.upload import RequestBodyGuard
from platform_server.config import ServerSettings
from platform_server.domain.ratelimit import LoginLimiter, limiter_settings
from platform_server.events.archiving import Archiver
from platform_server.events.dispatch_watch import DispatchWatch
from platform_server.events.escalation import Escalator
from platform_server.events.hotspot_watch import HotspotWatch
from platform_server.events.hub import EventHub
from platform_server.events.listener import PgListener
from platform_server.events.notices import NoticePublisher
from platform_server.events.types import EVENT_MODELS
from platform_server.storage.engines import open_database

log = logging.getLogger(__name__)


class PlatformApp(FastAPI):
    """FastAPI with the connection layer outermost (`api.connection`): trusted proxy
    headers, and dropping a connection that stopped reading."""

    trusted_proxies: tuple[str, ...] = ()

    def build_middleware_stack(self) -> ASGIApp:
        return ConnectionLayer(super().build_middleware_stack(), self.trusted_proxies)


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    db = open_database(settings.resolved_db_url(), synchronous=settings.sqlite_synchronous)
    # PostgreSQL: other server processes' events arrive by NOTIFY, not only by the poll.
    wake_sources = [PgListener(db.url)] if db.is_postgresql else []
    ctx = AppContext(
        settings=settings,
        db=db,
        hub=EventHub(db, settings, wake_sources),
        limiter=LoginLimiter(limiter_settings(settings)),
    )
    ctx.guard = StreamGuard(ctx.read, interval=max(0.05, min(settings.ping_seconds, 5.0)) / 2)
    escalator = Escalator(db, settings, wake=ctx.hub.notify)
    archiver = Archiver(db, settings, wake=ctx.hub.notify)
    notice_publisher = NoticePublisher(db, settings, wake=ctx.hub.notify)
    # ctx.clock is read at each run (tests replace it on a running server).
    dispatch_watch = DispatchWatch(
        db,
        settings,
        wake=ctx.hub.notify,
        clock=lambda: ctx.clock(),  # noqa: PLW0108
    )

    hotspot_watch = HotspotWatch(
        db,
        settings,
        wake=ctx.hub.notify,
        clock=lambda: ctx.clock(),  # noqa: PLW0108
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await ctx.hub.start()
        escalator.start()
        archiver.start()
        notice_publisher.start()
        dispatch_watch.start()
        hotspot_watch.start()
        # The dashboard's KPI tiles read a columnar copy of the posts: load it now, not
        # when the first leader opens the dashboard (seconds at a million posts).
        stats.post_columns(ctx).start_loading()
        # What is alive now (modules, mappers, compiled routes) lives as long as the
        # process: frozen, the collector's full passes no longer walk its ~240,000
        # objects, each of which paused every request for about 100 ms.
        if settings.freeze_gc:
            gc.freeze()
        try:
            yield
        finally:
            hotspot_watch.stop()
            dispatch_watch.stop()
            notice_publisher.stop()
            archiver.stop()
            escalator.stop()
            await ctx.guard.stop()
            await ctx.hub.stop()
            db.dispose()

    app = PlatformApp(
        title="City police platform API",
        version=__version__,
        description="Platform API v1: officer side, citizen side and the event stream.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(storable_query)],
    )
    app.trusted_proxies = tuple(settings.trusted_proxies)
    app.state.ctx = ctx
    app.state.dispatch_watch = dispatch_watch
    app.state.hotspot_watch = hotspot_watch
    if settings.docs:
        docs.install(app)
    install_handlers(app)
    app.add_middleware(RequestBodyGuard, max_upload_bytes=settings.max_attachment_bytes)
    for module in (
        auth,
        reference,
        intake,
        posts,
        messages,
        callbacks,
        notices,
        citizens,
        dispatch,
        calendar,
        attachments,
        events,
        stats,
        audit,
        geo,
        hotspots,
    ):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(public.router, prefix="/api/v1")
    app.include_router(public_talk.router, prefix="/api/v1")
    app.openapi = partial(_openapi_with_events, app)  # type: ignore[method-assign]
    return app


def _mark_if_match_required(schema: dict[str, Any]) -> None:
    """If-Match is optional to FastAPI (a missing one must be the contract's 428, not a
    validation 422), but required by the API: say so wherever 428 is an answer."""
    for operations in schema.get("paths", {}).values():
        for op in operations.values():
            if not isinstance(op, dict) or "428" not in op.get("responses", {}):
                continue
            for param in op.get("parameters", []):
                if param.get("in") == "header" and param.get("name") == "If-Match":
                    param["required"] = True


def _openapi_with_events(app: FastAPI) -> dict[str, Any]:
    """/openapi.json, with a schema component per event type (`events.types`).

    The stream's frames are not request or response bodies, so FastAPI would not list
    them; `x-event-types` on `GET /api/v1/events` maps each SSE event name to its model.
    """
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    _, defs = models_json_schema(
        [(m, "serialization") for m in EVENT_MODELS.values()],
        ref_template="#/components/schemas/{model}",
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in defs.get("$defs", {}).items():
        components.setdefault(name, definition)
    _mark_if_match_required(schema)
    stream = schema["paths"]["/api/v1/events"]["get"]
    stream["x-event-types"] = {
        t: {"$ref": f"#/components/schemas/{m.__name__}"} for t, m in EVENT_MODELS.items()
    }
    app.openapi_schema = schema
    return schema
