"""A newer location from the reporter: kept beside the first, never replacing it.

A reporter on a bus, or walking away from danger, sends where they are now. The post's
own `location` stays the first one (what the officer saw when the alarm sounded); each
newer one is a `PostLocation` row, a timeline entry and a `post.updated` event with
action `locate`, so every console shows it next to the first with its own age.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_location
from platform_server.domain.intake import own_post
from platform_server.domain.origin import Origin
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.models import OPEN_STATUSES, PostLocation, utcnow

MAX_LATER_LOCATIONS = 50


def add_location(
    db: Session,
    origin: Origin,
    post_id: int,
    location: schemas.LocationIO,
    *,
    now: datetime | None = None,
) -> PostLocation:
    """The author's newer location on their own open post."""
    if origin.citizen_id is None:
        raise TypeError("a newer location comes from the post's author")
    check_location(location)
    post = own_post(db, post_id, origin.citizen_id, "补充位置")
    if post.status not in OPEN_STATUSES:
        raise ApiError(409, "illegal_transition", "这条帖子已办结，不能再补充位置。")
    count = db.query(PostLocation).filter(PostLocation.post_id == post.id).count()
    if count >= MAX_LATER_LOCATIONS:
        raise ApiError(
            422, "too_many_locations", f"每条帖子最多补充 {MAX_LATER_LOCATIONS} 次位置。"
        )
    now = now or utcnow()
    row = PostLocation(
        post_id=post.id,
        lat=location.lat,
        lon=location.lon,
        accuracy_m=location.accuracy_m,
        address=location.address,
        created_at=now,
    )
    db.add(row)
    detail = f"{location.lat:.6f},{location.lon:.6f}"
    if location.accuracy_m is not None:
        detail += f" ±{location.accuracy_m:.0f} m"
    step(db, post, now, "located", origin, detail=detail)
    touch(post, now)
    finish(db, origin, post, ev.PostUpdated, "locate", detail=detail)
    return row
