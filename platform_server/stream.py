"""Event fan-out hub (placeholder; being written)."""

from __future__ import annotations

from typing import Any


class EventHub:
    def __init__(self, db: Any, settings: Any) -> None:
        self.db = db
        self.settings = settings

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    def notify(self) -> None:
        pass
