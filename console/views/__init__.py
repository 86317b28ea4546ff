"""The console's screens, a package per screen, plus the two modules every screen shares.

- ``theme``: every colour, named once for the light and the dark theme.
- ``text``: every display word that is not a sentence of one screen (status names,
  durations, Beijing time, action names).
- ``queue/``, ``case/``, ``dashboard/``: the three working screens.
- ``shell/``: the main window around them, the status bar, the alarm banner, shortcuts.
- ``dialogs/``: sign-in, settings, about, and the dialogs behind the case actions.

A screen's widget-free controller (``queue/feed.py``, ``case/controller.py``) sits in its
own module beside the widgets and imports no ``QtWidgets``, so it is tested without a
window.
"""
