"""A clock tests move by hand, for code that takes `now` as a callable."""

from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    """Returns `now` when called; `advance()` moves it forward."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
