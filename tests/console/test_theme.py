"""console.views.theme: every colour named once per theme, the style sheets filled from
it, and the application (palette and style sheet) switched as a whole."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from console.views import theme
from console.views.theme import DARK, LIGHT

pytestmark = pytest.mark.unit


@pytest.fixture
def keep_app_look(qapp: Any) -> Iterator[None]:
    style, sheet, palette = qapp.style().name(), qapp.styleSheet(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_every_colour_is_a_colour_in_both_themes() -> None:
    for colours in (LIGHT, DARK):
        for name, value in dataclasses.asdict(colours).items():
            assert re.fullmatch(r"#[0-9a-f]{6}", value), (name, value)
    assert LIGHT.window != DARK.window and LIGHT.text != DARK.text


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_style_sheets_name_only_theme_colours(name: str) -> None:
    sheet = theme.style_sheet(name)
    assert "@" not in re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    colours = DARK if name == "dark" else LIGHT
    assert f"background: {colours.window}" in sheet


def test_an_unknown_colour_in_a_style_sheet_is_an_error() -> None:
    with pytest.raises(KeyError, match="@glow"):
        theme.fill_tokens("QWidget { color: @glow; }", LIGHT)


def test_applying_a_theme_switches_palette_and_style_sheet(qapp: Any, keep_app_look: None) -> None:
    assert theme.apply_theme(qapp, "dark") == "dark"
    assert theme.is_dark() and theme.colours() is DARK
    assert qapp.palette().color(QPalette.ColorRole.Base).name() == DARK.base
    assert qapp.styleSheet() == theme.style_sheet("dark")
    assert theme.apply_theme(qapp, "light") == "light"
    assert theme.colours() is LIGHT
    assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == LIGHT.selection
    assert theme.apply_theme(qapp, "system") in ("light", "dark")


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", ["dark", "light"])
def test_check_boxes_are_visible_checked_or_not(
    qtbot: Any, qapp: Any, keep_app_look: None, name: str
) -> None:
    """The box itself stands out from the window (it vanished on the dark theme), and a
    checked one shows its check mark."""
    theme.apply_theme(qapp, name)
    box = QCheckBox("只看超时")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    background = qapp.palette().color(QPalette.ColorRole.Window)
    opt = QStyleOptionButton()
    box.initStyleOption(opt)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box)

    def pixels() -> list[QColor]:
        image = box.grab().toImage()
        return [image.pixelColor(x, y) for x in range(rect.left(), rect.right() + 1)
                for y in range(rect.top(), rect.bottom() + 1)]  # fmt: skip

    unchecked = pixels()
    assert max(_contrast(p, background) for p in unchecked) >= 3.0  # the box's outline
    box.setChecked(True)
    checked = pixels()
    assert max(_contrast(p, background) for p in checked) >= 3.0
    assert {p.name() for p in checked} != {p.name() for p in unchecked}  # the mark shows
