"""Full-text search adapter (placeholder until the search module lands)."""

from __future__ import annotations

from typing import Any


def install(db: Any) -> None:
    """Create engine-specific search structures (FTS tables, triggers)."""
