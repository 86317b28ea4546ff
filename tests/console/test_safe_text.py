"""Untrusted citizen text is shown literally: no markup, no hidden or reordering characters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from console import safe_text

pytestmark = pytest.mark.unit

HOSTILE = '<b>加粗</b><script>alert(1)</script><img src="http://127.0.0.1:9/x.png">'


def test_reveal_marks_bidi_and_zero_width() -> None:
    text = "文件gpj\u202e.exe\u200b结尾"
    assert safe_text.reveal(text) == "文件gpj[U+202E].exe[U+200B]结尾"
    assert safe_text.count_hidden(text) == 2


def test_reveal_keeps_newlines_tabs_and_ordinary_text() -> None:
    text = "第一行\n\t第二行 <b>"
    assert safe_text.reveal(text) == text
    assert safe_text.count_hidden(text) == 0


def test_reveal_marks_controls_and_tag_characters() -> None:
    text = "a\x1b[31mb\x07c\U000e0041d"
    assert safe_text.reveal(text) == "a[U+001B][31mb[U+0007]c[U+E0041]d"


def test_emoji_zwj_sequence_is_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert safe_text.reveal(family) == family
    assert safe_text.count_hidden(family) == 0
    # ...but a ZWJ between letters is still shown.
    assert safe_text.reveal("a\u200db") == "a[U+200D]b"


def test_single_line_flattens_and_truncates_cheaply() -> None:
    assert safe_text.single_line("第一行\r\n第二行\u2028第三行\t!") == "第一行 第二行 第三行 !"
    big = "长" * 100_000
    out = safe_text.single_line(big, limit=50)
    assert len(out) == 50 and out.endswith("…")
    assert safe_text.single_line(None) == ""


def test_tooltip_escapes_markup_and_shows_it_literally() -> None:
    tip = safe_text.tooltip(HOSTILE + "\u202e")
    assert "<script" not in tip and "<img" not in tip and "<b>" not in tip
    # Rendered the way Qt renders a tooltip, the officer reads exactly what was typed.
    doc = QTextDocument()
    doc.setHtml(tip)
    assert doc.toPlainText() == HOSTILE + "[U+202E]"
    assert safe_text.tooltip("") == ""


def test_set_plain_forces_plain_text(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    safe_text.set_plain(label, HOSTILE)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == safe_text.single_line(HOSTILE)
    assert not label.openExternalLinks()
