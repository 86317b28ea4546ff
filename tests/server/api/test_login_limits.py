"""Sign-in under attack, over HTTP: slowed, never locked out; and whose address counts.

Client addresses are simulated with X-Forwarded-For on a platform that trusts the
loopback proxy (`trusted_proxies`), which is itself under test here: without that
setting the header is ignored and the real peer is what counts and what is audited.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from platform_server.demo.reference_data import DEMO_PASSWORD
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform

pytestmark = [
    pytest.mark.integration,
    pytest.mark.expected_log(r"platform_server\.domain\.accounts: login rate-limited"),
]

LIMITS = {
    "login_pair_free_failures": 3,
    "login_pair_max_delay_seconds": 30.0,
    "login_badge_free_failures": 5,
    "login_badge_max_delay_seconds": 60.0,
    "login_address_free_failures": 12,
    "login_address_max_delay_seconds": 30.0,
}


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[RunningPlatform]:
    """A platform behind a (loopback) proxy it trusts, with small limits."""
    p = RunningPlatform.start(
        tmp_path / "platform.sqlite3", trusted_proxies=("127.0.0.1",), **LIMITS
    )
    yield p
    p.stop()


def _login(api: Api, badge: str, password: str, address: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    body = {"badge": badge, "password": password, "workstation": "ws"}
    return api.post("/auth/login", body, headers=headers)


def _guess_until_refused(api: Api, badge: str, address: str, tries: int = 12) -> requests.Response:
    for _ in range(tries):
        r = _login(api, badge, "wrong-guess", address)
        if r.status_code == 429:
            return r
        assert r.status_code == 401, r.text
    pytest.fail(f"{tries} wrong passwords for {badge} from {address} were never slowed down")


def test_a_guessed_badge_is_slowed_with_retry_after_in_chinese(
    behind_proxy: RunningPlatform,
) -> None:
    api = behind_proxy.api()
    r = _guess_until_refused(api, "010003", "198.51.100.7")
    assert r.json()["error"]["code"] == "rate_limited"
    retry_after = int(r.headers["Retry-After"])
    assert 1 <= retry_after <= 30, "a wait of seconds, not a lock-out"
    assert f"{retry_after} 秒" in r.json()["error"]["message"]
    # A refused attempt is not even checked: the right password is refused too ...
    assert _login(api, "010003", DEMO_PASSWORD, "198.51.100.7").status_code == 429
    # ... and costs the attacker's badge count nothing more (no new audit entry).
    failed = dbutil.scalar(
        behind_proxy,
        "SELECT count(*) FROM audit WHERE action = 'login.failed' AND badge = '010003'",
    )
    assert failed == 4, "three free failures, one that started the wait"


def test_the_owner_at_their_usual_place_signs_in_while_the_badge_is_attacked(
    behind_proxy: RunningPlatform,
) -> None:
    api = behind_proxy.api()
    assert _login(api, "010001", DEMO_PASSWORD, "10.0.0.5").status_code == 200  # this morning
    # Someone guesses 010001's password from many addresses.
    for i in range(8):
        r = _login(api, "010001", "wrong-guess", f"198.51.100.{i}")
        assert r.status_code in (401, 429)
    assert _login(api, "010001", DEMO_PASSWORD, "198.51.100.99").status_code == 429, (
        "a new place is slowed while the badge is under attack"
    )
    r = _login(api, "010001", DEMO_PASSWORD, "10.0.0.5")
    assert r.status_code == 200, "the officer's own console is not held up"


def test_a_command_centre_behind_one_address_is_not_stopped_by_typos(
    behind_proxy: RunningPlatform,
) -> None:
    api = behind_proxy.api()
    nat = "10.20.0.1"
    assert _login(api, "010002", DEMO_PASSWORD, nat).status_code == 200
    for badge in ("010001", "010003", "010004", "010900", "010999"):  # one typo each
        assert _login(api, badge, "typo", nat).status_code == 401
    for badge in ("010001", "010003", "010004", "010900", "010999"):
        assert _login(api, badge, DEMO_PASSWORD, nat).status_code == 200, badge


def test_a_success_resets_the_badge_count(behind_proxy: RunningPlatform) -> None:
    api = behind_proxy.api()
    for _ in range(3):
        assert _login(api, "010004", "typo", "10.0.0.8").status_code == 401
    assert _login(api, "010004", DEMO_PASSWORD, "10.0.0.8").status_code == 200
    for _ in range(3):
        assert _login(api, "010004", "typo", "10.0.0.8").status_code == 401, (
            "three free failures again after a success"
        )


def test_forwarded_for_is_believed_from_a_trusted_proxy(behind_proxy: RunningPlatform) -> None:
    api = behind_proxy.api()
    assert _login(api, "777777", "x", "203.0.113.9").status_code == 401
    rows = dbutil.rows(behind_proxy, "SELECT address FROM audit WHERE badge = '777777'")
    assert rows == [("203.0.113.9",)]


def test_forwarded_for_is_ignored_without_a_trusted_proxy(fresh_platform: RunningPlatform) -> None:
    """The default: nobody's forwarded headers count. A local client cannot dodge the
    per-address count nor write invented addresses into the audit log."""
    api = fresh_platform.api()
    statuses = [
        _login(api, "010003", "wrong-guess", f"203.0.113.{i}").status_code for i in range(7)
    ]
    assert 429 in statuses, "a new X-Forwarded-For per guess did not make a new address"
    addresses = {a for (a,) in dbutil.rows(fresh_platform, "SELECT address FROM audit")}
    assert addresses == {"127.0.0.1"}
