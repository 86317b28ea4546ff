"""Live simulated citizens: posts, silent reports with photos or voice, and ratings.

Uses the public API only (`/api/v1/public/...`), exactly as the messaging app would:
citizen sessions, posts at a Poisson rate with occasional bursts, silent reports
with location and attachments, and ratings of its own posts once they are resolved.
Every creating request carries an Idempotency-Key that is kept across retries, so a
retry after a lost answer never doubles a post. The simulator survives the server
being away (it waits, retries and logs) and never raises out of `run`.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import requests

from platform_server.demo import text
from platform_server.demo.corpus import BOARD_WEIGHTS
from platform_server.demo.media import make_png, make_wav

log = logging.getLogger(__name__)

POST_BOARDS = {code: w for code, w in BOARD_WEIGHTS.items() if code != "silent"}
LOCATION_P = {"110": 0.45, "public-order": 0.35, "traffic": 0.15}
RATING_CHECK_SECONDS = 15.0
MAX_WATCHED = 500
MAX_BACKOFF = 10.0


# ---------------------------------------------------------------- media
@dataclass
class SimulatorStats:
    posts: int = 0
    silent_reports: int = 0
    attachments: int = 0
    ratings: int = 0
    sessions: int = 0
    failures: int = 0
    # The newest ids created (bounded: the console runs the simulator for days).
    post_ids: deque[int] = field(default_factory=lambda: deque(maxlen=10_000))

    def __str__(self) -> str:
        return (
            f"simulated citizens: {self.posts} posts, {self.silent_reports} silent reports, "
            f"{self.attachments} attachments, {self.ratings} ratings, "
            f"{self.sessions} sessions, {self.failures} failed requests"
        )


@dataclass
class SimCitizen:
    """One simulated messaging-app identity; the token is fetched on first use."""

    nickname: str
    phone: str | None
    token: str = ""


class _StopRequestedError(Exception):
    """The run is over (stop event or duration) while a request was waiting to retry."""


class CitizenSimulator:
    """Posts as a crowd of citizens through the public API until told to stop.

    Attributes:
        stats: running totals (read them from another thread freely; ints only).
    """

    def __init__(
        self,
        url: str,
        *,
        rate_per_minute: float = 6.0,
        silent_share: float = 0.05,
        seed: int | None = None,
        stop_event: threading.Event | None = None,
        pool_size: int = 40,
        timeout: float = 10.0,
    ) -> None:
        self.base = url.rstrip("/") + "/api/v1/public"
        self.rate = max(rate_per_minute, 0.01) / 60.0
        self.silent_share = min(max(silent_share, 0.0), 1.0)
        self.rng = random.Random(seed)
        self.stop_event = stop_event or threading.Event()
        self.pool_size = pool_size
        self.timeout = timeout
        self.http = requests.Session()
        self.citizens: list[SimCitizen] = []
        self.watched: dict[int, SimCitizen] = {}
        self.stats = SimulatorStats()
        self._burst_left = 0
        self._end: float | None = None
        self._down_since: float | None = None
        self._boards = list(POST_BOARDS)
        self._board_weights = list(POST_BOARDS.values())

    # -- the loop
    def run(self, duration: float | None = None) -> SimulatorStats:
        self._end = None if duration is None else time.monotonic() + duration
        next_check = time.monotonic() + RATING_CHECK_SECONDS
        try:
            while not self._sleep(self._next_gap()):
                try:
                    self._act()
                    if time.monotonic() >= next_check:
                        next_check = time.monotonic() + RATING_CHECK_SECONDS
                        self.rate_resolved()
                except _StopRequestedError:
                    break
                except Exception:
                    # The simulator is a background helper: log and carry on, never die.
                    log.exception("citizen simulator step failed")
                    self.stats.failures += 1
        except KeyboardInterrupt:
            pass
        finally:
            self.http.close()
        log.info("%s", self.stats)
        return self.stats

    def _next_gap(self) -> float:
        if self._burst_left == 0 and self.rng.random() < 0.02:
            self._burst_left = self.rng.randint(5, 15)  # something happened: many write at once
        rate = self.rate * (6.0 if self._burst_left else 1.0)
        return self.rng.expovariate(rate)

    def _stopping(self) -> bool:
        return self.stop_event.is_set() or (self._end is not None and time.monotonic() >= self._end)

    def _sleep(self, seconds: float) -> bool:
        """Wait up to `seconds`; True when the run should end instead."""
        if self._end is not None:
            seconds = min(seconds, max(0.0, self._end - time.monotonic()))
        return self.stop_event.wait(seconds) or self._stopping()

    def _act(self) -> None:
        citizen = self.pick_citizen()
        if self.rng.random() < self.silent_share:
            self.silent_report(citizen)
        else:
            self.post(citizen)

    # -- citizen actions
    def pick_citizen(self) -> SimCitizen:
        """A citizen of the crowd: sometimes a newcomer, mostly someone who posted before."""
        if len(self.citizens) < self.pool_size and (not self.citizens or self.rng.random() < 0.4):
            nick = text.nickname(self.rng)
            citizen = SimCitizen(nick, None if nick == "匿名用户" else text.phone(self.rng))
            self.citizens.append(citizen)
            return citizen
        return self.rng.choice(self.citizens)

    def post(self, citizen: SimCitizen) -> int | None:
        if self._burst_left:
            self._burst_left -= 1
            pt = text.compose_burst_post(self.rng, 0)
            board = "traffic"
        else:
            board = self.rng.choices(self._boards, self._board_weights)[0]
            pt = text.compose_post(board, self.rng)
        located = self.rng.random() < LOCATION_P.get(board, 0.02)
        return self.submit(citizen, board, pt, located=located)

    def submit(
        self, citizen: SimCitizen, board: str, pt: text.PostText, *, located: bool
    ) -> int | None:
        """Post `pt` on `board` as `citizen` (near its station when `located`); its id."""
        payload: dict[str, Any] = {
            "board": board,
            "title": pt.title,
            "body": pt.body,
            "mentions": pt.mentions,
        }
        if located:
            payload["location"] = self._location(pt.station)
        r = self._call("POST", "/posts", citizen, json=payload)
        if r is None or r.status_code != 201:
            return None
        post_id = int(r.json()["id"])
        self.stats.posts += 1
        self.stats.post_ids.append(post_id)
        self._watch(post_id, citizen)
        return post_id

    def silent_report(self, citizen: SimCitizen) -> int | None:
        pt = text.compose_silent(self.rng)
        payload = {
            "body": pt.body,
            "location": self._location(pt.station),
            "suppress_receipt": self.rng.random() < 0.3,
        }
        r = self._call("POST", "/silent-reports", citizen, json=payload)
        if r is None or r.status_code != 201:
            return None
        post_id = int(r.json()["id"])
        self.stats.silent_reports += 1
        self.stats.post_ids.append(post_id)
        self._watch(post_id, citizen)
        roll = self.rng.random()
        if roll < 0.5:
            self.attach(citizen, post_id, "photo.png", make_png(self.rng), "image/png")
        elif roll < 0.8:
            self.attach(citizen, post_id, "voice.wav", make_wav(self.rng), "audio/wav")
        return post_id

    def attach(
        self, citizen: SimCitizen, post_id: int, filename: str, data: bytes, content_type: str
    ) -> bool:
        r = self._call(
            "POST",
            f"/posts/{post_id}/attachments",
            citizen,
            files={"file": (filename, data, content_type)},
        )
        if r is not None and r.status_code == 201:
            self.stats.attachments += 1
            return True
        return False

    def rate_resolved(self, limit: int = 20) -> None:
        """Look at a few of our own posts; rate those that were resolved."""
        for post_id, citizen in list(self.watched.items())[:limit]:
            r = self._call("GET", f"/posts/{post_id}", citizen, idempotent=False)
            if r is None:
                return
            if r.status_code == 404:
                self.watched.pop(post_id, None)
                continue
            if r.status_code != 200:
                continue
            data = r.json()
            if data.get("rating") is not None:
                self.watched.pop(post_id, None)
            elif data.get("status") in ("resolved", "archived"):
                score = self.rng.choice([5] * 6 + [4] * 3 + [3, 2, 1])
                rr = self._call(
                    "POST",
                    f"/posts/{post_id}/rating",
                    citizen,
                    json={"score": score, "comment": text.rating_comment(score, self.rng)},
                )
                if rr is not None and rr.status_code in (201, 409):
                    self.stats.ratings += rr.status_code == 201
                    self.watched.pop(post_id, None)
            else:
                # Not done yet: move it to the back so every post gets looked at in turn.
                self.watched[post_id] = self.watched.pop(post_id)

    def _watch(self, post_id: int, citizen: SimCitizen) -> None:
        self.watched[post_id] = citizen
        while len(self.watched) > MAX_WATCHED:
            self.watched.pop(next(iter(self.watched)))

    def _location(self, station: str) -> dict[str, Any]:
        lat, lon, accuracy, address = text.location(self.rng, station)
        return {"lat": lat, "lon": lon, "accuracy_m": accuracy, "address": address}

    # -- HTTP with retries
    def _session(self, citizen: SimCitizen) -> None:
        r = self._send(
            "POST",
            "/session",
            None,
            {"json": {"nickname": citizen.nickname, "phone": citizen.phone}},
        )
        if r.status_code != 200:
            raise RuntimeError(f"session refused: {r.status_code} {r.text[:200]}")
        citizen.token = r.json()["token"]
        self.stats.sessions += 1

    def _call(
        self, method: str, path: str, citizen: SimCitizen, *, idempotent: bool = True, **kwargs: Any
    ) -> requests.Response | None:
        """One request with retries; None when it finally failed (already logged)."""
        key = uuid.uuid4().hex if idempotent else None
        delay = 0.5
        for attempt in range(8):
            try:
                if not citizen.token:
                    self._session(citizen)
                r = self._send(method, path, citizen, kwargs, key)
                if r.status_code == 401 and attempt == 0:
                    citizen.token = ""  # expired or server reset: open a new session
                    continue
                if r.status_code == 429 or r.status_code >= 500:
                    raise _RetryableError(f"HTTP {r.status_code}", _retry_after(r))
                self._up()
                if r.status_code >= 400:
                    log.warning("simulator %s %s: %s %s", method, path, r.status_code, r.text[:300])
                    self.stats.failures += 1
                return r
            except (
                requests.ConnectionError,
                requests.Timeout,
                _RetryableError,
                RuntimeError,
            ) as exc:
                self._down(exc)
                wait = exc.after if isinstance(exc, _RetryableError) and exc.after else delay
                if self._sleep(wait):
                    raise _StopRequestedError from exc
                delay = min(delay * 2, MAX_BACKOFF)
        log.warning("simulator gave up on %s %s after repeated failures", method, path)
        self.stats.failures += 1
        return None

    def _send(
        self,
        method: str,
        path: str,
        citizen: SimCitizen | None,
        kwargs: dict[str, Any],
        key: str | None = None,
    ) -> requests.Response:
        headers = {}
        if citizen is not None:
            headers["Authorization"] = f"Bearer {citizen.token}"
        if key is not None:
            headers["Idempotency-Key"] = key
        return self.http.request(
            method, self.base + path, headers=headers, timeout=self.timeout, **kwargs
        )

    def _down(self, exc: Exception) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning("simulator: platform not answering (%s); retrying", exc)

    def _up(self) -> None:
        if self._down_since is not None:
            log.info("simulator: platform back after %.1f s", time.monotonic() - self._down_since)
            self._down_since = None


class _RetryableError(Exception):
    def __init__(self, message: str, after: float | None) -> None:
        super().__init__(message)
        self.after = after


def _retry_after(r: requests.Response) -> float | None:
    try:
        return min(float(r.headers.get("Retry-After", "")), 30.0)
    except ValueError:
        return None


def run_simulator(
    url: str,
    rate_per_minute: float = 6.0,
    silent_share: float = 0.05,
    duration: float | None = None,
    seed: int | None = None,
    *,
    stop_event: threading.Event | None = None,
) -> SimulatorStats:
    """Simulate citizens against the platform at `url` until `duration` or `stop_event`."""
    sim = CitizenSimulator(
        url,
        rate_per_minute=rate_per_minute,
        silent_share=silent_share,
        seed=seed,
        stop_event=stop_event,
    )
    return sim.run(duration)
