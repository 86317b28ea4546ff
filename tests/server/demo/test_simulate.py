"""The citizen simulator against a real platform over loopback."""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path

import pytest

from platform_server.config import ServerSettings
from platform_server.demo.media import make_png, make_wav
from platform_server.demo.simulate import CitizenSimulator, run_simulator
from platform_server.domain.sniff import sniff
from platform_server.embedded import EmbeddedServer, free_port
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, new_reference_database
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration

CJK = re.compile(r"[\u4e00-\u9fff]")


def _details(admin: Api, ids: list[int]) -> list[dict]:
    out = []
    for post_id in ids:
        r = admin.get(f"/posts/{post_id}")
        assert r.status_code == 200, r.text
        out.append(r.json())
    return out


def test_generated_media_are_valid_files() -> None:
    import random

    png = make_png(random.Random(1))
    wav = make_wav(random.Random(1), 0.5)
    assert sniff(png[:64]) is not None and sniff(png[:64]).content_type == "image/png"  # type: ignore[union-attr]
    assert sniff(wav[:64]) is not None and sniff(wav[:64]).content_type == "audio/wav"  # type: ignore[union-attr]
    assert make_png(random.Random(1)) == png  # deterministic for a seed


def test_simulator_posts_chinese_posts_through_the_public_api(platform: RunningPlatform) -> None:
    stats = run_simulator(platform.url, rate_per_minute=900, silent_share=0.1, duration=3, seed=11)
    assert stats.posts >= 5
    assert stats.failures == 0
    assert len(set(stats.post_ids)) == len(stats.post_ids) == stats.posts + stats.silent_reports
    mine = _details(platform.officer("010999"), stats.post_ids)
    assert all(CJK.search(p["title"]) and CJK.search(p["body"]) for p in mine)
    assert len({p["board"] for p in mine}) >= 3
    assert len({p["author"]["nickname"] for p in mine}) >= 3


def test_silent_reports_carry_location_and_attachments(platform: RunningPlatform) -> None:
    stats = run_simulator(platform.url, rate_per_minute=600, silent_share=1.0, duration=3, seed=5)
    assert stats.silent_reports >= 2 and stats.posts == 0
    assert stats.attachments >= 1
    admin = platform.officer("010999")
    reports = _details(admin, stats.post_ids)
    assert all(r["kind"] == "silent_report" for r in reports)
    assert all(r["location"] and abs(r["location"]["lat"] - 30.6) < 0.15 for r in reports)
    with_files = [r for r in reports if r["attachment_count"]]
    assert len(with_files) == stats.attachments
    att = with_files[0]["attachments"][0]
    blob = admin.get(f"/attachments/{att['id']}")
    assert blob.status_code == 200
    assert blob.headers["content-type"].split(";")[0] in ("image/png", "audio/wav")
    assert len(blob.content) == att["size"] > 100


def test_simulator_rates_its_resolved_posts(platform: RunningPlatform) -> None:
    sim = CitizenSimulator(platform.url, seed=3)
    citizen = sim.pick_citizen()
    post_id = sim.post(citizen)
    assert post_id is not None
    sim.rate_resolved()  # not resolved yet: nothing to rate
    assert sim.stats.ratings == 0
    admin = platform.officer("010999")
    assert admin.act(post_id, "accept").status_code == 200
    r = admin.act(post_id, "close", {"resolution": "已处理完毕。"})
    assert r.status_code == 200, r.text
    sim.rate_resolved()
    assert sim.stats.ratings == 1
    detail = admin.get(f"/posts/{post_id}").json()
    assert 1 <= detail["rating"] <= 5
    sim.rate_resolved()  # rated once, never again
    assert sim.stats.ratings == 1


def test_stop_event_ends_the_run_promptly(platform: RunningPlatform) -> None:
    stop = threading.Event()
    result: list[object] = []
    thread = threading.Thread(
        target=lambda: result.append(
            run_simulator(platform.url, rate_per_minute=120, seed=2, stop_event=stop)
        )
    )
    before = dbutil.scalar(platform, "SELECT count(*) FROM posts")
    thread.start()
    wait_until(
        lambda: dbutil.scalar(platform, "SELECT count(*) FROM posts") > before,
        timeout=15,
        what="the simulator posted",
    )
    stopped = time.monotonic()
    stop.set()
    thread.join(5)
    assert not thread.is_alive()
    assert time.monotonic() - stopped < 2.0
    assert result  # it returned its stats, it did not die


@pytest.mark.expected_log(r"platform_server\.demo\.simulate: simulator: platform not answering")
def test_survives_the_platform_being_away(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Started before the server exists: it waits, logs, and posts once the server is up."""
    new_reference_database(tmp_path / "late.sqlite3")
    url = f"sqlite:///{tmp_path / 'late.sqlite3'}"
    port = free_port()
    out: list[object] = []
    caplog.set_level(logging.WARNING, logger="platform_server.demo.simulate")
    thread = threading.Thread(
        target=lambda: out.append(
            run_simulator(f"http://127.0.0.1:{port}", rate_per_minute=600, duration=4, seed=9)
        )
    )
    thread.start()
    wait_until(
        lambda: any("not answering" in rec.getMessage() for rec in caplog.records),
        timeout=10,
        what="the simulator noticed the platform is away",
    )
    server = EmbeddedServer(ServerSettings(db_url=url), port=port).start()
    try:
        thread.join(15)
        assert not thread.is_alive()
        stats = out[0]
        assert stats.posts + stats.silent_reports >= 1  # type: ignore[attr-defined]
        assert any("not answering" in rec.getMessage() for rec in caplog.records)
    finally:
        server.stop()
