"""The dashboard's own style sheet, derived from the current palette (light or dark theme)."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from console.views.theme import colours


def dashboard_style(pal: QPalette, *, large: bool, scale: float = 1.0) -> str:
    """Cards on the window colour; big numbers; red/green deltas; larger for the wall."""
    base = pal.color(QPalette.ColorRole.Base).name()
    text = pal.color(QPalette.ColorRole.Text).name()
    c = colours(pal)
    border, muted = c.figure_border, c.figure_muted
    normal = (22, 10, 9, 15)
    wall = (40, 18, 15, 26)
    # The wall display's type follows the screen (sized for 1920 px wide), and is
    # never smaller than the desk view's.
    sizes = [max(round(w * scale), n) for w, n in zip(wall, normal, strict=True)]
    value_pt, title_pt, note_pt, heading_pt = sizes if large else normal
    return f"""
#Dashboard {{ background: {c.dashboard_bg}; }}
#DashboardHeading {{ font-size: {heading_pt}pt; font-weight: 600; color: {text}; }}
#KpiTile, #KpiTileAlarm, #Panel {{
    background: {base}; border: 1px solid {border}; border-radius: 8px;
}}
#KpiTileAlarm {{ border-left: 4px solid {c.figure_bad}; }}
#KpiTitle {{ color: {muted}; font-size: {title_pt}pt; }}
#KpiValue {{ color: {text}; font-size: {value_pt}pt; font-weight: 600; }}
#KpiDelta {{ color: {muted}; font-size: {note_pt}pt; }}
#KpiDelta[tone="good"] {{ color: {c.figure_good}; }}
#KpiDelta[tone="bad"] {{ color: {c.figure_bad}; }}
#PanelTitle {{ color: {text}; font-size: {title_pt + 1}pt; font-weight: 600; }}
#PanelNote {{ color: {muted}; font-size: {note_pt}pt; }}
#UpdatedLabel {{ color: {muted}; font-size: {note_pt}pt; }}
#DashboardError {{
    background: {c.error_box_bg}; color: {c.error_box_text}; border: 1px solid {c.error_box_border};
    border-radius: 6px;
    padding: 6px 10px;
}}
#PanelLegend {{ color: {muted}; font-size: {note_pt}pt; }}
QToolButton::menu-indicator {{ image: none; width: 0px; }}
#Panel QTableView, #Panel QListView {{ border: none; font-size: {note_pt + 1}pt; }}
"""
