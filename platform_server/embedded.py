"""Run the platform in-process on 127.0.0.1 (the console's embedded default, and tests)."""

from __future__ import annotations

import logging
import socket
import threading
import time

import uvicorn

from platform_server.api.app import create_app
from platform_server.config import ServerSettings

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class PlatformServer(uvicorn.Server):
    """uvicorn's server, ending open event streams first when it shuts down.

    A graceful shutdown waits for every open connection to finish, and an event
    stream never finishes on its own.
    """

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        ctx = getattr(getattr(self.config.app, "state", None), "ctx", None)
        if ctx is not None:
            ctx.hub.close_streams()
        await super().shutdown(sockets)


class EmbeddedServer:
    """A uvicorn server on a background thread; `start()` returns once it accepts requests.

    Attributes:
        url: base URL, e.g. ``http://127.0.0.1:54321``.
    """

    def __init__(
        self, settings: ServerSettings, host: str = "127.0.0.1", port: int | None = None
    ) -> None:
        self.settings = settings
        self.host = host
        self.port = port or free_port(host)
        self.url = f"http://{host}:{self.port}"
        self.app = create_app(settings)
        config = uvicorn.Config(
            self.app,
            host=host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
            # Forwarded headers are the app's decision (settings.trusted_proxies).
            proxy_headers=False,
        )
        self._server = PlatformServer(config)
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 30.0) -> EmbeddedServer:
        self._thread = threading.Thread(
            target=self._server.run, name="platform-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("platform server failed to start")
            if time.monotonic() > deadline:
                raise TimeoutError("platform server did not start in time")
            time.sleep(0.02)
        log.info("embedded platform listening on %s", self.url)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
