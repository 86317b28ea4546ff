"""Open posts near a located post, as the viewer may read them.

The database narrows the search to a bounding box of the radius among open posts (a
small share of all posts, through the status index); the exact great-circle distance
(haversine) then keeps those inside the circle, nearest first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain.listing import visibility_clause
from platform_server.domain.scope import Viewer
from platform_server.storage.models import OPEN_STATUSES, Post

EARTH_RADIUS_M = 6_371_008.8
M_PER_DEG_LAT = 111_320.0
DEFAULT_RADIUS_M = 1000.0
MAX_RADIUS_M = 20_000.0
MAX_NEARBY = 100


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def open_posts_near(
    db: Session,
    viewer: Viewer | None,
    lat: float,
    lon: float,
    radius_m: float,
    *,
    exclude: Sequence[int] = (),
    limit: int = MAX_NEARBY,
) -> list[tuple[Post, float]]:
    """(post, distance) of the open posts within `radius_m` of the point, nearest first."""
    dlat = radius_m / M_PER_DEG_LAT
    dlon = radius_m / (M_PER_DEG_LAT * max(0.01, math.cos(math.radians(lat))))
    query = select(Post).where(
        Post.status.in_(OPEN_STATUSES),
        Post.lat.between(lat - dlat, lat + dlat),
        Post.lon.between(lon - dlon, lon + dlon),
    )
    if exclude:
        query = query.where(Post.id.not_in(list(exclude)))
    if viewer is not None and (vis := visibility_clause(db, viewer)) is not None:
        query = query.where(vis)
    found = []
    for post in db.scalars(query):
        assert post.lat is not None and post.lon is not None  # the box needs both
        d = distance_m(lat, lon, post.lat, post.lon)
        if d <= radius_m:
            found.append((post, d))
    found.sort(key=lambda pd: (pd[1], pd[0].id))
    return found[:limit]
