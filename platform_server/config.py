"""Server settings, declared once with their defaults and meaning."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_db_url() -> str:
    """SQLite file under the user data dir: the embedded default."""
    from platformdirs import user_data_dir

    base = Path(user_data_dir("duty-console", "DutyConsole")) / "platform"
    base.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{base / 'platform.sqlite3'}"


@dataclass
class ServerSettings:
    """Everything the platform server can be configured with.

    Attributes:
        db_url: SQLAlchemy URL; SQLite (WAL) by default, PostgreSQL in deployments.
        escalation_seconds: an unacknowledged silent report escalates after this long.
        token_ttl_hours: officer tokens expire after one shift.
        citizen_token_ttl_hours: citizen tokens (simulated messaging-app identity).
        event_retention: how many of the newest events are kept for replay; a client
            asking to resume from before that window gets ``event: reset``.
        ping_seconds: SSE keep-alive comment interval (API.md: at most 5 s).
        login_max_failures / login_window_seconds: login rate limit per badge and address.
        max_body_chars: longest post, reply or note body accepted.
        max_attachment_bytes: largest attachment accepted.
        demo: the server runs the seeded demo city (shown to clients in /api/v1/meta).
    """

    db_url: str = field(default_factory=lambda: os.environ.get("PLATFORM_DB_URL", ""))
    escalation_seconds: float = 15.0
    escalation_check_seconds: float = 1.0
    token_ttl_hours: float = 12.0
    citizen_token_ttl_hours: float = 24.0 * 30
    event_retention: int = 200_000
    ping_seconds: float = 5.0
    login_max_failures: int = 5
    login_window_seconds: float = 300.0
    max_title_chars: int = 100
    max_body_chars: int = 5000
    max_attachment_bytes: int = 8 * 1024 * 1024
    max_attachments_per_post: int = 9
    demo: bool = False

    def resolved_db_url(self) -> str:
        return self.db_url or default_db_url()
