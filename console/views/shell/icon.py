"""The console's icon (window, taskbar, tray, About), from resources/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from console import paths


def app_icon() -> QIcon:
    """The SVG icon, with the PNG rendering where the platform wants a bitmap."""
    icon = QIcon(str(paths.resource_path("icons", "app.svg")))
    png = paths.resource_path("icons", "app.png")
    if png.exists():
        icon.addFile(str(png))
    return icon
