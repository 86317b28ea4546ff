"""Every colour of the console, named once for the light and once for the dark theme.

`Colours` lists the names; `LIGHT` and `DARK` give each its value (as Picard's
``ui/theme.py`` + ``ui/colors.py`` do). Widgets ask `colours()` for the set matching the
application's current palette and re-read it when the palette changes, so a switch of
theme reaches everything at once. The style sheets in ``resources/styles`` name their
colours as ``@name`` tokens, filled in from the same table by `style_sheet`.

No other module of the console writes a colour literal (a test greps for them).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from console import paths

log = logging.getLogger(__name__)

THEMES = ("light", "dark")
STYLE_SHEETS = {"light": "console.qss", "dark": "console-dark.qss"}
_TOKEN = re.compile(r"@([a-z_]+)\b")


@dataclass(frozen=True)
class Colours:
    """The named colours of one theme (hex strings)."""

    # ---- the window and its chrome (the application palette and style sheet)
    window: str  # behind everything
    text: str
    base: str  # tables and text boxes
    alternate: str  # every other table row
    selection: str
    selected_text: str
    placeholder: str
    surface: str  # cards, the case body, the header
    panel: str  # bars around them
    border: str
    frame: str  # popups, scope buttons, header bottoms
    separator: str
    gridline: str
    chrome: str  # menu bar, status bar, sign-in header
    chrome_text: str
    chrome_muted: str
    chrome_hover: str
    tooltip_bg: str
    tooltip_text: str
    popup_bg: str
    bar_bg: str  # the filter bar
    caption: str  # its labels
    header_bg: str  # table headers
    header_text: str
    input_bg: str
    input_border: str
    button_bg: str
    button_border: str
    button_hover: str
    pressed: str
    handle_hover: str
    focus: str
    focus_text: str
    disabled_text: str
    toggle_on: str  # the checked scope button
    toggle_off: str
    chip_border: str  # the dashboard drill-down chip
    key_border: str  # keys in the shortcut sheet
    empty_text: str  # the empty case pane
    # ---- words and accents
    muted: str
    title: str
    accent: str  # public replies, primary buttons
    accent_text: str
    accent_hover: str
    accent_disabled: str
    accent_disabled_text: str
    reply_tag: str
    # ---- internal notes: amber in both themes, never mistaken for a public reply
    note_bg: str
    note_edge: str
    note_tag: str
    note_paper: str  # the editor in note mode
    note_button: str
    note_button_text: str
    note_strip: str
    note_strip_text: str
    action_bg: str  # disabled actions, secondary chips
    # ---- states
    warn_bg: str
    warn_text: str
    warning_text: str
    danger_bg: str
    danger_text: str
    error_text: str  # the sign-in error
    problem_text: str  # a value the settings dialog refuses
    caution_text: str  # plain http:// in the settings dialog
    ok_text: str
    ok_bg: str
    near_chip: str  # a deadline that is close
    near_chip_text: str
    # ---- alarms: silent reports, overdue deadlines
    alarm: str
    alarm_text: str  # red words on the page (overdue time left, an acknowledged report)
    on_alarm: str  # words on a red ground
    near_text: str  # amber time left in the queue
    new_status_text: str
    silent_row: str  # the queue row of an open silent report
    silent_badge: str
    # ---- the alarm banner
    banner_bg: str
    banner_row: str
    banner_row_edge: str
    banner_escalated: str
    banner_escalated_edge: str
    banner_meta: str
    banner_tag_bg: str
    banner_tag_text: str
    banner_escalated_tag_text: str
    banner_ack_bg: str
    banner_ack_text: str
    banner_ack_hover: str
    banner_ack_disabled_bg: str
    banner_ack_disabled_text: str
    banner_audio: str
    banner_notice: str
    # ---- the status bar and the sign-in dialog
    link_live: str
    link_waiting: str
    link_offline: str
    demo_badge: str
    demo_badge_text: str
    demo_notice_bg: str
    demo_notice_border: str
    demo_notice_text: str
    notice_bg: str
    notice_border: str
    notice_text: str
    # ---- the dashboard
    dashboard_bg: str
    figure_border: str
    figure_muted: str
    figure_good: str
    figure_bad: str
    figure_soon: str
    error_box_bg: str
    error_box_text: str
    error_box_border: str
    # ---- the image viewer
    viewer_bg: str
    # ---- the city map (console/views/map)
    map_land: str
    map_water: str
    map_road: str
    map_boundary: str
    map_district_edge: str
    map_label: str
    map_station: str
    map_report: str  # the case's own point and its accuracy circle
    map_later: str  # a newer location the reporter sent
    map_nearby: str  # other open posts near it
    map_heat: str  # the choropleth: open posts per district (alpha grows with the count)


LIGHT = Colours(
    window="#eef1f5", text="#1d2733", base="#ffffff", alternate="#f6f8fb", selection="#cfe0f5",
    selected_text="#10243d", placeholder="#6b7888", surface="#ffffff", panel="#f6f8fb",
    border="#d5dce5", frame="#c9d2dd", separator="#e1e6ec", gridline="#e6ebf1",
    chrome="#1f3a5f", chrome_text="#ffffff", chrome_muted="#c9d8ea", chrome_hover="#2f5585",
    tooltip_bg="#10243d", tooltip_text="#ffffff", popup_bg="#ffffff", bar_bg="#ffffff",
    caption="#56657a", header_bg="#e8edf3", header_text="#3b4a5e", input_bg="#ffffff",
    input_border="#c2ccd8", button_bg="#ffffff", button_border="#b9c4d1",
    button_hover="#f0f4f9", pressed="#dce8f7", handle_hover="#8ea2ba", focus="#2f6db5",
    focus_text="#1f3a5f", disabled_text="#9aa6b4", toggle_on="#1f3a5f", toggle_off="#eef1f5",
    chip_border="#8fb3dc", key_border="#b9c4d1", empty_text="#7a8797",
    muted="#6b7888", title="#10243d", accent="#2f6db5", accent_text="#ffffff",
    accent_hover="#285f9e", accent_disabled="#9db8d9", accent_disabled_text="#eef3f9",
    reply_tag="#1f3a5f",
    note_bg="#fff4d6", note_edge="#e0a100", note_tag="#6b4800", note_paper="#fff6dc",
    note_button="#8a5300", note_button_text="#ffffff", note_strip="#f0b429",
    note_strip_text="#3d2a00", action_bg="#f3f5f8",
    warn_bg="#fff1c2", warn_text="#3d2a00", warning_text="#8a5300", danger_bg="#fde7e7",
    danger_text="#8e1b1b", error_text="#b3261e", problem_text="#c62828",
    caution_text="#b26a00", ok_text="#0d5c2e", ok_bg="#d7f0df", near_chip="#ffd479",
    near_chip_text="#3d2a00",
    alarm="#c62828", alarm_text="#c62828", on_alarm="#ffffff", near_text="#a35c00",
    new_status_text="#1f5fa8", silent_row="#fdeaea", silent_badge="#d32f2f",
    banner_bg="#f7f7f7", banner_row="#b3261e", banner_row_edge="#8c1d18",
    banner_escalated="#5c0b0b", banner_escalated_edge="#ffc107", banner_meta="#ffe3e0",
    banner_tag_bg="#ffffff", banner_tag_text="#b3261e", banner_escalated_tag_text="#3b0000",
    banner_ack_bg="#ffffff", banner_ack_text="#8c1d18", banner_ack_hover="#ffe9e7",
    banner_ack_disabled_bg="#e0c4c1", banner_ack_disabled_text="#6d4c4a",
    banner_audio="#e53935", banner_notice="#1b5e20",
    link_live="#9be7a8", link_waiting="#ffd479", link_offline="#c62828", demo_badge="#f0b429",
    demo_badge_text="#1d2733", demo_notice_bg="#fff4d6", demo_notice_border="#f0c65a",
    demo_notice_text="#6b4800", notice_bg="#e3edf9", notice_border="#9dbbe0",
    notice_text="#10243d",
    dashboard_bg="#eef1f5", figure_border="#d5dce5", figure_muted="#56657a",
    figure_good="#2e9e6b", figure_bad="#d1453b", figure_soon="#b86e00",
    error_box_bg="#fdecea", error_box_text="#8a1c12", error_box_border="#f2b8b1",
    viewer_bg="#808080",
    map_land="#f3f1ea", map_water="#a9cfee", map_road="#e0b86a", map_boundary="#7a8797",
    map_district_edge="#5b6f8a", map_label="#33414f", map_station="#1f3a5f",
    map_report="#c62828", map_later="#8e24aa", map_nearby="#2f6db5", map_heat="#d1453b",
)  # fmt: skip

DARK = Colours(
    window="#161b22", text="#dfe6ee", base="#1b2129", alternate="#1f262f", selection="#2b4566",
    selected_text="#ffffff", placeholder="#8593a3", surface="#1b2129", panel="#161b22",
    border="#2d3642", frame="#3a4654", separator="#3a4654", gridline="#28313c",
    chrome="#10161d", chrome_text="#dfe6ee", chrome_muted="#9aa8b8", chrome_hover="#2a3440",
    tooltip_bg="#e9eef4", tooltip_text="#10161d", popup_bg="#222a34", bar_bg="#1f2630",
    caption="#9aa8b8", header_bg="#222a34", header_text="#aab7c6", input_bg="#10161d",
    input_border="#3a4654", button_bg="#252d37", button_border="#3a4654",
    button_hover="#2d3742", pressed="#2f4a6b", handle_hover="#56677a", focus="#5b9bea",
    focus_text="#ffffff", disabled_text="#66727f", toggle_on="#4a86cf", toggle_off="#252d37",
    chip_border="#4a86cf", key_border="#56677a", empty_text="#7d8b9b",
    muted="#9aa8b8", title="#ffffff", accent="#4a86cf", accent_text="#0e1319",
    accent_hover="#5b9bea", accent_disabled="#2f4a6b", accent_disabled_text="#8fa3b8",
    reply_tag="#9cc3f0",
    note_bg="#3a2f12", note_edge="#e0a100", note_tag="#ffd479", note_paper="#2e2614",
    note_button="#e0a100", note_button_text="#1d1200", note_strip="#f0b429",
    note_strip_text="#3d2a00", action_bg="#1f2630",
    warn_bg="#4a3a10", warn_text="#ffe8a8", warning_text="#f0c060", danger_bg="#4a1d1d",
    danger_text="#ffc4c4", error_text="#ff8a80", problem_text="#c62828",
    caution_text="#b26a00", ok_text="#9be7a8", ok_bg="#1e3a27", near_chip="#ffd479",
    near_chip_text="#3d2a00",
    alarm="#e53935", alarm_text="#ff7b72", on_alarm="#ffffff", near_text="#f0b429",
    new_status_text="#7fb3ff", silent_row="#3a2226", silent_badge="#d32f2f",
    banner_bg="#161b22", banner_row="#b3261e", banner_row_edge="#8c1d18",
    banner_escalated="#5c0b0b", banner_escalated_edge="#ffc107", banner_meta="#ffe3e0",
    banner_tag_bg="#1b2129", banner_tag_text="#ff8a80", banner_escalated_tag_text="#3b0000",
    banner_ack_bg="#1b2129", banner_ack_text="#ffb4ab", banner_ack_hover="#2a1716",
    banner_ack_disabled_bg="#3a2a2a", banner_ack_disabled_text="#9a7f7d",
    banner_audio="#e53935", banner_notice="#1b5e20",
    link_live="#7ed99a", link_waiting="#f0c060", link_offline="#b3261e", demo_badge="#c99a2e",
    demo_badge_text="#10161d", demo_notice_bg="#3a3020", demo_notice_border="#7a6124",
    demo_notice_text="#f3d58a", notice_bg="#1f3047", notice_border="#3d6291",
    notice_text="#dfe6ee",
    dashboard_bg="#1b222c", figure_border="#3a4656", figure_muted="#9aa6b4",
    figure_good="#2e9e6b", figure_bad="#d1453b", figure_soon="#b86e00",
    error_box_bg="#fdecea", error_box_text="#8a1c12", error_box_border="#f2b8b1",
    viewer_bg="#808080",
    map_land="#20262e", map_water="#24425e", map_road="#8a6f3c", map_boundary="#8593a3",
    map_district_edge="#7d8fa6", map_label="#dfe6ee", map_station="#9cc3f0",
    map_report="#ff5252", map_later="#ce93d8", map_nearby="#5b9bea", map_heat="#ff7b72",
)  # fmt: skip

# The dashboard's series colours, the same in both themes: a calm palette that stays
# distinct for colour-blind readers (Okabe–Ito based).
SERIES: dict[str, str] = {
    "blue": "#2f6db5",
    "sky": "#56b4e9",
    "green": "#2e9e6b",
    "orange": "#e69f00",
    "red": "#d1453b",
    "purple": "#8e6bbf",
    "grey": "#8a96a6",
    "teal": "#1f9e9e",
    "yellow": "#d8b400",
    "pink": "#cc79a7",
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether a palette (default: the application's) is the dark theme's."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def colours(palette: QPalette | None = None) -> Colours:
    """The colours matching a palette (default: the application's current one)."""
    return DARK if is_dark(palette) else LIGHT


def series_colour(name: str) -> str:
    """A dashboard series colour by name (an unknown name is used as the colour itself)."""
    return SERIES.get(name, name)


def resolve_theme(theme: str) -> str:
    """ "light" or "dark"; "system" follows the desktop's preference."""
    if theme in THEMES:
        return theme
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def palette_for(theme: str) -> QPalette:
    """The application palette of a theme (Fusion's own roles where the theme sets none)."""
    c = DARK if theme == "dark" else LIGHT
    palette = QPalette()
    roles = [
        (QPalette.ColorRole.Window, c.window),
        (QPalette.ColorRole.WindowText, c.text),
        (QPalette.ColorRole.Base, c.base),
        (QPalette.ColorRole.AlternateBase, c.alternate),
        (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.Highlight, c.selection),
        (QPalette.ColorRole.HighlightedText, c.selected_text),
        (QPalette.ColorRole.PlaceholderText, c.placeholder),
    ]
    if theme == "dark":
        # The light theme keeps Fusion's own button and tooltip roles.
        roles += [
            (QPalette.ColorRole.Button, c.button_bg),
            (QPalette.ColorRole.ButtonText, c.text),
            (QPalette.ColorRole.ToolTipBase, c.tooltip_bg),
            (QPalette.ColorRole.ToolTipText, c.tooltip_text),
        ]
    for role, value in roles:
        palette.setColor(role, QColor(value))
    return palette


def fill_tokens(template: str, c: Colours) -> str:
    """Replace every ``@name`` in a style sheet by the colour of that name."""
    values = dataclasses.asdict(c)

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in values:
            raise KeyError(f"style sheet names an unknown colour @{name}")
        return str(values[name])

    return _TOKEN.sub(one, template)


def style_sheet(theme: str) -> str:
    """The application style sheet of a theme, colours filled in ("" when it is missing)."""
    name = STYLE_SHEETS["dark" if theme == "dark" else "light"]
    try:
        template = paths.resource_path("styles", name).read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet %s missing; using plain Fusion", name)
        return ""
    sheet = fill_tokens(template, DARK if theme == "dark" else LIGHT)
    # Images named in the sheet (the check mark) live beside it (after the colours: an
    # "@" in the folder's path is no colour).
    check_mark = paths.resource_path("styles", "check.svg")
    return sheet.replace("%STYLES%", check_mark.parent.as_posix())


def apply_theme(app: QApplication, theme: str) -> str:
    """Fusion, the theme's palette and style sheet; returns "light" or "dark"."""
    theme = resolve_theme(theme)
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
    app.setStyleSheet(style_sheet(theme))
    return theme
