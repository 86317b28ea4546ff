"""The dispatches and extensions behind the per-unit ranking test, on top of the stats
data set (`tests/helpers/stats_cast.py`), with hand-computed answers in the test.

All dispatches come from the command centre (cmd); times are Beijing (2025), the
window is the stats data set's (03-10 00:00 to 03-12 00:00).

    row  post  to         dispatched  sign deadline  what happened
    D1   P3    chengguan  03-10 09:30 10:00          C signs 09:45 (in time)
    D2   P9    xiguan     03-11 11:01 11:31          D signs 11:29 (in time)
    D3   P4    xiguan     03-11 10:05 10:35          returned unsigned 10:20 (before its
                                                     deadline: the sign-for is not counted)
    D4   P4    chengguan  03-11 10:30 11:00          never signed; returned 11:20 (late)
    D5   P4    kaifa      03-11 12:00 12:30          signed 12:45 (late), returned 13:00
    D6   P8    chengguan  03-09 10:01 10:31          previous window: not counted

    extension  post  asked by   status
    E1         P3    chengguan  approved
    E2         P4    xiguan     pending   (P4 is cmd's now: counts for nobody)
    E3         P2    cmd        rejected
    E4         P2    cmd        pending   (the same post again: still one post)
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from platform_server.storage.engines import open_database
from platform_server.storage.models import Dispatch, Extension, Officer
from tests.helpers.platform import RunningPlatform
from tests.helpers.stats_cast import Cast, bj


def install_dispatches(platform: RunningPlatform, cast: Cast) -> None:
    db = open_database(platform.db_url, create=False)
    units, posts = cast.units, cast.posts
    with db.writing() as s:
        kaifa = s.scalars(
            select(Officer).where(Officer.unit_id == units["st-kaifa"]).order_by(Officer.badge)
        ).first()
        assert kaifa is not None

        def dispatch(
            post: str,
            to: str,
            at: str,
            signed: str | None = None,
            by: Officer | None = None,
            returned: str | None = None,
            code: str = "not_our_jurisdiction",
        ) -> None:
            t = bj(at)
            end = bj(returned) if returned else None
            s.add(
                Dispatch(
                    post_id=posts[post],
                    unit_id=units[to],
                    from_unit_id=units["cmd"],
                    by_id=cast.b.id,
                    at=t,
                    sign_deadline_at=t + timedelta(minutes=30),
                    signed_at=bj(signed) if signed else None,
                    signed_by_id=by.id if by else None,
                    overdue_count=0,
                    ended_at=end,
                    return_code=code if end else None,
                    return_reason="测试回退" if end else None,
                )
            )

        dispatch("P3", "st-chengguan", "03-10 09:30", "03-10 09:45", cast.c)
        dispatch("P9", "st-xiguan", "03-11 11:01", "03-11 11:29", cast.d)
        dispatch("P4", "st-xiguan", "03-11 10:05", returned="03-11 10:20")
        dispatch("P4", "st-chengguan", "03-11 10:30", returned="03-11 11:20", code="other")
        dispatch("P4", "st-kaifa", "03-11 12:00", "03-11 12:45", kaifa, "03-11 13:00", "duplicate")
        dispatch("P8", "st-chengguan", "03-09 10:01", "03-09 10:05", cast.c)

        def extension(post: str, unit: str, who: Officer, status: str) -> None:
            s.add(
                Extension(
                    post_id=posts[post],
                    unit_id=units[unit],
                    requested_by_id=who.id,
                    requested_at=bj("03-11 09:00"),
                    until=bj("03-15 09:00"),
                    reason="需要走访",
                    status=status,
                    comment="",
                )
            )

        extension("P3", "st-chengguan", cast.c, "approved")
        extension("P4", "st-xiguan", cast.d, "pending")
        extension("P2", "cmd", cast.a, "rejected")
        extension("P2", "cmd", cast.a, "pending")
    db.dispose()
