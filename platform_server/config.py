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
        login_*: the sign-in limiter (`domain.ratelimit`, README "Security"). Failures are
            counted per badge+address, per badge and per address; past each one's free
            failures every further failure doubles a wait (1 s, 2 s, 4 s ...) up to its
            max delay. A badge's own count is skipped from a place (address) where that
            badge signed in within `login_known_good_days`. Counts are forgotten
            `login_forget_seconds` after their last failure; at most `login_max_tracked`
            entries per table are kept.
        trusted_proxies: peer addresses (or networks) whose X-Forwarded-For and
            X-Forwarded-Proto are believed; by default none, so the audit log and the
            limiter see the real peer.
        docs: serve /docs (Swagger UI from the installed swagger-ui-bundle package,
            no outside request); off by default. /openapi.json is always served.
        stream_write_timeout_seconds: an event-stream client that takes no data for
            this long is dropped; it resumes with Last-Event-ID and loses nothing.
        event_ring_max_bytes: the hub's in-memory replay ring holds at most this many
            bytes of events (and at most `RING_SIZE` events); older ones come from the table.
        archive_after_days: resolved posts are archived this many days after resolution,
            checked every `archive_check_seconds`; 0 turns archiving off.
        sqlite_synchronous: NORMAL (default; WAL, fast) or FULL (every commit survives
            an OS crash or power loss; for a single-machine deployment).
        max_image_pixels: largest image (width x height) an upload may decode to.
        max_body_chars: longest post, reply or note body accepted.
        max_attachment_bytes: largest attachment accepted.
        demo: the server runs the seeded demo city (shown to clients in /api/v1/meta).
        freeze_gc: at start-up, put everything then alive out of the cyclic collector's
            reach (`gc.freeze`: its full passes had walked ~240,000 long-lived objects, a
            100 ms pause in whichever request they hit). Off when the server shares its
            process with the console (the embedded demo), whose objects must stay
            collectable.
        callback_rate: the share of resolved posts whose author is called back (回访),
            by default; `callback_board_rates` per board code (complaints: all of them).
            Which posts are drawn is decided by the post's id (`callback_sample_seed`), so
            the same post always gets the same answer.
        callback_due_hours: a callback should be made within this long of resolution.
        callback_max_unreachable: the unreachable attempt that ends a callback.
        notice_check_seconds: how often scheduled notices are checked for publication.
        geo_file: the city's geography (GeoJSON: station districts, roads, river, stations);
            empty means the demo city's (`platform_server/demo/linjiang.geojson`).
        sign_deadline_minutes: per board code, how long a receiving unit has to sign for
            a dispatched post (签收); boards not named get `sign_deadline_default_minutes`.
        dispatch_overdue_repeat_seconds: an unsigned overdue dispatch is announced again
            (`dispatch.overdue`) this long after the previous notice, until someone acts;
            checked every `dispatch_check_seconds`.
        hotspot_check_seconds: how often the platform looks for hotspots (spikes of
            similar posts, `geo.hotspots`); 0 turns it off.
        hotspot_window_minutes: the window whose posts are counted against the baseline.
        hotspot_min_count: the fewest alike posts that make a hotspot.
    """

    db_url: str = field(default_factory=lambda: os.environ.get("PLATFORM_DB_URL", ""))
    escalation_seconds: float = 15.0
    escalation_check_seconds: float = 1.0
    token_ttl_hours: float = 12.0
    citizen_token_ttl_hours: float = 24.0 * 30
    event_retention: int = 200_000
    ping_seconds: float = 5.0
    login_pair_free_failures: int = 5
    login_pair_max_delay_seconds: float = 60.0
    login_badge_free_failures: int = 10
    login_badge_max_delay_seconds: float = 300.0
    login_address_free_failures: int = 100
    login_address_max_delay_seconds: float = 60.0
    login_forget_seconds: float = 900.0
    login_known_good_days: float = 30.0
    login_max_tracked: int = 5_000
    trusted_proxies: tuple[str, ...] = ()
    docs: bool = False
    stream_write_timeout_seconds: float = 10.0
    event_ring_max_bytes: int = 16 * 1024 * 1024
    archive_after_days: float = 30.0
    archive_check_seconds: float = 3600.0
    sqlite_synchronous: str = "NORMAL"
    max_image_pixels: int = 40_000_000
    max_title_chars: int = 100
    max_body_chars: int = 5000
    max_attachment_bytes: int = 8 * 1024 * 1024
    max_attachments_per_post: int = 9
    demo: bool = False
    freeze_gc: bool = True
    callback_rate: float = 0.3
    callback_board_rates: dict[str, float] = field(default_factory=lambda: {"complaint": 1.0})
    callback_sample_seed: str = "callbacks"
    callback_due_hours: float = 72.0
    callback_max_unreachable: int = 3
    notice_check_seconds: float = 5.0
    geo_file: str = ""
    sign_deadline_minutes: dict[str, float] = field(default_factory=lambda: {"silent": 3.0})
    sign_deadline_default_minutes: float = 30.0
    dispatch_overdue_repeat_seconds: float = 300.0
    dispatch_check_seconds: float = 5.0
    hotspot_check_seconds: float = 30.0
    hotspot_window_minutes: float = 60.0
    hotspot_min_count: int = 5

    def sign_minutes(self, board_code: str) -> float:
        """The sign-for deadline of a dispatch on this board, in minutes."""
        return self.sign_deadline_minutes.get(board_code, self.sign_deadline_default_minutes)

    def resolved_db_url(self) -> str:
        return self.db_url or default_db_url()
