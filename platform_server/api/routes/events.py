"""`GET /api/v1/events`: the live event stream (Server-Sent Events).

Wire format per event: `id: <seq>`, `event: <type>`, `data: <json>`. The first frame
is `event: stream.ready` carrying the seq the stream starts after (and `retry:`), so
a client that reconnects before any event arrived still resumes from the right
place. A `: ping` comment follows every `settings.ping_seconds`; each ping also
re-checks the token, and an expired or revoked token (or a changed role or unit)
ends the stream with `event: stream.closed`.

The token is taken from the `Authorization` header only. Browser `EventSource`
cannot set headers, but a token in the query string ends up in proxy and access
logs, so `?access_token=` is deliberately not accepted.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, format_sse_event
from starlette.types import Message, Receive, Scope, Send

from platform_server import schemas
from platform_server.api.connection import abort
from platform_server.api.deps import Ctx, CurrentViewer
from platform_server.errors import ApiError
from platform_server.events.hub import Heartbeat, Reset, StreamEvent
from platform_server.schemas import MAX_DB_INT

log = logging.getLogger(__name__)

router = APIRouter(tags=["events"])

RETRY_MS = 3000  # how long EventSource clients wait before reconnecting
PING = b": ping\n\n"


class _StoppedReadingError(Exception):
    """A write did not complete within the write timeout."""


class TimedEventStream(EventSourceResponse):
    """An event stream whose every write must complete within `write_timeout` seconds.

    A write blocks only when the client's socket buffers are full, i.e. it stopped
    reading; then the connection is aborted (not closed: a close would wait for the
    client to read what is buffered) and the subscription ends.
    """

    def __init__(self, content: AsyncIterator[bytes], *, write_timeout: float, **kw: Any) -> None:
        super().__init__(content, **kw)
        self.write_timeout = write_timeout
        self._scope: Scope = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._scope = scope
        await super().__call__(scope, receive, send)

    async def stream_response(self, send: Send) -> None:
        async def timed(message: Message) -> None:
            try:
                await asyncio.wait_for(send(message), self.write_timeout)
            except TimeoutError:
                raise _StoppedReadingError from None

        try:
            await super().stream_response(timed)
        except _StoppedReadingError:
            client = self._scope.get("client")
            log.info(
                "event stream to %s took no data for %g s: dropped (it resumes with Last-Event-ID)",
                client[0] if client else "?",
                self.write_timeout,
            )
            abort(self._scope)
        finally:
            # End the subscription now (not at garbage collection), even when this
            # task is being cancelled because the client went away.
            close = getattr(self.body_iterator, "aclose", None)
            if close is not None:
                with anyio.CancelScope(shield=True):
                    await close()


def _frame(
    event: str, data: dict[str, Any], id_: int | None = None, retry: int | None = None
) -> bytes:
    return format_sse_event(
        data_str=json.dumps(data, ensure_ascii=False),
        event=event,
        id=None if id_ is None else str(id_),
        retry=retry,
    )


def _resume_point(last_event_id: str | None, after: int | None) -> int | None:
    if last_event_id is not None and last_event_id.strip():
        raw = last_event_id.strip()
        if not raw.isascii() or not raw.isdigit() or len(raw) > 20 or int(raw) > MAX_DB_INT:
            raise ApiError(422, "bad_last_event_id", "Last-Event-ID 必须是事件序号（非负整数）。")
        return int(raw)
    return after


@router.get(
    "/events",
    summary="Live event stream (Server-Sent Events)",
    # Not EventSourceResponse here: FastAPI would then treat the route as a generator
    # endpoint; the stream is returned explicitly instead.
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "text/event-stream: `id: <seq>`, `event: <type>`, `data: <json>`; "
            "`: ping` every few seconds; `event: reset` when the client is too far behind.",
            "content": {"text/event-stream": {}},
        },
        401: {"model": schemas.ErrorOut},
        422: {"model": schemas.ErrorOut},
    },
)
async def events(
    request: Request,
    viewer: CurrentViewer,
    ctx: Ctx,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    after: Annotated[
        int | None, Query(ge=0, le=MAX_DB_INT, description="resume after this seq")
    ] = None,
) -> EventSourceResponse:
    start = _resume_point(last_event_id, after)
    # The dependency already validated this header; keep the token to re-check it.
    token = request.headers["authorization"].partition(" ")[2].strip()
    hub = ctx.hub
    ping_seconds = max(0.05, min(ctx.settings.ping_seconds, 5.0))

    async def stream() -> AsyncIterator[bytes]:
        cursor = hub.last_seq if start is None else start
        ready = {"after": cursor, "ping_seconds": ping_seconds}
        yield _frame("stream.ready", ready, cursor, RETRY_MS)
        # The token is re-checked with every other open stream's (`api.stream_guard`).
        watch = ctx.guard.watch(token, viewer)
        try:
            async for item in hub.subscribe(viewer, cursor, heartbeat=ping_seconds):
                if isinstance(item, StreamEvent):
                    yield item.wire
                elif isinstance(item, Heartbeat):
                    if (problem := watch.problem) is not None:
                        closed = {"reason": problem.code, "message": problem.message}
                        yield _frame("stream.closed", closed)
                        return
                    yield PING
                elif isinstance(item, Reset):
                    reset = {
                        "reason": item.reason,
                        "oldest_seq": item.oldest_seq,
                        "current_seq": item.current_seq,
                        "message": "事件记录已无法从您上次的位置续传，请重新同步列表。",
                    }
                    yield _frame("reset", reset)
                    return
        finally:
            ctx.guard.release(watch)

    return TimedEventStream(
        stream(),
        write_timeout=max(0.05, ctx.settings.stream_write_timeout_seconds),
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
