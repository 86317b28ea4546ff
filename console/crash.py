"""Last-resort crash handling: log the traceback, tell the officer in Chinese.

The outbox and drafts live in SQLite files that are committed as they change, so a
crash loses nothing that was typed or queued; the message says so.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("console.crash")

Notifier = Callable[[str], None]


def crash_message(log_path: Path) -> str:
    return QCoreApplication.translate(
        "Crash",
        "An unexpected error occurred in Duty Console. Your unsent replies and drafts are "
        "kept and will be sent after a restart. Please restart the console; if it happens "
        "again, give this log file to IT: {path}",
    ).format(path=log_path)


def _show_dialog(text: str) -> None:
    app = QApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical, QApplication.translate("Crash", "Duty Console"), text
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class CrashHandler:
    """Installs sys.excepthook and threading.excepthook.

    Attributes:
        log_path: where the traceback is written (shown to the officer).
        notify: how the officer is told (a modal dialog by default; tests pass a recorder).
    """

    def __init__(self, log_path: Path, notify: Notifier | None = None) -> None:
        self.log_path = log_path
        self.notify = notify or _show_dialog
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        log.critical(
            "unhandled exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
        )
        if self._showing:  # an error while showing the dialog must not recurse
            return
        self._showing = True
        try:
            self.notify(crash_message(self.log_path))
        finally:
            self._showing = False

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        log.critical(
            "unhandled exception in thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )
