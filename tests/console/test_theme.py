"""console.views.theme: every colour named once per theme, the style sheets filled from
it, and the application (palette and style sheet) switched as a whole."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QPalette

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
