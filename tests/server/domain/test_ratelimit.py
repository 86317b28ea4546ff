"""The sign-in limiter on its own, with a hand-driven clock: back-off, familiar places,
forgetting, and memory that stays bounded under a flood of random badges."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from platform_server.config import ServerSettings
from platform_server.domain.ratelimit import (
    Backoff,
    LimiterSettings,
    LoginLimiter,
    limiter_settings,
)

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _limiter(clock: Clock, **over: object) -> LoginLimiter:
    base = {
        "pair": Backoff(3, 8.0),
        "badge": Backoff(5, 60.0),
        "address": Backoff(20, 30.0),
        "forget_seconds": 600.0,
        "known_good_seconds": 86400.0,
        "max_tracked": 1000,
    }
    base.update(over)
    return LoginLimiter(LimiterSettings(**base), clock=clock)  # type: ignore[arg-type]


def _fail_until_slowed(lim: LoginLimiter, clock: Clock, badge: str, address: str) -> list[float]:
    """Wrong passwords as fast as the limiter allows; the waits it imposed, in order."""
    waits = []
    for _ in range(12):
        wait = lim.retry_after(badge, address)
        if wait > 0:
            waits.append(wait)
            clock.now += wait  # the guesser waits exactly as long as told
        lim.failed(badge, address)
    return waits


def test_a_badge_is_slowed_by_doubling_waits_up_to_the_cap() -> None:
    clock = Clock()
    lim = _limiter(clock, badge=Backoff(100, 60.0), address=Backoff(100, 30.0))
    for _ in range(3):
        assert lim.retry_after("010001", "10.0.0.9") == 0
        lim.failed("010001", "10.0.0.9")
    assert lim.retry_after("010001", "10.0.0.9") == 0, "three free failures"
    lim.failed("010001", "10.0.0.9")
    assert lim.retry_after("010001", "10.0.0.9") == pytest.approx(1.0)
    clock.now += 1.0
    waits = _fail_until_slowed(lim, clock, "010001", "10.0.0.9")
    assert waits == [2.0, 4.0] + [8.0] * 9, "doubling, capped at the pair's 8 s"


def test_the_badge_from_anywhere_caps_at_its_own_maximum() -> None:
    clock = Clock()
    lim = _limiter(clock, pair=Backoff(100, 8.0))
    waits = []
    for i in range(14):  # every guess from a new address
        address = f"198.51.100.{i}"
        wait = lim.retry_after("010001", address)
        if wait:
            waits.append(wait)
            clock.now += wait
        lim.failed("010001", address)
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]


def test_the_owner_at_a_familiar_place_is_not_held_up_by_guessing_elsewhere() -> None:
    clock = Clock()
    lim = _limiter(clock)
    lim.succeeded("010001", "10.0.0.5")  # the officer's own console, earlier today
    for i in range(40):  # a distributed attack on the badge: many addresses
        lim.failed("010001", f"198.51.100.{i}")
    assert lim.retry_after("010001", "198.51.100.99") > 0, "a new place is slowed"
    assert lim.retry_after("010001", "10.0.0.5") == 0, "the familiar place is not"


def test_a_shared_address_has_a_much_higher_limit_and_familiar_pairs_skip_it() -> None:
    clock = Clock()
    lim = _limiter(clock)
    lim.succeeded("010002", "10.1.1.1")
    for i in range(19):  # nineteen typos by nineteen officers behind one NAT address
        lim.failed(f"0200{i:02d}", "10.1.1.1")
    assert lim.retry_after("010003", "10.1.1.1") == 0
    lim.failed("020099", "10.1.1.1")
    lim.failed("020098", "10.1.1.1")
    assert lim.retry_after("010003", "10.1.1.1") > 0, "past 20 the address is slowed"
    assert lim.retry_after("010002", "10.1.1.1") == 0, "an officer who signed in here is not"


def test_success_clears_the_badge_counts_but_not_the_address() -> None:
    clock = Clock()
    lim = _limiter(clock, address=Backoff(4, 30.0))
    for _ in range(3):
        lim.failed("010001", "10.0.0.7")
    lim.succeeded("010001", "10.0.0.7")
    lim.failed("010001", "10.0.0.7")
    assert lim.retry_after("010001", "10.0.0.7") == 0, "the count started again"
    lim.failed("010009", "10.0.0.7")
    assert lim.retry_after("010009", "10.0.0.7") > 0, "the address kept its five failures"


def test_counts_are_forgotten_after_the_quiet_time() -> None:
    clock = Clock()
    lim = _limiter(clock)
    for _ in range(5):
        lim.failed("010001", "10.0.0.9")
    assert lim.retry_after("010001", "10.0.0.9") > 0
    clock.now += 601
    assert lim.retry_after("010001", "10.0.0.9") == 0
    lim.failed("010001", "10.0.0.9")
    assert lim.retry_after("010001", "10.0.0.9") == 0, "one failure after forgetting is free"
    assert lim.tracked() == 3, "the stale entries were pruned on the way"


def test_lookups_make_no_entries() -> None:
    lim = _limiter(Clock())
    for i in range(1000):
        assert lim.retry_after(f"{i:06d}", f"10.2.{i // 250}.{i % 250}") == 0
    assert lim.tracked() == 0


def test_34100_random_badges_keep_memory_bounded() -> None:
    """The probe's flood: 34,100 random badges from random addresses, default settings."""
    settings = limiter_settings(ServerSettings())
    lim = LoginLimiter(settings)
    rng = random.Random(15)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(34_100):
            badge = f"{rng.randrange(10**6):06d}"
            address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"
            lim.failed(badge, address)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lim.tracked() <= 3 * settings.max_tracked
    grown_mib = (after - before) / 2**20
    assert grown_mib < 4, f"the limiter grew by {grown_mib:.1f} MiB"  # measured 2.4 MiB
