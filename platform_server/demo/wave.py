"""A staged wave (预警研判 demo): many citizens of one district posting the same trouble in
a few minutes — radiators cold across 西关's estates — through the public API, as the
simulator does (`demo.simulate.CitizenSimulator`), so the platform's hotspot watch
(`geo.hotspots`) has something to find. ``platform-server wave``; `bench/bench_hotspots.py`
times how soon it is reported.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from platform_server.demo import text
from platform_server.demo.simulate import CitizenSimulator
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)

# kind → (board, the corpus route of its posts)
WAVES: dict[str, tuple[str, str]] = {
    "heating": ("12345", "gov-heat"),  # 暖气不热
    "water": ("12345", "gov-water"),  # 停水、水发黄
}


@dataclass(frozen=True)
class WavePost:
    post_id: int
    at: datetime  # when the platform answered (naive UTC)


def stage_wave(
    url: str,
    *,
    kind: str = "heating",
    station: str = "st-xiguan",
    posts: int = 12,
    minutes: float = 5.0,
    seed: int | None = None,
    stop_event: threading.Event | None = None,
) -> list[WavePost]:
    """Post `posts` alike posts of `kind`, located in `station`'s district, evenly over
    `minutes`; the posts made (fewer if stopped or refused)."""
    if kind not in WAVES:
        raise ValueError(f"unknown wave {kind!r}; one of {', '.join(sorted(WAVES))}")
    if station not in text.STATIONS:
        raise ValueError(f"unknown station {station!r}; one of {', '.join(text.STATION_CODES)}")
    board, route = WAVES[kind]
    stop = stop_event or threading.Event()
    sim = CitizenSimulator(url, seed=seed, stop_event=stop, pool_size=max(posts, 1))
    gap = minutes * 60.0 / max(posts, 1)
    made: list[WavePost] = []
    try:
        for i in range(posts):
            if i and stop.wait(gap):
                break
            citizen = sim.pick_citizen()
            pt = text.compose_of_kind(board, route, sim.rng, station)
            pid = sim.submit(citizen, board, pt, located=True)
            if pid is not None:
                made.append(WavePost(pid, utcnow()))
    finally:
        sim.http.close()
    log.info("staged a %s wave in %s: %d posts in %.0f s", kind, station, len(made), minutes * 60)
    return made
