"""Data files the platform ships (the holiday calendar: scripts/make_calendar.py)."""
