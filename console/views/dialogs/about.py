"""帮助 → 关于值班台: version, platform, and where this workstation keeps its files.

What IT asks for on the phone ("which version? which server? send me the log") is on
one screen, selectable, with a button that copies it all and one that opens the log
folder.
"""

from __future__ import annotations

import platform as py_platform
from dataclasses import dataclass, field
from pathlib import Path

import PySide6
from PySide6.QtCore import QEvent, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console import __version__
from console.logging_setup import LOG_FILE_NAME
from console.views.dialogs.common import fit_wrapped_text


@dataclass(frozen=True)
class AboutInfo:
    """What the About dialog shows (gathered by the controller, `ConsoleApp.about_info`)."""

    server: str
    demo: bool
    data_dir: Path
    log_dir: Path
    alert_journal: Path
    settings_file: Path
    ca_bundle: str = ""
    version: str = __version__
    components: str = field(
        default_factory=lambda: (
            f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {py_platform.python_version()}"
        )
    )

    @property
    def log_file(self) -> Path:
        return self.log_dir / LOG_FILE_NAME


class AboutDialog(QDialog):
    """The About dialog.

    Attributes:
        rows: the label -> value pairs shown (also what "Copy details" copies).
    """

    def __init__(
        self, info: AboutInfo, *, icon: QIcon | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.info = info
        self.setWindowTitle(self.tr("About Duty Console"))

        head = QHBoxLayout()
        logo = QLabel()
        shown = icon if icon is not None else self.windowIcon()
        if not shown.isNull():
            logo.setPixmap(shown.pixmap(64, 64))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(self.tr("Duty Console"))
        title.setObjectName("AboutTitle")
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        version = QLabel(self.tr("Version {version}").format(version=info.version))
        version.setObjectName("AboutVersion")
        blurb = QLabel(self.tr("The workstation of the online police platform's duty officers."))
        text = QVBoxLayout()
        for w in (title, version, blurb):
            text.addWidget(w)
        text.addStretch(1)
        head.addLayout(text, 1)

        if info.demo:
            platform_text = self.tr("{url} — local demo platform, invented data").format(
                url=info.server or "127.0.0.1"
            )
        else:
            platform_text = info.server or self.tr("not signed in")
        self.rows: list[tuple[str, str]] = [
            (self.tr("Platform"), platform_text),
            (self.tr("Demo"), self.tr("Yes") if info.demo else self.tr("No")),
            (
                self.tr("Trusted certificates"),
                info.ca_bundle or self.tr("built-in list (verification always on)"),
            ),
            (self.tr("Data folder"), str(info.data_dir)),
            (self.tr("Log file"), str(info.log_file)),
            (self.tr("Alert journal"), str(info.alert_journal)),
            (self.tr("Settings file"), str(info.settings_file)),
            (self.tr("Components"), info.components),
        ]
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.value_labels: dict[str, QLabel] = {}
        for name, value in self.rows:
            label = QLabel(value)
            label.setTextFormat(Qt.TextFormat.PlainText)  # paths and URLs are never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            form.addRow(name, label)
            self.value_labels[name] = label

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_logs_button = QPushButton(self.tr("Open log folder"))
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.open_logs_button.clicked.connect(self.open_log_folder)
        self.copy_button.clicked.connect(self.copy_details)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        fit_wrapped_text(self, e)
        return handled

    def details_text(self) -> str:
        """Plain text of everything shown, for an IT ticket."""
        lines = [f"Duty Console {self.info.version}"]
        lines += [f"{name}: {value}" for name, value in self.rows]
        return "\n".join(lines)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.log_dir)))
