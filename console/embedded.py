"""The embedded demo platform: the reference server in-process on 127.0.0.1.

With no server configured the console runs ``platform_server`` itself, over a SQLite
file under the user data dir, seeds the fictional demo city on first run and starts
the citizen simulator on a thread so the queue moves and silent reports arrive.
``start()`` blocks (seeding can take a while): call it from a worker, never the GUI
thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The platform (FastAPI, SQLAlchemy, uvicorn: ~1.5 s and ~80 MB to import) is
    # loaded only when the demo platform actually starts, never with --server.
    from platform_server.embedded import EmbeddedServer

log = logging.getLogger(__name__)

DEMO_POSTS = 20_000
DEMO_DAYS = 90  # the demo city's history reaches this far back


class EmbeddedPlatform:
    """Owns the in-process server and the simulator thread.

    Attributes:
        db_path: the platform's SQLite file (``<data_dir>/platform/platform.sqlite3``).
        url: base URL once started, e.g. ``http://127.0.0.1:49321``.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        posts: int = DEMO_POSTS,
        days: int = DEMO_DAYS,
        simulate: bool = True,
        rate_per_minute: float = 4.0,
        silent_share: float = 0.03,
        escalation_seconds: float | None = None,
    ) -> None:
        self.db_path = data_dir / "platform" / "platform.sqlite3"
        self.posts = posts
        self.days = days
        self.simulate = simulate
        self.rate_per_minute = rate_per_minute
        self.silent_share = silent_share
        self.escalation_seconds = escalation_seconds
        self.url = ""
        self._server: EmbeddedServer | None = None
        self._stop = threading.Event()
        self._simulator: threading.Thread | None = None

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> str:
        """Seeds when needed, starts the server (and simulator); returns the base URL."""
        from platform_server.demo.seed import ensure_demo_city

        if self._server is not None:
            return self.url
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        ensure_demo_city(self.db_url, posts=self.posts, days=self.days)
        from platform_server.config import ServerSettings
        from platform_server.embedded import EmbeddedServer

        # The console's objects share this process: nothing of theirs is frozen.
        settings = ServerSettings(db_url=self.db_url, demo=True, freeze_gc=False)
        if self.escalation_seconds is not None:
            settings.escalation_seconds = self.escalation_seconds
        self._server = EmbeddedServer(settings).start()
        self.url = self._server.url
        if self.simulate:
            self._stop.clear()
            self._simulator = threading.Thread(
                target=self._run_simulator, name="citizen-simulator", daemon=True
            )
            self._simulator.start()
        log.info("embedded demo platform at %s (db %s)", self.url, self.db_path)
        return self.url

    def _run_simulator(self) -> None:
        from platform_server.demo.simulate import run_simulator

        try:
            run_simulator(
                self.url,
                rate_per_minute=self.rate_per_minute,
                silent_share=self.silent_share,
                stop_event=self._stop,
            )
        except Exception:
            # The demo keeps working without live citizens; the log says why.
            log.exception("citizen simulator stopped")

    def stop(self) -> None:
        self._stop.set()
        if self._simulator is not None:
            self._simulator.join(timeout=5)
            self._simulator = None
        if self._server is not None:
            self._server.stop()
            self._server = None
