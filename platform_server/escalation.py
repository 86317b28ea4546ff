"""Escalation of unacknowledged silent reports (placeholder; being written)."""

from __future__ import annotations

from typing import Any


class Escalator:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass
