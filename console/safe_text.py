"""Helpers that make untrusted citizen text safe to show in Qt widgets.

Everything a citizen wrote (title, body, nickname, address, file names, rating
comments) is untrusted. Qt has three ways to get this wrong, and this module closes
each of them:

1. **Markup.** `QLabel`, tooltips and `QMessageBox` guess "rich text" when a string
   looks like HTML (`Qt::mightBeRichText`), so `<img src=http://...>` would be
   rendered and even fetched. Labels showing citizen text are forced to
   `Qt.TextFormat.PlainText` (`set_plain`), multi-line text goes into read-only
   `QPlainTextEdit`s, and tooltips are built with `tooltip()`, which escapes the
   text with `html.escape` *inside* an explicit rich-text wrapper — so the escaped
   entities are decoded back to the literal characters the citizen typed, instead
   of showing up as `&lt;`.

2. **Invisible and direction-changing characters.** Bidi controls (U+202A–U+202E,
   U+2066–U+2069, U+200E/U+200F, U+061C) can make "gpj.exe" look like "exe.jpg" or
   reverse a phone number; zero-width characters (U+200B, U+2060, U+FEFF, tag
   characters, …) hide text. **Our choice:** in single-line places (labels, list
   rows, tooltips, window titles) each such character is replaced by a visible
   marker such as ``[U+202E]`` — it neutralises the effect *and* tells the officer
   that something was hidden there, which matters for evidence. A zero-width
   joiner between two emoji is kept, because it is how families/professions emoji
   are spelled and is harmless. In the read-only body we keep the text exactly as
   given (it is evidence and must copy out unchanged); the body widget turns on
   `QTextOption.ShowDefaultIgnorables` and the case view shows a warning with the
   count of such characters and a switch to show them as markers (`reveal`).

3. **Size.** A 100 KB title would make a label lay out for seconds. `single_line`
   truncates with an ellipsis; the full text is always in the body widget.

Control characters other than newline and tab are shown as markers everywhere,
since they have no legitimate use in a post and some terminals/loggers act on them.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Protocol

from PySide6.QtCore import Qt

# Characters that change the display order of the text around them.
BIDI_CONTROLS: frozenset[str] = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Characters that render as nothing (or nearly nothing) and can hide text.
_ZERO_WIDTH: frozenset[str] = frozenset(
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u2060\u2061\u2062"
    "\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0\ufff9\ufffa\ufffb"
)
_ZWJ = "\u200d"

MARKER_FORMAT = "[U+{:04X}]"
ELLIPSIS = "…"


def _is_tag_char(ch: str) -> bool:
    # U+E0000..U+E007F: invisible "tag" letters, used to smuggle text past readers.
    return 0xE0000 <= ord(ch) <= 0xE007F


def is_hidden(ch: str) -> bool:
    """True for a character that is invisible or reorders text around it."""
    return ch in BIDI_CONTROLS or ch in _ZERO_WIDTH or _is_tag_char(ch)


def _is_control(ch: str) -> bool:
    # C0/C1 controls and DEL, but not the ordinary line breaks and tab.
    return ch not in "\n\t\r" and unicodedata.category(ch) == "Cc"


def _emojiish(ch: str) -> bool:
    o = ord(ch)
    return o >= 0x1F000 or 0x2600 <= o <= 0x27BF or o == 0xFE0F


def _keep_zwj(text: str, i: int) -> bool:
    return (
        0 < i < len(text) - 1
        and text[i] == _ZWJ
        and _emojiish(text[i - 1])
        and _emojiish(text[i + 1])
    )


def count_hidden(text: str) -> int:
    """How many invisible, bidi or control characters `text` holds (emoji ZWJ excluded)."""
    return sum(
        1
        for i, ch in enumerate(text)
        if (is_hidden(ch) and not _keep_zwj(text, i)) or _is_control(ch)
    )


def marker(ch: str) -> str:
    """The visible stand-in for a hidden character, e.g. ``[U+202E]``."""
    return MARKER_FORMAT.format(ord(ch))


def reveal(text: str) -> str:
    """`text` with every invisible, bidi and control character shown as a marker.

    Newlines and tabs are kept, so this suits multi-line text too.
    """
    if not any(is_hidden(ch) or _is_control(ch) for ch in text):
        return text
    out: list[str] = []
    for i, ch in enumerate(text):
        if (is_hidden(ch) and not _keep_zwj(text, i)) or _is_control(ch):
            out.append(marker(ch))
        else:
            out.append(ch)
    return "".join(out)


def single_line(text: str | None, limit: int = 200) -> str:
    """Citizen text made fit for a one-line label: revealed, flattened, truncated.

    Line breaks (including U+2028/U+2029) and tabs become single spaces; runs of
    whitespace collapse; text longer than `limit` characters ends in an ellipsis.
    `limit` is applied to the *input* first so a 100 KB string costs nothing.
    """
    if not text:
        return ""
    clipped = len(text) > limit
    head = text[: limit + 1] if clipped else text
    flat = " ".join(head.replace("\u2028", " ").replace("\u2029", " ").replace("\r", " ").split())
    shown = reveal(flat)
    if clipped or len(shown) > limit:
        shown = shown[: max(limit - 1, 1)].rstrip() + ELLIPSIS
    return shown


def tooltip(text: str | None, limit: int = 1000) -> str:
    """A tooltip string that shows `text` literally, never as markup.

    Tooltips guess rich text, so plain escaping alone would show ``&lt;`` to the
    officer whenever the guess says "plain". Wrapping the escaped text in ``<qt>``
    forces the rich-text path, where the entities decode back to the literal text.
    """
    if not text:
        return ""
    body = text if len(text) <= limit else text[:limit] + ELLIPSIS
    escaped = html.escape(reveal(body), quote=True).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"


class Label(Protocol):
    """The part of a QLabel `set_plain` uses (so this module needs no widgets)."""

    def setTextFormat(self, fmt: Qt.TextFormat) -> None: ...
    def setOpenExternalLinks(self, on: bool) -> None: ...
    def setText(self, text: str) -> None: ...
    def setToolTip(self, text: str) -> None: ...


def set_plain(label: Label, text: str | None, limit: int = 200, tip: bool = True) -> None:
    """Show citizen text in `label` as one literal line; the full text goes in the tooltip."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    shown = single_line(text, limit)
    label.setText(shown)
    if tip:
        label.setToolTip(tooltip(text) if text and shown != text else "")
