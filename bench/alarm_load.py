"""The load of the alarm benchmark: a citizen sending silent reports, a second officer
acknowledging them (`bench/bench_alarm.py`)."""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
import uuid
from typing import Any

import requests

from bench.common import API, DEMO_PASSWORD, bearer, now_s
from console.api.client import PlatformClient
from console.api.errors import ApiError, ConflictError, StaleError
from platform_server.demo import text as demo_text

log = logging.getLogger("bench_alarm")


class Citizen:
    """One citizen's phone: silent reports, each retried with its own Idempotency-Key."""

    def __init__(self, base: str, rng: random.Random) -> None:
        self.base = base
        self.rng = rng
        self.http = requests.Session()
        self.token = ""

    def _session(self) -> None:
        r = self.http.post(
            self.base + API + "/public/session",
            json={"nickname": "不便说话的市民", "phone": "13900002222"},
            timeout=5,
        )
        r.raise_for_status()
        self.token = str(r.json()["token"])

    def report(self, deadline: float) -> tuple[int, float, float, int]:
        """(post id, sent at, 201 arrived at, attempts); retries until the deadline."""
        station = self.rng.choice(demo_text.STATION_CODES)
        pt = demo_text.compose_silent(self.rng, station)
        lat, lon, acc, address = demo_text.location(self.rng, station)
        payload: dict[str, Any] = {
            "body": pt.body,
            "location": {"lat": lat, "lon": lon, "accuracy_m": acc, "address": address},
            "suppress_receipt": self.rng.random() < 0.3,
        }
        key = uuid.uuid4().hex
        attempts = 0
        while True:
            attempts += 1
            try:
                if not self.token:
                    self._session()
                t_send = now_s()
                r = self.http.post(
                    self.base + API + "/public/silent-reports",
                    json=payload,
                    headers={**bearer(self.token), "Idempotency-Key": key},
                    timeout=5,
                )
                t_back = now_s()
                if r.status_code == 201:
                    return int(r.json()["id"]), t_send, t_back, attempts
                if r.status_code == 401:
                    self.token = ""
                elif r.status_code < 500:
                    raise RuntimeError(f"silent report refused: {r.status_code} {r.text[:200]}")
            except requests.RequestException:
                pass  # the platform is down: try again with the same key
            if now_s() > deadline:
                raise TimeoutError("the platform did not take the report in time")
            time.sleep(0.1)


class Acker(threading.Thread):
    """A second duty officer acknowledging each report a moment after it alarmed."""

    def __init__(self, base: str, jobs: queue.Queue[tuple[int, float]], rng: random.Random) -> None:
        super().__init__(name="acker", daemon=True)
        self.client = PlatformClient(base, workstation="bench-acker", timeout=5)
        self.jobs = jobs
        self.rng = rng
        self.stop = threading.Event()
        self.acknowledged = 0
        self.already = 0
        self.gave_up: list[int] = []

    def login(self) -> None:
        self.client.login("010002", DEMO_PASSWORD, "bench-acker")

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                pid, alarmed_at = self.jobs.get(timeout=0.2)
            except queue.Empty:
                continue
            wait = alarmed_at + self.rng.uniform(0.5, 2.0) - now_s()
            if wait > 0:
                time.sleep(wait)
            self.acknowledge(pid)

    def acknowledge(self, pid: int, patience: float = 30.0) -> None:
        deadline = now_s() + patience
        while now_s() < deadline and not self.stop.is_set():
            try:
                post = self.client.get_post(pid)
                if post.acknowledged_at is not None:
                    self.already += 1
                    return
                self.client.acknowledge(pid, post.version)
                self.acknowledged += 1
                return
            except ConflictError:
                self.already += 1
                return
            except StaleError:
                continue
            except ApiError as exc:
                log.info("acknowledge %s: %r; retrying", pid, exc)
            time.sleep(0.2)
        self.gave_up.append(pid)
