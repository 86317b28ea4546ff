"""The main window: alert banner on top, the queue beside the open case, menus, status bar.

The window only arranges and labels; collaborators (queue view, case view, alert
banner, dashboard) are built by the controller (console/app.py) and handed in. The
case actions (A accept, T transfer, C resolve, R reply ...) are the case view's own
QActions, listed here in the menus so each key has exactly one action behind it.

This window is the workstation's alarm device, so closing it (Ctrl+Q, the close button)
and signing out ask first. Its dialogs are never modal: the alarm banner stays clickable
whatever is open, Ctrl+Shift+A works from inside any of them (`lend_alarm_keys`), and a
dialog that would cover the banner moves below it (`keep_dialogs_off_banner`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.settings import Settings
from console.views.queue.view import QueueView
from console.views.shell.citizen_menu import add_citizen_actions
from console.views.shell.offline_strip import OfflineStrip
from console.views.shell.shortcuts import ShortcutSheet, key_text, label_with_shortcut
from console.views.shell.status_bar import ConsoleStatusBar


class EmptyCasePane(QWidget):
    """What the right side shows before a case is opened (or while none can be)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyCase")
        self.label = QLabel(
            self.tr(
                "Select a case in the queue and press Enter to open it.\n"
                "Press F1 for every keyboard shortcut."
            )
        )
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)


class MainWindow(QMainWindow):
    """The duty officer's window for the whole shift.

    Signals:
        refresh_requested(): F5 — reload the queue (and the open case).
        sign_out_requested(): the officer chose 注销.
        language_requested(str): "zh_CN" or "en" (applies after a restart).
        theme_requested(str): "system", "light" or "dark".
        settings_requested(): 值班台 → 设置… (Ctrl+,); the controller opens the dialog.
        about_requested(): 帮助 → 关于值班台; the controller opens the About dialog.
        closing(): the window is closing (the controller shuts the session down).
        outbox_requested(): the officer wants to see the outbox (counter, strip, Ctrl+Shift+O).

    Attributes:
        queue_view, case_pane, alert_banner, status: the hosted parts.
        splitter: queue | case.
        leave_box: the "really quit / sign out?" question while it is open.
    """

    refresh_requested = Signal()
    record_requested = Signal()  # record a post from the hotline, an SMS, a letter, a visit
    callbacks_requested = Signal()  # the unit's callback (回访) worklist
    notices_requested = Signal()  # notices to the public of the unit's area
    sign_out_requested = Signal()
    language_requested = Signal(str)
    theme_requested = Signal(str)
    settings_requested = Signal()
    about_requested = Signal()
    closing = Signal()
    outbox_requested = Signal()

    def __init__(
        self,
        queue_view: QueueView,
        settings: Settings,
        *,
        case_view: QWidget | None = None,
        alert_banner: QWidget | None = None,
        icon: QIcon | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings
        self.queue_view = queue_view
        self.case_view = case_view
        self.case_pane: QWidget = case_view if case_view is not None else EmptyCasePane()
        self.alert_banner = alert_banner
        self.dashboard: QWidget | None = None
        self._identity = ""
        self._sheet: ShortcutSheet | None = None
        self._closing_confirmed = False
        self.leave_box: QMessageBox | None = None
        if icon is not None:
            self.setWindowIcon(icon)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(queue_view)
        self.splitter.addWidget(self.case_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.pages = QTabWidget()
        self.pages.setObjectName("MainPages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.splitter, self.tr("Queue"))
        self.pages.tabBar().hide()  # a second page exists only with the dashboard

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if alert_banner is not None:
            column.addWidget(alert_banner)  # pinned above everything, never scrolled away
        # Across queue and case: since when the data is stale while the platform is away.
        self.offline_strip = OfflineStrip()
        self.offline_strip.outbox_requested.connect(self.outbox_requested)
        column.addWidget(self.offline_strip)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status = ConsoleStatusBar(self)
        self.setStatusBar(self.status)
        self.status.outbox_clicked.connect(self.outbox_requested)
        self._build_menus()
        self.set_identity("", "", "")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        # After the layout settles, so the banner's new height is known.
        self._dialog_check = QTimer(self, singleShot=True, interval=0)
        self._dialog_check.timeout.connect(self.keep_dialogs_off_banner)
        if alert_banner is not None and hasattr(alert_banner, "layout_changed"):
            alert_banner.layout_changed.connect(self._dialog_check.start)

    # ------------------------------------------------------------ menus and actions
    def _action(
        self,
        text: str,
        keys: list[str] | None = None,
        slot: Callable[[], object] | None = None,
        name: str = "",
    ) -> QAction:
        act = QAction(text, self)
        if name:
            act.setObjectName(name)
        if keys:
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if slot is not None:
            act.triggered.connect(slot)
        self.addAction(act)
        label_with_shortcut(act)
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Console"))
        self.refresh_action = self._action(
            self.tr("Refresh queue"), ["F5"], self.refresh_requested.emit, "RefreshAction"
        )
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        lang_menu = file_menu.addMenu(self.tr("Language"))
        self.language_group = QActionGroup(self)
        for code, text in (("zh_CN", "简体中文"), ("en", "English")):
            act = lang_menu.addAction(text)
            act.setCheckable(True)
            act.setData(code)
            self.language_group.addAction(act)
            act.triggered.connect(lambda _c=False, c=code: self._choose_language(c))
        theme_menu = file_menu.addMenu(self.tr("Theme"))
        self.theme_group = QActionGroup(self)
        for code, text in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark (night shift)")),
        ):
            act = theme_menu.addAction(text)
            act.setCheckable(True)
            act.setData(code)
            self.theme_group.addAction(act)
            act.triggered.connect(lambda _c=False, c=code: self.theme_requested.emit(c))
        self.settings_action = self._action(
            self.tr("Settings…"), ["Ctrl+,"], self.settings_requested.emit, "SettingsAction"
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.sign_out_action = self._action(
            self.tr("Sign out"), ["Ctrl+Shift+L"], self.ask_sign_out, "SignOutAction"
        )
        file_menu.addAction(self.sign_out_action)
        self.quit_action = self._action(self.tr("Quit"), ["Ctrl+Q"], self.ask_quit, "QuitAction")
        file_menu.addAction(self.quit_action)

        queue_menu = bar.addMenu(self.tr("&Queue"))
        self.open_action = QAction(self.tr("Open selected case"), self)
        self.open_action.setObjectName("OpenAction")
        self.open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        # Only while the queue has the focus: Enter belongs to whatever else is focused.
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self._open_selected)
        self.queue_view.table.addAction(self.open_action)
        label_with_shortcut(self.open_action)
        queue_menu.addAction(self.open_action)
        self.search_action = self._action(
            self.tr("Search"), ["Ctrl+F"], self.queue_view.focus_search, "SearchAction"
        )
        queue_menu.addAction(self.search_action)
        self.goto_action = self._action(
            self.tr("Go to case number…"),
            ["Ctrl+G"],
            self.queue_view.filter_bar.start_case_lookup,
            "GoToCaseAction",
        )
        queue_menu.addAction(self.goto_action)
        self.outbox_action = self._action(
            self.tr("Outbox…"), ["Ctrl+Shift+O"], self.outbox_requested.emit, "OutboxAction"
        )
        queue_menu.addAction(self.outbox_action)
        self.queue_focus_action = self._action(
            self.tr("Back to the queue"), ["Ctrl+L"], self.queue_view.focus_table, "QueueFocus"
        )
        queue_menu.addAction(self.queue_focus_action)
        queue_menu.addSeparator()
        bar_widget = self.queue_view.filter_bar
        for scope, text, key in (
            ("mine", self.tr("Show mine"), "Alt+1"),
            ("unit", self.tr("Show my unit"), "Alt+2"),
            ("all", self.tr("Show all visible"), "Alt+3"),
        ):
            button = bar_widget.scope_buttons[scope]
            act = self._action(text, [key], button.click, f"Scope_{scope}")
            button.setToolTip(act.toolTip())
            queue_menu.addAction(act)
        queue_menu.addSeparator()
        queue_menu.addAction(self.refresh_action)
        bar_widget.set_search_shortcut_hint(key_text("Ctrl+F"))

        self.case_menu = bar.addMenu(self.tr("C&ase"))
        if self.case_view is not None and hasattr(self.case_view, "case_actions"):
            for act in self.case_view.case_actions():
                label_with_shortcut(act)
                self.case_menu.addAction(act)
        if self.alert_banner is not None and hasattr(self.alert_banner, "acknowledge_action"):
            self.case_menu.addSeparator()
            self.case_menu.addAction(self.alert_banner.acknowledge_action)
        self.case_menu.menuAction().setVisible(not self.case_menu.isEmpty())

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.dashboard_action = self._action(
            self.tr("Dashboard"), ["Ctrl+D"], self.toggle_dashboard, "DashboardAction"
        )
        self.dashboard_action.setEnabled(False)
        self.view_menu.addAction(self.dashboard_action)
        add_citizen_actions(self, queue_menu, self.view_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.help_action = self._action(
            self.tr("Keyboard shortcuts"), ["F1", "?", "Shift+?"], self.show_shortcuts, "HelpAction"
        )
        help_menu.addAction(self.help_action)
        self.about_action = self._action(
            self.tr("About Duty Console"), None, self.about_requested.emit, "AboutAction"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def all_actions(self) -> list[QAction]:
        """Every action in the menus (what the shortcut sheet lists)."""
        found: list[QAction] = []

        def walk(menu: QMenu) -> None:
            for act in menu.actions():
                sub = act.menu()
                if isinstance(sub, QMenu):
                    walk(sub)
                elif not act.isSeparator() and act not in found:
                    found.append(act)

        for top in self.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                walk(menu)
        return found

    def show_shortcuts(self) -> None:
        if self._sheet is None:
            self._sheet = ShortcutSheet(self.all_actions(), self)
        if self._sheet.isVisible():
            self._sheet.raise_()  # already open behind something: bring it forward
        else:
            self._sheet.show()
        self._sheet.activateWindow()

    def _choose_language(self, code: str) -> None:
        self.language_requested.emit(code)
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Language"))
        box.setText(self.tr("The new language applies the next time the console starts."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()

    def _open_selected(self) -> None:
        post = self.queue_view.selected_post()
        if post is not None:
            self.queue_view.open_requested.emit(post.id)

    # ------------------------------------------------------------ the dashboard page
    def set_dashboard(self, dashboard: QWidget) -> None:
        """Adds the dashboard as a second page (Ctrl+D switches)."""
        if self.dashboard is not None:
            return
        self.dashboard = dashboard
        self.pages.addTab(dashboard, self.tr("Dashboard"))
        self.pages.tabBar().show()
        self.dashboard_action.setEnabled(True)

    def toggle_dashboard(self) -> None:
        if self.dashboard is None:
            return
        showing = self.pages.currentWidget() is self.dashboard
        self.pages.setCurrentWidget(self.splitter if showing else self.dashboard)
        if showing:
            self.queue_view.focus_table()

    def show_queue_page(self) -> None:
        self.pages.setCurrentWidget(self.splitter)

    # ------------------------------------------------------------ identity and title
    def set_identity(self, name: str, badge: str, unit: str, *, demo: bool = False) -> None:
        self._identity = (
            self.tr("{name} ({badge}) · {unit}").format(name=name, badge=badge, unit=unit)
            if name
            else ""
        )
        parts = [self.tr("Duty Console")]
        if self._identity:
            parts.append(self._identity)
        if demo:
            parts.append(self.tr("Local demo platform"))
        self.setWindowTitle(" — ".join(parts))
        self.status.set_demo(demo)
        if name:
            self.status.set_officer(name, badge, unit)

    def set_current_choices(self, language: str, theme: str) -> None:
        for act in self.language_group.actions():
            act.setChecked(act.data() == language)
        for act in self.theme_group.actions():
            act.setChecked(act.data() == theme)

    # ------------------------------------------------------------ layout memory
    def restore_layout(self) -> None:
        s = self.settings
        geometry = s.window_geometry
        if not geometry or not self.restoreGeometry(QByteArray(geometry)):
            area = self.screen().availableGeometry()
            self.resize(min(1680, int(area.width() * 0.95)), min(1000, int(area.height() * 0.95)))
        state = s.window_state
        if state:
            self.restoreState(QByteArray(state))
        splitter = s.splitter_state
        if not splitter or not self.splitter.restoreState(QByteArray(splitter)):
            self.splitter.setSizes([960, 640])
        self.queue_view.set_column_widths(s.column_widths)

    def save_layout(self) -> None:
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().data())
        s.window_state = bytes(self.saveState().data())
        s.splitter_state = bytes(self.splitter.saveState().data())
        s.column_widths = self.queue_view.column_widths()

    # ------------------------------------------------------------ leaving
    def ask_quit(self) -> None:
        """Ctrl+Q and the close button: this window is the alarm device, so ask first."""
        self._ask_leave(
            self.tr(
                "Quit the Duty Console? Until it runs again, no silent-report alarm "
                "sounds at this workstation."
            ),
            self.tr("Quit"),
            self._quit_confirmed,
        )

    def ask_sign_out(self) -> None:
        """注销: ask first; signed out, this console watches no reports."""
        self._ask_leave(
            self.tr(
                "Sign out? Until someone signs in again, no silent-report alarm sounds "
                "at this workstation."
            ),
            self.tr("Sign out"),
            self.sign_out_requested.emit,
        )

    def _ask_leave(self, text: str, yes: str, confirmed: Callable[[], object]) -> None:
        if self.leave_box is not None:
            self.leave_box.raise_()
            self.leave_box.activateWindow()
            return
        box = QMessageBox(self)
        box.setObjectName("LeaveQuestion")
        box.setWindowModality(Qt.WindowModality.NonModal)  # the alarm banner stays usable
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Duty Console"))
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Stay"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(result: int) -> None:
            self.leave_box = None
            if result == QMessageBox.StandardButton.Yes:
                confirmed()

        box.finished.connect(answered)
        self.leave_box = box
        box.show()

    def _quit_confirmed(self) -> None:
        self._closing_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The close button asks like Ctrl+Q; the console closing its own window does not.
        if event.spontaneous() and not self._closing_confirmed:
            event.ignore()
            self.ask_quit()
            return
        self.save_layout()
        self.closing.emit()
        super().closeEvent(event)

    # ------------------------------------------------------------ dialogs and the alarm
    def _owns(self, widget: QWidget) -> bool:
        """The widget's window is one of this window's dialogs."""
        w: QWidget | None = widget.window()
        if w is None or w is self:
            return False
        while w is not None:
            if w is self:
                return True
            w = w.parentWidget()
        return False

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self._owns(new):
            self.lend_alarm_keys(new.window())
            self.keep_dialogs_off_banner()

    def lend_alarm_keys(self, dialog: QWidget) -> None:
        """Ctrl+Shift+A works while this dialog has the focus too."""
        banner = self.alert_banner
        action = getattr(banner, "acknowledge_action", None)
        if isinstance(action, QAction) and action not in dialog.actions():
            dialog.addAction(action)

    def keep_dialogs_off_banner(self) -> None:
        """Move any dialog of this window that covers the alarm banner below it."""
        banner = self.alert_banner
        if banner is None or not banner.isVisible():
            return
        top_left = banner.mapToGlobal(QPoint(0, 0))
        area = QRect(top_left, banner.size())
        screen = self.screen().availableGeometry()
        for w in QApplication.topLevelWidgets():
            if not (isinstance(w, QDialog | QMessageBox) and w.isVisible() and self._owns(w)):
                continue
            frame = w.frameGeometry()
            if not frame.intersects(area):
                continue
            y = area.bottom() + 8
            y = min(y, max(screen.top(), screen.bottom() - frame.height()))
            w.move(frame.left(), y)
