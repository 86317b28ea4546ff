"""What surrounds the screens: the main window and its menus, the status bar, the
silent-report alarm banner and the keyboard-shortcut sheet."""
