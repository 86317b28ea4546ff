"""Open posts per station district, as the viewer may read them (the choropleth)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from platform_server.domain.listing import visibility_clause
from platform_server.domain.scope import Viewer
from platform_server.geo.schemas import DistrictCount, DistrictCountsOut
from platform_server.storage.models import OPEN_STATUSES, Post


def open_per_district(db: Session, viewer: Viewer) -> DistrictCountsOut:
    silent = func.sum(case((Post.kind == "silent_report", 1), else_=0))
    query = (
        select(Post.suggested_unit_id, func.count(), silent)
        .where(Post.status.in_(OPEN_STATUSES))
        .group_by(Post.suggested_unit_id)
    )
    if (vis := visibility_clause(db, viewer)) is not None:
        query = query.where(vis)
    items, unlocated = [], 0
    for unit_id, count, silent_count in db.execute(query).all():
        if unit_id is None:
            unlocated += int(count)
        else:
            items.append(
                DistrictCount(unit_id=unit_id, open=int(count), silent_open=int(silent_count or 0))
            )
    items.sort(key=lambda d: d.unit_id)
    return DistrictCountsOut(items=items, unlocated_open=unlocated)
