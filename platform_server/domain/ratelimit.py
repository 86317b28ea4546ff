"""The sign-in limiter: slow a badge under attack down without locking its owner out.

Modelled on what trusted systems do (progressive back-off, "smart lockout" that
tells a familiar place from an unfamiliar one, NIST SP 800-63B §5.2.2):

- **badge + address**: after `pair.free` failures, every further failure makes the
  next attempt wait 1 s, 2 s, 4 s ... up to `pair.max_delay`. A waiting attempt is
  refused (429, Retry-After) without looking at the password, so it costs nothing
  and tells nothing.
- **badge, from anywhere**: the same, with its own numbers, so guessing one officer's
  password from many addresses is slowed too. It does not apply from a *known-good
  place*: an address the badge signed in from within `known_good_seconds`. The
  officer at their usual workstation is never held up by someone guessing elsewhere.
- **address**: a much higher free count, so a command centre whose consoles share one
  NAT address is not stopped by a few typos; known-good badge+address pairs skip it.

A success clears the badge's and the badge+address counts. The address count is not
cleared by a success: else one's own account could reset it between guesses.

Memory is bounded: entries are made on failures only (never on lookups), forgotten
`forget_seconds` after their last failure, and each table keeps at most
`max_tracked` entries (least recently failed dropped first).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from platform_server.config import ServerSettings


@dataclass(frozen=True)
class Backoff:
    """Free failures, then a doubling wait capped at `max_delay` seconds."""

    free: int
    max_delay: float

    def delay(self, failures: int) -> float:
        over = failures - self.free
        if over <= 0:
            return 0.0
        return float(min(self.max_delay, 2.0 ** min(over - 1, 30)))


class _Table:
    """One key kind's counts, `key -> (failures, time of the last failure)`.

    A plain dict kept in last-failure order (a failure re-inserts its key at the end),
    so the stale and the least recently failed entries are always at the front.
    """

    def __init__(self, backoff: Backoff, forget: float, cap: int) -> None:
        self.backoff = backoff
        self.forget = forget
        self.cap = max(1, cap)
        self.entries: dict[str, tuple[int, float]] = {}

    def prune(self, now: float) -> None:
        while self.entries:
            key = next(iter(self.entries))
            if self.entries[key][1] > now - self.forget and len(self.entries) <= self.cap:
                return
            del self.entries[key]

    def wait(self, key: str, now: float) -> float:
        entry = self.entries.get(key)
        if entry is None or entry[1] <= now - self.forget:
            return 0.0
        failures, last = entry
        return max(0.0, last + self.backoff.delay(failures) - now)

    def fail(self, key: str, now: float) -> bool:
        """Count a failure; True when this one started (or lengthened) a wait."""
        old = self.entries.pop(key, None)
        failures = 1 if old is None or old[1] <= now - self.forget else old[0] + 1
        self.entries[key] = (failures, now)
        self.prune(now)
        return self.backoff.delay(failures) > 0

    def clear(self, key: str) -> None:
        self.entries.pop(key, None)


@dataclass(frozen=True)
class LimiterSettings:
    pair: Backoff
    badge: Backoff
    address: Backoff
    forget_seconds: float
    known_good_seconds: float
    max_tracked: int


class LoginLimiter:
    """`retry_after(badge, address)` > 0 means refuse the attempt now (429).

    In-process state: with several server processes each limits on its own, which
    still bounds guessing at processes x the limits. Thread-safe.
    """

    def __init__(
        self, settings: LimiterSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self.clock = clock
        forget, cap = settings.forget_seconds, settings.max_tracked
        self.pairs = _Table(settings.pair, forget, cap)
        self.badges = _Table(settings.badge, forget, cap)
        self.addresses = _Table(settings.address, forget, cap)
        self.known_good: dict[str, float] = {}  # pair -> last success, oldest first
        self._lock = threading.Lock()

    @staticmethod
    def _pair(badge: str, address: str) -> str:
        return f"{address}\x00{badge}"

    def _familiar(self, pair: str, now: float) -> bool:
        seen = self.known_good.get(pair)
        return seen is not None and seen > now - self.settings.known_good_seconds

    def retry_after(self, badge: str, address: str) -> float:
        """Seconds until this badge may try again from this address (0: now)."""
        now = self.clock()
        pair = self._pair(badge, address)
        with self._lock:
            wait = self.pairs.wait(pair, now)
            if not self._familiar(pair, now):
                wait = max(wait, self.badges.wait(badge, now), self.addresses.wait(address, now))
        return wait

    def failed(self, badge: str, address: str) -> list[str]:
        """Count a wrong password; returns which limits began slowing down ("pair", ...)."""
        now = self.clock()
        pair = self._pair(badge, address)
        with self._lock:
            slowed = [
                name
                for name, table, key in (
                    ("pair", self.pairs, pair),
                    ("badge", self.badges, badge),
                    ("address", self.addresses, address),
                )
                if table.fail(key, now)
            ]
        return slowed

    def succeeded(self, badge: str, address: str) -> None:
        """A correct password: clear the badge's counts and remember the place."""
        now = self.clock()
        pair = self._pair(badge, address)
        with self._lock:
            self.pairs.clear(pair)
            self.badges.clear(badge)
            self.known_good.pop(pair, None)
            self.known_good[pair] = now
            while self.known_good:
                first_key, first_at = next(iter(self.known_good.items()))
                too_old = first_at <= now - self.settings.known_good_seconds
                if not too_old and len(self.known_good) <= self.settings.max_tracked:
                    break
                del self.known_good[first_key]

    def tracked(self) -> int:
        """How many entries the limiter holds in all (for tests and diagnostics)."""
        with self._lock:
            return sum(len(t.entries) for t in (self.pairs, self.badges, self.addresses)) + len(
                self.known_good
            )


def limiter_settings(s: ServerSettings) -> LimiterSettings:
    """The limiter's numbers from the server settings."""
    return LimiterSettings(
        pair=Backoff(s.login_pair_free_failures, s.login_pair_max_delay_seconds),
        badge=Backoff(s.login_badge_free_failures, s.login_badge_max_delay_seconds),
        address=Backoff(s.login_address_free_failures, s.login_address_max_delay_seconds),
        forget_seconds=s.login_forget_seconds,
        known_good_seconds=s.login_known_good_days * 86400.0,
        max_tracked=s.login_max_tracked,
    )
