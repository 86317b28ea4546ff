"""The tables of hotspots (预警研判): spikes of similar posts the platform detected.

Declared on the platform's `Base` (platform_server.storage.models), in a module of
their own; `storage.engines` imports it so its tables are part of every schema.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from platform_server.storage.models import Base, utcnow


class Hotspot(Base):
    """A spike of similar posts on one board in one station's district.

    `terms`: the words its posts share, joined by a tab; `count`: how many posts were in
    the window when it crossed the threshold (later members join `HotspotPost`);
    `baseline`: the median count in the same window of the day over the past weeks;
    `last_post_at`: its newest member (it is active while posts keep coming).
    """

    __tablename__ = "hotspots"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    terms: Mapped[str] = mapped_column(String(200))
    window_minutes: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    baseline: Mapped[float] = mapped_column(Float)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_hotspots_last_post_at", "last_post_at"),)


class HotspotPost(Base):
    """One member post of a hotspot."""

    __tablename__ = "hotspot_posts"

    hotspot_id: Mapped[int] = mapped_column(ForeignKey("hotspots.id"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), primary_key=True, index=True)
