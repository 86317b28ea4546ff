"""The case pane against a real platform: fields, attachments, hostile text."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from console import safe_text
from tests.helpers.audio import NullSink, recording
from tests.helpers.console import ROOT, CaseConsole, attach, make_case_console, photo_png
from tests.helpers.media import wav_bytes
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


# The offscreen platform cannot raise windows or pass size hints; a real one can.
OFFSCREEN_WINDOW_NOISE = pytest.mark.qt_log_ignore(
    "^This plugin does not support raise\\(\\)$", extend=True
)


@OFFSCREEN_WINDOW_NOISE
def test_opening_a_case_shows_its_fields(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    citizen = platform.citizen("早起的王先生")
    post_id = citizen_post(
        citizen,
        "东门路口信号灯坏了",
        body="红灯一直不亮，早高峰很危险。\n请尽快处理。",
        mentions=["交警支队"],
        location={
            "lat": 30.274084,
            "lon": 120.15507,
            "accuracy_m": 12,
            "address": "临江市东门路口",
        },
    )
    attach(citizen, post_id, photo_png(), "路口.png")
    attach(citizen, post_id, wav_bytes(), "现场录音.wav")

    view = console.view
    view.load(post_id)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == post_id)
    h = view.header
    assert h.title.text() == "东门路口信号灯坏了"
    assert "早起的王先生" in h.author.text()
    assert h.board.text() == "110求助"
    assert h.unit.text() == "交警支队"  # an @mention routes the post to that unit
    assert h.status.text() in ("New", "待受理")
    assert h.deadline.text() and h.deadline.property("level") in ("ok", "near")
    assert "临江市东门路口" in h.location.text() and "30.274084" in h.location.text()
    assert "±12" in h.location.text()
    assert "@交警支队" in h.mentions.text()
    assert view.body.toPlainText() == "红灯一直不亮，早高峰很危险。\n请尽快处理。"
    assert view.body.isReadOnly()
    # every step of its history, with who did it
    rows = view.timeline.timeline_model.rowCount()
    assert rows >= 3  # posted + two attachments
    # the location can be copied as text
    h.copy_location.click()
    from PySide6.QtGui import QGuiApplication

    assert "30.274084" in QGuiApplication.clipboard().text()

    # image thumbnail decoded, opens full size, zooms
    tiles = view.attachments.tiles()
    assert len(tiles) == 2
    image_tile = next(t for t in tiles if t.attachment.kind == "image")
    assert not image_tile.icon().isNull()
    with qtbot.waitSignal(view.attachments.image_opened, timeout=3000):
        image_tile.click()
    viewer = view.attachments._viewer
    assert viewer is not None and viewer.isVisible()
    fitted = viewer.zoom()
    viewer.view.zoom_by(1.25)
    assert viewer.zoom() == pytest.approx(fitted * 1.25)
    viewer.actual_size()
    assert viewer.zoom() == pytest.approx(1.0)
    viewer.close()

    # audio clip is fetched and handed to the player
    audio_tile = next(t for t in tiles if t.attachment.kind == "audio")
    audio_tile.click()
    qtbot.waitUntil(lambda: len(console.player.played) == 1)
    data, ctype = console.player.played[0]
    assert data[:4] == b"RIFF" and "audio" in ctype


def test_rating_and_resolution_show_once_given(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    citizen = platform.citizen()
    post_id = citizen_post(citizen, "小区暖气不热", board="12345")
    officer = platform.officer("010001")
    assert (
        officer.act(post_id, "close", {"resolution": "已转热力公司上门检修。"}).status_code == 200
    )
    r = citizen.post(f"/public/posts/{post_id}/rating", {"score": 4, "comment": "回复很快"})
    assert r.status_code == 201, r.text

    console.view.load(post_id)
    h = console.view.header
    assert h.rating.isVisible() or h.rating.text()
    assert "★★★★☆" in h.rating.text() and "回复很快" in h.rating.text()
    assert h.status.text() in ("Resolved", "已办结")
    texts = [c.body.text() for c in console.view.conversation.cards() if hasattr(c, "body")]
    assert "已转热力公司上门检修。" in texts


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _CountingHandler.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trap() -> Iterator[str]:
    """A loopback HTTP server that counts any fetch (none may happen)."""
    _CountingHandler.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_hostile_text_is_shown_literally_and_fetches_nothing(
    qtbot, tmp_path: Path, trap: str, start_platform: Any
) -> None:
    big = start_platform("big", max_body_chars=200_000)
    title = f'<b>急</b><img src="{trap}/t.png">\u202egnp.exe\u200b'
    markup = (
        f'<script>alert("x")</script><img src="{trap}/b.png">'
        f'<a href="{trap}/a">点我</a>&amp;&lt;\u202e反转\u202c\u200b隐藏\ufeff'
    )
    body = markup + "\n" + ("长文本" * 11_500)  # a little over 100 KB of UTF-8
    assert len(body.encode("utf-8")) > 100_000
    post_id = citizen_post(big, title, body, nickname=f'<i>昵称</i><img src="{trap}/n">')
    c = make_case_console(qtbot, big, tmp_path / "hostile")
    try:
        view = c.view
        view.load(post_id)
        qtbot.waitUntil(lambda: view.detail is not None)
        view.show()
        qtbot.waitExposed(view)
        # a hostile officer-side text too: replies are shown the same way
        c.client.reply(post_id, f'<img src="{trap}/r.png"><b>回复</b>', "k-hostile")
        view.refresh()
        qtbot.waitUntil(lambda: view.detail is not None and len(view.detail.replies) == 1)

        assert view.body.toPlainText() == body
        assert view.body.document().toPlainText() == body
        # nothing was turned into an image, a link or bold text
        assert "<img" in view.body.toPlainText()
        labels = [view.header.title, view.header.author]
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText
        assert view.header.title.text() == safe_text.single_line(title, 160)
        assert "[U+202E]" in view.header.title.text()
        assert "<b>急</b>" in view.header.title.text()
        assert "<i>昵称</i>" in view.header.author.text()
        tip = view.header.author.toolTip()
        assert "<i>" not in tip and "&lt;i&gt;" in tip
        # the warning about invisible characters, and the switch to show them
        assert view.hidden_warning.isVisible()
        view.reveal_button.click()
        assert "[U+202E]反转[U+202C][U+200B]隐藏[U+FEFF]" in view.body.toPlainText()
        view.reveal_button.click()
        assert view.body.toPlainText() == body
        reply_labels = [
            w for w in view.conversation.findChildren(QLabel) if w.objectName() == "MessageBody"
        ]
        assert reply_labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in reply_labels)
        assert any("<b>回复</b>" in w.text() for w in reply_labels)
        # Paint everything once: whatever a widget would fetch to draw, it asks for now.
        view.grab()
        QCoreApplication.processEvents()
        assert _CountingHandler.hits == []
    finally:
        c.close()


def test_view_refreshes_when_the_post_changes_elsewhere(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    post_id = citizen_post(platform, "噪音扰民")
    view = console.view
    view.load(post_id)
    assert view.detail is not None and view.detail.status == "new"
    # another officer accepts; the event reaches this console's store
    other = platform.officer("010002")
    assert other.act(post_id, "accept").status_code == 200
    fresh = other.get(f"/posts/{post_id}").json()
    from console.api.models import PostSummary

    console.store.upsert(PostSummary.from_json(fresh))
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.status == "accepted")
    assert "李静" in view.header.assignee.text()
    assert not view.accept_action.isEnabled()


def test_case_layout_is_remembered(qtbot, platform: RunningPlatform, tmp_path: Path) -> None:
    post_id = citizen_post(platform, "布局")
    first = make_case_console(qtbot, platform, tmp_path / "layout")
    first.view.show()
    first.view.load(post_id)
    first.view.splitter.setSizes([420, 160, 220])
    sizes = first.view.splitter.sizes()
    first.close()
    again = make_case_console(qtbot, platform, tmp_path / "layout")
    try:
        again.view.show()
        again.view.load(post_id)
        assert again.view.splitter.sizes() == pytest.approx(sizes, abs=2)
        assert sizes != [300, 260, 190]
    finally:
        again.close()


# ------------------------------------------------------------------ real audio (null sink)
CLIP_CHILD = r"""
import json, math, struct, io, sys, wave
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from console.views.case.clips import QtClipPlayer
buf = io.BytesIO()
with wave.open(buf, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(44100)
    w.writeframes(b"".join(struct.pack("<h", int(20000 * math.sin(2 * math.pi * 1000 * i / 44100)))
                           for i in range(44100 * 2)))
player = QtClipPlayer()
states, failures = [], []
player.state_changed.connect(states.append)
player.failed.connect(failures.append)
QTimer.singleShot(500, lambda: player.play(buf.getvalue(), "audio/wav"))
def finish():
    print(json.dumps({"states": states, "failures": failures}))
    player.stop()
    app.quit()
QTimer.singleShot(3500, finish)
app.exec()
"""


@pytest.mark.audio
def test_audio_clip_is_really_heard(null_sink: NullSink, tmp_path: Path) -> None:
    """QtClipPlayer (the production side of the player seam) plays a clip out loud."""
    out = tmp_path / "heard.wav"
    with recording(null_sink, out):
        child = subprocess.run(
            [sys.executable, "-c", CLIP_CHILD],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            check=False,
            env={**null_sink.env, "QT_QPA_PLATFORM": "offscreen"},
        )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["failures"] == [] and "playing" in result["states"], result
    with wave.open(str(out)) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32767
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / 44100)
    tone = spectrum[(freqs > 985) & (freqs < 1015)].sum()
    assert np.sqrt(np.mean(x**2)) > 0.05 and tone > 0.3 * spectrum[freqs > 100].sum()
