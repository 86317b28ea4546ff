"""The interface language: Chinese by default, English on request, nothing left untranslated."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from console.api.errors import OfflineError
from console.i18n import install_translators, normalize_language, remove_translators
from console.views.dashboard.formats import fmt_points
from console.views.dashboard.parts import DeadlineModel
from console.views.queue.model import DEADLINE, column_title
from console.views.text import duration

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
CJK = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
ACCELERATOR = re.compile(r"&(\w)")
# Key names stay Latin in the Chinese shortcut sheet, as printed on the keys.
KEY_NAMES = {"Enter", "Esc", "Home", "End", "PgUp", "PgDown", "Up", "Down", "Ctrl", "Shift", "Alt"}


def catalogue(lang: str) -> list[tuple[str, str, list[str]]]:
    """(context, source, translations) of every message; plurals give several."""
    root = ET.parse(I18N / f"duty_console_{lang}.ts").getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            forms = [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]
            out.append((name, msg.findtext("source") or "", forms))
    return out


def test_every_string_in_the_code_is_translated_and_compiled() -> None:
    """New tr() strings without a translation, or a stale .qm, fail here with the list."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "update_translations.sh"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_chinese_is_the_default(qapp: Any) -> None:
    assert normalize_language(None) == "zh_CN"
    assert normalize_language("zh-CN") == "zh_CN" and normalize_language("EN_us") == "en"
    translators = install_translators(qapp, None)
    try:
        assert len(translators) == 2  # Qt's own buttons and ours
        assert column_title(DEADLINE) == "剩余时限"
        assert duration(3 * 3600 + 5 * 60) == "3小时5分"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        remove_translators(qapp, translators)


def test_english_works_for_english_and_chinese_source_strings(qapp: Any) -> None:
    translators = install_translators(qapp, "en")
    try:
        assert column_title(DEADLINE) == "Time left"
        # Some modules write their source strings in Chinese; they come out in English too.
        assert OfflineError().user_message().startswith("Cannot reach the platform")
    finally:
        remove_translators(qapp, translators)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_translations_keep_placeholders_and_accelerators(lang: str) -> None:
    """A lost {name} raises KeyError at .format(); a lost &F loses the Alt key."""
    wrong = []
    for ctx, source, forms in catalogue(lang):
        for text in forms:
            if "%n" in source:  # plural forms may leave the number out of the words
                same = set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source))
            else:
                same = sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))
            keys = ACCELERATOR.findall(source)
            if not same or [k.upper() for k in keys] != [
                k.upper() for k in ACCELERATOR.findall(text)
            ]:
                wrong.append(f"{ctx}: {source!r} -> {text!r}")
    assert wrong == []


def test_chinese_catalogue_has_no_english_left() -> None:
    left = []
    for ctx, source, forms in catalogue("zh_CN"):
        words = set(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", source))) - KEY_NAMES
        for text in forms:
            if words and not CJK.search(text):
                left.append(f"{ctx}: {source!r} -> {text!r}")
            # Full-width punctuation next to Chinese; file-dialog filters need ASCII "(*.x)".
            if "(*" not in text and re.search(
                r"[\u3400-\u9fff][,;:!?]|[,;:!?][\u3400-\u9fff]", text
            ):
                left.append(f"{ctx}: half-width punctuation in {text!r}")
    assert left == []


def test_english_catalogue_has_no_chinese() -> None:
    chinese = [
        f"{ctx}: {source!r} -> {text!r}"
        for ctx, source, forms in catalogue("en")
        for text in forms
        if CJK.search(text)
    ]
    assert chinese == []


def test_dashboard_figures_follow_the_language(qapp: Any) -> None:
    """The dashboard writes Chinese source strings; its table header and deltas too."""
    model = DeadlineModel()
    horizontal = Qt.Orientation.Horizontal
    for lang, deadline, points in (
        ("en", "Deadline", "1.5 points"),
        ("zh_CN", "期限", "1.5个百分点"),
    ):
        translators = install_translators(qapp, lang)
        try:
            assert model.headerData(2, horizontal, Qt.ItemDataRole.DisplayRole) == deadline
            assert fmt_points(-0.015) == points
        finally:
            remove_translators(qapp, translators)
