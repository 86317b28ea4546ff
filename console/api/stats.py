"""The dashboard figures (`GET /api/v1/stats/<name>`) as typed, immutable models.

Field names are the platform's (platform_server/stats/schemas.py) exactly;
tests/contract compares the two field by field. Durations are seconds, shares are
fractions 0–1 (None when nothing was counted), days are Beijing dates 'YYYY-MM-DD'.
`parse_figure(name, json)` turns one answer into its model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from console.api import errors
from console.api.models import FromJson


@dataclass(frozen=True, kw_only=True, slots=True)
class StatsWindow(FromJson):
    """What the figures cover: the period, the previous one, and the scope."""

    period: str
    since: datetime
    until: datetime
    prev_since: datetime
    prev_until: datetime
    generated_at: datetime
    scope: str  # all | unit | self
    unit_id: int | None = None
    unit_name: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Kpi(FromJson):
    value: float | None = None
    previous: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Summary(FromJson):
    """The KPI tiles: each figure now and in the previous period."""

    window: StatsWindow
    open: Kpi
    overdue: Kpi
    silent_unacknowledged: Kpi
    created: Kpi
    resolved: Kpi
    first_response_median_s: Kpi
    resolution_median_s: Kpi
    satisfaction_avg: Kpi
    deadline_compliance: Kpi
    clearance_24h: Kpi
    silent_within_15s: Kpi

    def kpi(self, key: str) -> Kpi | None:
        value = getattr(self, key, None)
        return value if isinstance(value, Kpi) else None


@dataclass(frozen=True, kw_only=True, slots=True)
class OfficerLoad(FromJson):
    officer_id: int
    badge: str
    name: str
    unit_id: int
    on_duty: bool
    open: int
    overdue: int
    accepted: int
    replied: int
    transferred: int
    resolved: int


@dataclass(frozen=True, kw_only=True, slots=True)
class UnitLoad(FromJson):
    unit_id: int
    name: str
    kind: str
    parent_id: int | None
    open: int
    assigned: int
    overdue: int
    accepted: int
    replied: int
    transferred: int
    resolved: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Workload(FromJson):
    window: StatsWindow
    officers: tuple[OfficerLoad, ...] = ()
    units: tuple[UnitLoad, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class BoardCount(FromJson):
    board: str
    name: str
    count: int


@dataclass(frozen=True, kw_only=True, slots=True)
class DayVolume(FromJson):
    day: str
    total: int
    by_board: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class BacklogPoint(FromJson):
    day: str
    at: datetime
    open: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Volume(FromJson):
    window: StatsWindow
    total: int
    by_board: tuple[BoardCount, ...] = ()
    by_hour: tuple[int, ...] = ()  # 24 counts, Beijing hour of day
    by_day: tuple[DayVolume, ...] = ()
    backlog: tuple[BacklogPoint, ...] = ()  # open posts at the end of each day


@dataclass(frozen=True, kw_only=True, slots=True)
class Spread(FromJson):
    count: int
    mean_s: float | None = None
    median_s: float | None = None
    p90_s: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class GroupSpread(Spread):
    key: str  # board code or unit id
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Histogram(FromJson):
    edges_s: tuple[float, ...] = ()  # bucket bounds: <e0, [e0,e1), …, ≥ last
    counts: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class DurationStats(FromJson):
    overall: Spread
    histogram: Histogram
    target_s: float
    by_board: tuple[GroupSpread, ...] = ()
    by_unit: tuple[GroupSpread, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Times(FromJson):
    window: StatsWindow
    first_response: DurationStats
    resolution: DurationStats


@dataclass(frozen=True, kw_only=True, slots=True)
class DueItem(FromJson):
    id: int
    title: str
    board: str
    kind: str
    status: str
    unit_id: int | None
    assignee_id: int | None
    deadline_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class Deadlines(FromJson):
    window: StatsWindow
    decided: int
    on_time: int
    compliance: float | None
    overdue_count: int
    due_soon_count: int
    list_cap: int
    overdue: tuple[DueItem, ...] = ()  # most overdue first, capped
    due_soon: tuple[DueItem, ...] = ()  # due within 2 h, soonest first, capped


@dataclass(frozen=True, kw_only=True, slots=True)
class UnhappyItem(FromJson):
    post_id: int
    title: str
    score: int
    comment: str
    rated_at: datetime
    unit_id: int | None
    assignee_id: int | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Satisfaction(FromJson):
    window: StatsWindow
    count: int
    average: float | None
    unhappy_count: int
    unhappy_share: float | None
    distribution: tuple[int, ...] = ()  # counts of scores 1..5
    unhappy: tuple[UnhappyItem, ...] = ()  # scores ≤ 2, newest first, capped


@dataclass(frozen=True, kw_only=True, slots=True)
class Silent(FromJson):
    window: StatsWindow
    count: int
    acknowledged: int
    unacknowledged_now: int
    ack: Spread
    within_15s: int
    within_15s_share: float | None
    within_20s: int
    within_20s_share: float | None
    escalations: int
    histogram: Histogram
    target_15s_share: float = 0.90
    target_20s_share: float = 0.95


@dataclass(frozen=True, kw_only=True, slots=True)
class Clearance(FromJson):
    window: StatsWindow
    decided: int
    cleared: int
    rate: float | None


@dataclass(frozen=True, kw_only=True, slots=True)
class UnitRank(FromJson):
    """One unit's promises kept (platform_server/stats/ranking.py defines each figure)."""

    unit_id: int
    code: str
    name: str
    dispatched: int
    sign_decided: int
    signed_on_time: int
    sign_on_time_rate: float | None = None  # 签收及时率
    returned: int
    return_rate: float | None = None  # 回退率
    posts: int
    decided: int
    closed_on_time: int
    closed_on_time_rate: float | None = None  # 按期办结率
    extended: int
    extension_rate: float | None = None  # 延期率
    rated: int
    satisfied: int
    satisfaction_rate: float | None = None  # 满意率


@dataclass(frozen=True, kw_only=True, slots=True)
class UnitRanking(FromJson):
    """`/stats/units` (leaders only): every unit in scope, one row each."""

    window: StatsWindow
    units: tuple[UnitRank, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class DissatisfiedItem(FromJson):
    """A callback whose author was dissatisfied (the post was reopened under supervision)."""

    callback_id: int
    post_id: int
    title: str
    unit_id: int | None = None
    at: datetime
    note: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Callbacks(FromJson):
    """`/stats/callbacks` (回访): coverage, satisfaction from callbacks and ratings, the unhappy."""

    window: StatsWindow
    resolved: int
    made: int
    reached: int
    unreachable: int
    due: int
    outcomes: dict[str, int] = field(default_factory=dict)
    coverage: float | None = None  # reached ÷ resolved
    satisfaction_callbacks: float | None = None  # (satisfied + basically satisfied) ÷ reached
    ratings_count: int = 0
    satisfaction_ratings: float | None = None  # ratings of 4–5 ÷ ratings
    dissatisfied: tuple[DissatisfiedItem, ...] = ()


Figure = (
    Summary
    | Workload
    | Volume
    | Times
    | Deadlines
    | Satisfaction
    | Silent
    | Clearance
    | UnitRanking
    | Callbacks
)

# `/stats/<name>` → the model of its answer.
FIGURE_MODELS: dict[str, type[Figure]] = {
    "summary": Summary,
    "workload": Workload,
    "volume": Volume,
    "times": Times,
    "deadlines": Deadlines,
    "satisfaction": Satisfaction,
    "silent": Silent,
    "clearance": Clearance,
    "units": UnitRanking,
    "callbacks": Callbacks,
}


def parse_figure(name: str, data: Any) -> Figure:
    """One `/stats/<name>` answer as its model; ResponseError when it does not fit."""
    model = FIGURE_MODELS.get(name)
    if model is None:
        raise ValueError(f"no model for /stats/{name}")
    try:
        return model.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise errors.ResponseError(
            0, "bad_response", details={"detail": f"/stats/{name}: {exc}"}
        ) from exc
