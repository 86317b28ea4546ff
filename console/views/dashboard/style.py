"""The dashboard's own style sheet, derived from the current palette (light or dark theme)."""

from __future__ import annotations

from PySide6.QtGui import QPalette


def dashboard_style(pal: QPalette, *, large: bool, scale: float = 1.0) -> str:
    """Cards on the window colour; big numbers; red/green deltas; larger for the wall."""
    base = pal.color(QPalette.ColorRole.Base).name()
    text = pal.color(QPalette.ColorRole.Text).name()
    dark = pal.color(QPalette.ColorRole.Base).lightness() < 128
    border = "#3a4656" if dark else "#d5dce5"
    muted = "#9aa6b4" if dark else "#56657a"
    normal = (22, 10, 9, 15)
    wall = (40, 18, 15, 26)
    # The wall display's type follows the screen (sized for 1920 px wide), and is
    # never smaller than the desk view's.
    sizes = [max(round(w * scale), n) for w, n in zip(wall, normal, strict=True)]
    value_pt, title_pt, note_pt, heading_pt = sizes if large else normal
    return f"""
#Dashboard {{ background: {"#1b222c" if dark else "#eef1f5"}; }}
#DashboardHeading {{ font-size: {heading_pt}pt; font-weight: 600; color: {text}; }}
#KpiTile, #KpiTileAlarm, #Panel {{
    background: {base}; border: 1px solid {border}; border-radius: 8px;
}}
#KpiTileAlarm {{ border-left: 4px solid #d1453b; }}
#KpiTitle {{ color: {muted}; font-size: {title_pt}pt; }}
#KpiValue {{ color: {text}; font-size: {value_pt}pt; font-weight: 600; }}
#KpiDelta {{ color: {muted}; font-size: {note_pt}pt; }}
#KpiDelta[tone="good"] {{ color: #2e9e6b; }}
#KpiDelta[tone="bad"] {{ color: #d1453b; }}
#PanelTitle {{ color: {text}; font-size: {title_pt + 1}pt; font-weight: 600; }}
#PanelNote {{ color: {muted}; font-size: {note_pt}pt; }}
#UpdatedLabel {{ color: {muted}; font-size: {note_pt}pt; }}
#DashboardError {{
    background: #fdecea; color: #8a1c12; border: 1px solid #f2b8b1; border-radius: 6px;
    padding: 6px 10px;
}}
#PanelLegend {{ color: {muted}; font-size: {note_pt}pt; }}
QToolButton::menu-indicator {{ image: none; width: 0px; }}
#Panel QTableView, #Panel QListView {{ border: none; font-size: {note_pt + 1}pt; }}
"""
