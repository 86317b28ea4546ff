"""The outermost layer of the app: who the peer is, and a way to drop its connection.

- Forwarded headers (`X-Forwarded-For`, `X-Forwarded-Proto`) are believed only from
  the configured proxies (`settings.trusted_proxies`, default none), through uvicorn's
  own `ProxyHeadersMiddleware`. The servers run with uvicorn's proxy handling off, so
  this is the only place that decides; without a trusted proxy the audit log and the
  sign-in limiter see the real peer.
- `abort(scope)` drops the client's connection at once, unsent data and all. A
  graceful close waits for the client to read what is buffered, which a client that
  stopped reading never does; the event stream uses this for such clients.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

log = logging.getLogger(__name__)

ABORT_KEY = "platform.abort_connection"


def abort(scope: Scope) -> bool:
    """Drop this request's connection now; False when the server offers no way to."""
    hook: Callable[[], None] | None = scope.get(ABORT_KEY)
    if hook is None:
        return False
    hook()
    return True


def _transport_abort(send: Send) -> Callable[[], None] | None:
    # uvicorn's `send` is a method of its request cycle, which holds the asyncio
    # transport; `abort()` closes the socket without waiting for buffered data.
    transport: Any = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None or not callable(getattr(transport, "abort", None)):
        return None
    abort_now: Callable[[], None] = transport.abort
    return abort_now


class ConnectionLayer:
    """ASGI wrapper around the whole app (outside Starlette's error middleware)."""

    def __init__(self, app: ASGIApp, trusted_proxies: Sequence[str]) -> None:
        inner: Any = app
        if trusted_proxies:
            inner = ProxyHeadersMiddleware(inner, trusted_hosts=list(trusted_proxies))
        self.app: ASGIApp = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            hook = _transport_abort(send)
            if hook is not None:
                scope[ABORT_KEY] = hook
        await self.app(scope, receive, send)
