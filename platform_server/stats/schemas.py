"""Response shapes of `GET /api/v1/stats/...` (documented in /openapi.json).

Durations are seconds; shares are fractions 0–1 (None when nothing was counted, so
"no data" never reads as 0 %); days are Beijing calendar days 'YYYY-MM-DD'.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from platform_server.schemas import Utc


class StatsWindow(BaseModel):
    """What the figures cover: the period, the previous one of equal length, the scope."""

    period: str
    since: Utc
    until: Utc
    prev_since: Utc
    prev_until: Utc
    generated_at: Utc
    scope: Literal["all", "unit", "self"] = Field(
        description="all: every unit (admin); unit: the unit and its subtree; "
        "self: a duty officer's own figures"
    )
    unit_id: int | None
    unit_name: str


class Kpi(BaseModel):
    """One headline figure and the same figure for the previous period."""

    value: float | None
    previous: float | None


class SummaryOut(BaseModel):
    window: StatsWindow
    open: Kpi = Field(description="open posts now / at the end of the previous period")
    overdue: Kpi = Field(description="open past their deadline now / at the previous end")
    silent_unacknowledged: Kpi = Field(description="silent reports nobody acknowledged yet")
    created: Kpi
    resolved: Kpi
    first_response_median_s: Kpi
    resolution_median_s: Kpi
    satisfaction_avg: Kpi
    deadline_compliance: Kpi = Field(description="share resolved on or before the deadline")
    clearance_24h: Kpi = Field(description="share of posts resolved within 24 h")
    silent_within_15s: Kpi = Field(description="share of silent reports acknowledged ≤ 15 s")


class OfficerLoad(BaseModel):
    officer_id: int
    badge: str
    name: str
    unit_id: int
    on_duty: bool
    open: int = Field(description="open posts assigned to the officer now")
    overdue: int = Field(description="of those, past their deadline now")
    accepted: int
    replied: int
    transferred: int
    resolved: int


class UnitLoad(BaseModel):
    unit_id: int
    name: str
    kind: str
    parent_id: int | None
    open: int
    assigned: int = Field(description="open posts of the unit that have an assignee")
    overdue: int
    accepted: int = Field(description="actions by the unit's officers in the period")
    replied: int
    transferred: int
    resolved: int


class WorkloadOut(BaseModel):
    window: StatsWindow
    officers: list[OfficerLoad]
    units: list[UnitLoad]


class BoardCount(BaseModel):
    board: str
    name: str
    count: int


class DayVolume(BaseModel):
    day: str
    total: int
    by_board: dict[str, int]


class BacklogPoint(BaseModel):
    day: str
    at: Utc
    open: int


class VolumeOut(BaseModel):
    window: StatsWindow
    total: int
    by_board: list[BoardCount]
    by_hour: list[int] = Field(description="24 counts, Beijing hour of day 0–23")
    by_day: list[DayVolume]
    backlog: list[BacklogPoint] = Field(description="open posts at the end of each day")


class SpreadOut(BaseModel):
    count: int
    mean_s: float | None
    median_s: float | None
    p90_s: float | None


class GroupSpread(SpreadOut):
    key: str = Field(description="board code or unit id")
    name: str


class Histogram(BaseModel):
    edges_s: list[float] = Field(description="bucket bounds: <e0, [e0,e1), …, ≥ last")
    counts: list[int]


class DurationStats(BaseModel):
    overall: SpreadOut
    by_board: list[GroupSpread]
    by_unit: list[GroupSpread]
    histogram: Histogram
    target_s: float


class TimesOut(BaseModel):
    window: StatsWindow
    first_response: DurationStats = Field(
        description="created → first public reply, posts created in the period"
    )
    resolution: DurationStats = Field(
        description="created → resolved, posts resolved in the period"
    )


class DueItem(BaseModel):
    id: int
    title: str
    board: str
    kind: str
    status: str
    unit_id: int | None
    assignee_id: int | None
    deadline_at: Utc


class DeadlinesOut(BaseModel):
    window: StatsWindow
    decided: int = Field(description="posts of the period that are resolved or past deadline")
    on_time: int
    compliance: float | None
    overdue_count: int
    overdue: list[DueItem] = Field(description="most overdue first, capped")
    due_soon_count: int
    due_soon: list[DueItem] = Field(description="due within 2 h, soonest first, capped")
    list_cap: int


class UnhappyItem(BaseModel):
    post_id: int
    title: str
    score: int
    comment: str
    rated_at: Utc
    unit_id: int | None
    assignee_id: int | None


class SatisfactionOut(BaseModel):
    window: StatsWindow
    count: int
    average: float | None
    distribution: list[int] = Field(description="counts of scores 1..5")
    unhappy_count: int
    unhappy_share: float | None
    unhappy: list[UnhappyItem] = Field(description="scores ≤ 2, newest first, capped")


class SilentOut(BaseModel):
    window: StatsWindow
    count: int
    acknowledged: int
    unacknowledged_now: int
    ack: SpreadOut
    within_15s: int
    within_15s_share: float | None
    within_20s: int
    within_20s_share: float | None
    escalations: int
    histogram: Histogram
    target_15s_share: float = 0.90
    target_20s_share: float = 0.95


class ClearanceOut(BaseModel):
    window: StatsWindow
    decided: int = Field(description="posts of the period resolved, or older than 24 h")
    cleared: int = Field(description="resolved within 24 h of being posted")
    rate: float | None
