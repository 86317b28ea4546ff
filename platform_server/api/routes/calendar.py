"""Routes: the holiday calendar — `GET /calendar` for everyone signed in, `PUT` for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from platform_server import schemas, schemas_calendar
from platform_server.api.deps import Ctx, CurrentViewer, officer_origin
from platform_server.domain import calendar
from platform_server.domain.workdays import LOCAL_OFFSET
from platform_server.errors import ApiError

router = APIRouter(tags=["calendar"])

Year = Annotated[int, Path(ge=2000, le=2100)]


@router.get(
    "/calendar",
    response_model=schemas_calendar.CalendarOut,
    summary="Days off and make-up working days per year (official or provisional)",
)
def get_calendar(ctx: Ctx, viewer: CurrentViewer) -> schemas_calendar.CalendarOut:
    with ctx.read() as db:
        known = calendar.years(db)
    return schemas_calendar.CalendarOut(
        utc_offset_hours=int(LOCAL_OFFSET.total_seconds() // 3600), years=list(known.values())
    )


@router.put(
    "/calendar/{year}",
    response_model=schemas_calendar.CalendarYearOut,
    summary="Replace one year of the calendar (admins), e.g. when the State Council "
    "publishes the year's arrangement",
    responses={403: {"model": schemas.ErrorOut}, 422: {"model": schemas.ErrorOut}},
)
def put_calendar_year(
    year: Year,
    payload: schemas_calendar.CalendarYearIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
) -> schemas_calendar.CalendarYearOut:
    if not viewer.is_admin:
        raise ApiError(403, "forbidden", "只有系统管理员可以修改节假日安排。")
    origin = officer_origin(request, viewer, None)
    with ctx.write() as db:
        return calendar.put_year(db, origin, year, payload, ctx.clock())
