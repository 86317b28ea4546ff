"""Interface language: Simplified Chinese by default, English on request.

Source strings in the code are English (a test fails on a Chinese one);
``resources/i18n/duty_console_zh_CN.qm`` turns them into Chinese and
``duty_console_en.qm`` gives English its plural forms — both compiled from their ``.ts``
by ``scripts/update_translations.sh``. Qt's own ``qtbase_zh_CN.qm`` translates the
standard dialogs' buttons (OK, Cancel, ...).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
CATALOG_NAME = "duty_console"


def default_i18n_dir() -> Path:
    """``resources/i18n`` (source tree and PyInstaller bundle alike)."""
    from console.paths import resource_path

    return resource_path("i18n")


def normalize_language(lang: str | None) -> str:
    """Maps what people type (``zh``, ``zh-CN``, ``en_US``, ``EN``) to a supported code."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.strip().replace("-", "_").lower()
    if code.startswith("en"):
        return "en"
    if code.startswith("zh"):
        return "zh_CN"
    return DEFAULT_LANGUAGE


def install_translators(
    app: QCoreApplication, lang: str | None, i18n_dir: Path | None = None
) -> list[QTranslator]:
    """Loads and installs the translators for ``lang``; returns them (keep them alive).

    Chinese: Qt's own ``qtbase_zh_CN`` and ``duty_console_zh_CN``. English: only
    ``duty_console_en`` (the source strings, with their plural forms). A missing
    catalogue is logged, not fatal — an untranslated console still works.
    """
    code = normalize_language(lang)
    QLocale.setDefault(QLocale("en_US" if code == "en" else "zh_CN"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(i18n_dir or default_i18n_dir())
    catalogues = [(f"{CATALOG_NAME}_{code}", ours)]
    if code != "en":
        catalogues.insert(0, (f"qtbase_{code}", qt_dir))
    installed: list[QTranslator] = []
    for name, directory in catalogues:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, directory)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)
