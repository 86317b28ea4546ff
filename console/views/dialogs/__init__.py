"""Dialogs: sign-in, settings, about, and the ones behind the case actions (transfer,
resolve, reopen)."""
