"""The interface language: Chinese by default, English on request, nothing left untranslated."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.api.errors import OfflineError
from console.i18n import install_translators, normalize_language, remove_translators
from console.views.queue_model import DEADLINE, column_title, format_duration

ROOT = Path(__file__).resolve().parents[2]


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
        assert format_duration(3 * 3600 + 5 * 60) == "3小时5分"
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
