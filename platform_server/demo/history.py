"""One historical post's life, as the handling workflow would have written it.

`plan_history` plans every step a post went through (attachments, escalation,
acknowledgement, acceptance, replies, notes, transfers between units, resolution,
rating, archiving) with plausible delays against the board's deadline, then keeps
only the steps that happened before `now`. Work is done to deadlines ("限时办理"):
most posts close well inside the limit, a few run hours to days over, and only
posts of the last few days may still be waiting past it, so the open queue holds
today's work and a few tens of overdue items rather than months-old leftovers.
The post's columns (status, assignee, timestamps, counters, version) are derived
from the kept steps, so they always agree with the child rows.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from platform_server.demo import text
from platform_server.demo.city import BoardInfo, CityModel, Handler, PostHistory
from platform_server.demo.replay import ESCALATION_SECONDS, Step, play

LOCAL_OFFSET = timedelta(hours=8)
# How often a post with a routing hint is really handed on to that unit.
TRANSFER_P = {
    "110": 0.85,
    "public-order": 0.9,
    "12345": 0.92,
    "advice": 0.7,
    "hukou": 0.6,
    "exit-entry": 0.6,
    "tips": 0.5,
    "silent": 0.8,
    "traffic": 0.5,
    "complaint": 0.0,
}
LOCATION_P = {"silent": 1.0, "110": 0.45, "public-order": 0.35, "traffic": 0.15}
# How often a post is marked 1 紧急 / 2 加急 / 4 低 by the desk (the rest stay 3 一般).
# Silent reports are always 1. Drawn from the post's own generator, not the city's, so
# adding priorities changed no other seeded value.
PRIORITY_P = {
    "110": (0.12, 0.35, 0.0),
    "public-order": (0.03, 0.2, 0.05),
    "traffic": (0.02, 0.15, 0.1),
    "tips": (0.05, 0.25, 0.0),
    "complaint": (0.0, 0.2, 0.0),
    "12345": (0.0, 0.05, 0.2),
    "advice": (0.0, 0.0, 0.45),
    "hukou": (0.0, 0.08, 0.25),
    "exit-entry": (0.0, 0.1, 0.2),
}
SCORES_ON_TIME = [5] * 60 + [4] * 25 + [3] * 8 + [2] * 4 + [1] * 3
SCORES_LATE = [5] * 25 + [4] * 25 + [3] * 20 + [2] * 15 + [1] * 15
# Typical time to resolve a post handled on time, as a share of its board's deadline
# ("限时办理": stations close most items well inside the limit, so the backlog is fresh).
MEDIAN_SHARE = {
    "110": 0.45,
    "traffic": 0.3,
    "hukou": 0.22,
    "exit-entry": 0.22,
    "public-order": 0.3,
    "tips": 0.3,
    "complaint": 0.4,
    "12345": 0.35,
    "advice": 0.2,
}
LATE_P = 0.12  # posts finished after their deadline (silent reports: SILENT_LATE_P)
SILENT_LATE_P = 0.15
# Only this recent a post may still be waiting, untouched or unfinished, past its deadline:
# anything older has long been closed, so overdue items are hours to a few days late.
STUCK_WINDOW = timedelta(days=4)
STUCK_P = 0.025
MAX_OVERRUN = timedelta(days=3)


def _minutes(rng: random.Random, median: float, sigma: float = 0.7) -> timedelta:
    return timedelta(minutes=median * rng.lognormvariate(0.0, sigma))


def _priority(board: str, post_id: int) -> int:
    """1 紧急 … 4 低, as the desk would have set it (deterministic per post)."""
    if board == "silent":
        return 1
    urgent, hurried, low = PRIORITY_P.get(board, (0.0, 0.1, 0.1))
    r = random.Random(post_id * 7919).random()
    if r < urgent:
        return 1
    if r < urgent + hurried:
        return 2
    return 4 if r > 1.0 - low else 3


def _office(rng: random.Random, t: datetime) -> datetime:
    """The same moment, or the next working morning when it falls outside 8:00–18:00."""
    local = t + LOCAL_OFFSET
    if 8 <= local.hour < 18:
        return t
    morning = local.replace(hour=8, minute=0, second=0, microsecond=0)
    if local.hour >= 18:
        morning += timedelta(days=1)
    return morning + timedelta(minutes=rng.uniform(0, 80)) - LOCAL_OFFSET


class _Planner:
    """Builds the ordered step list of one post; every step is at or after the previous one."""

    def __init__(
        self, rng: random.Random, city: CityModel, pt: text.PostText, unit: int, created: datetime
    ) -> None:
        self.rng = rng
        self.city = city
        self.pt = pt
        self.unit = unit
        self.t = created
        self.clock_start = created  # the deadline runs from here (restarts on transfer)
        self.officer: Handler | None = None
        self.steps: list[Step] = []

    def at(self, delay: timedelta, *, office: bool = False) -> datetime:
        t = self.t + delay
        if office and self.city.office_hours(self.unit):
            t = max(t, _office(self.rng, t))
        self.t = t
        return t

    def add(self, t: datetime, action: str, **info: Any) -> None:
        self.steps.append((t, action, info))

    def pick(self, unit: int) -> Handler:
        return self.rng.choice(self.city.handlers[unit])

    def accept(self, delay: timedelta) -> None:
        t = self.at(delay, office=True)
        self.officer = self.pick(self.unit)
        self.add(t, "accepted", officer=self.officer)

    def reply(self, delay: timedelta, stage: str, board: str) -> None:
        assert self.officer is not None
        body = text.compose_reply(
            board,
            stage,
            self.rng,
            station=self.pt.station,
            unit_name=self.city.unit_name[self.unit],
            officer="民警",
        )
        self.add(self.at(delay), "replied", officer=self.officer, body=body)

    def note(self, delay: timedelta) -> None:
        assert self.officer is not None
        body = text.compose_note(
            self.rng,
            station=self.pt.station,
            unit_name=self.city.unit_name[self.unit],
            officer=self.officer.name,
        )
        self.add(self.at(delay), "noted", officer=self.officer, body=body)

    def transfer(self, delay: timedelta, to: int, reason: str) -> None:
        assert self.officer is not None
        t = self.at(delay, office=True)
        self.clock_start = t
        self.add(
            t,
            "transferred",
            officer=self.officer,
            from_unit=self.unit,
            to_unit=to,
            reason=reason,
        )
        self.unit = to
        self.officer = None


def _hops(
    rng: random.Random, city: CityModel, board: str, pt: text.PostText, unit: int
) -> list[tuple[int, str]]:
    """Units the post is handed on to, each with the reason written on the transfer."""
    if pt.route is None or rng.random() >= TRANSFER_P.get(board, 0.0):
        return []
    target = city.unit_ids[pt.station if pt.route == "station" else pt.route]
    if target == unit:
        return []
    kind = city.unit_kind[target]
    hops = [(target, text.transfer_reason(kind, city.unit_name[target], rng))]
    if kind == "municipal" and rng.random() < 0.06:
        wrong = rng.choice([u for u in city.municipal if u != target])
        hops.insert(0, (wrong, text.transfer_reason(kind, city.unit_name[wrong], rng)))
        hops[1] = (target, f"不属于本单位职责，请转{city.unit_name[target]}办理")
    return hops


def _handling_time(rng: random.Random, board: str, deadline: timedelta, fate: str) -> timedelta:
    """From the (last) start of the deadline clock to resolution."""
    if fate == "late":  # a few hours over, rarely more than a day or two
        over = deadline * (0.3 * rng.lognormvariate(0.0, 0.8))
        return deadline + min(MAX_OVERRUN, max(timedelta(minutes=10), over))
    share = MEDIAN_SHARE.get(board, 0.3) * rng.lognormvariate(0.0, 0.55)
    return deadline * min(0.92, max(0.04, share))


def _resolved_at(start: datetime, due: datetime, handling: timedelta, span: timedelta) -> datetime:
    """When a post is resolved that took `handling` against a deadline `span` long, now that
    its deadline is `due`, counted from `start` (the last transfer): the same share of a
    working-day deadline, whose length depends on the day it starts, or as far past it."""
    length = due - start
    if length == span:
        return start + handling
    if handling > span:
        return due + (handling - span)
    return start + length * (handling / span)


def _plan_post(
    p: _Planner, board: BoardInfo, created: datetime, fate: str, hops: list[tuple[int, str]]
) -> None:
    # The deadline's length from creation: the board's minutes, or its working days
    # over the holiday calendar (a Friday's 3 working days run past the weekend).
    rng, deadline = p.rng, p.city.deadline(board.code, created) - created
    d_min = deadline.total_seconds() / 60
    if fate == "stuck" and rng.random() < 0.5:
        return  # never taken on: sits in the queue as new, past its deadline
    handling = _handling_time(rng, board.code, deadline, fate)
    # Progress replies and notes fall inside the handling time, not after it.
    within = min(handling, deadline)
    if board.code == "110":
        p.accept(_minutes(rng, 4))
    else:
        p.accept(min(_minutes(rng, d_min * 0.03, 0.8), deadline * 0.5) + timedelta(minutes=2))
    if rng.random() < 0.9:
        p.reply(timedelta(minutes=rng.uniform(1, 25)), "first", board.code)
    for to, reason in hops:
        p.transfer(timedelta(minutes=rng.uniform(3, 40)), to, reason)
        municipal = p.city.unit_kind[to] == "municipal"
        p.accept(_minutes(rng, 180) if municipal else timedelta(minutes=rng.uniform(5, 60)))
    if rng.random() < 0.35:
        p.reply(within * rng.uniform(0.1, 0.5), "progress", board.code)
    if rng.random() < 0.22:
        p.note(within * rng.uniform(0.05, 0.3))
    if fate == "stuck":
        return
    due = p.city.deadline(board.code, p.clock_start)
    p.t = max(p.t + timedelta(minutes=5), _resolved_at(p.clock_start, due, handling, deadline))
    _finish(p, board.code, due, office=True)


def _plan_silent(
    p: _Planner,
    board: BoardInfo,
    created: datetime,
    fate: str,
    hops: list[tuple[int, str]],
    *,
    suppress: bool,
) -> None:
    rng = p.rng
    if rng.random() < 0.55:
        media = rng.choice(p.city.media)
        p.add(created + timedelta(seconds=rng.uniform(2, 12)), "attachment_added", media=media)
    # Near the emergency standard (90 % within 15 s, 95 % within 20 s): most within
    # seconds, a few slower, and every one over ESCALATION_SECONDS escalated first.
    r = rng.random()
    if r < 0.93:
        ack = 2.0 + 6.0 * rng.lognormvariate(0.0, 0.45)
    else:
        ack = rng.uniform(15.5, 45) if r < 0.99 else rng.uniform(45, 150)
    if ack > ESCALATION_SECONDS:
        p.add(created + timedelta(seconds=ESCALATION_SECONDS), "escalated")
    # The desk may acknowledge before a photo finishes arriving; steps are sorted later.
    p.t = created + timedelta(seconds=ack)
    p.officer = rng.choice(p.city.silent_desk)
    p.add(p.t, "acknowledged", officer=p.officer)  # stops the alarm; claiming comes next
    p.add(p.at(timedelta(seconds=rng.uniform(3, 30))), "accepted", officer=p.officer)
    if not suppress:
        p.reply(timedelta(seconds=rng.uniform(20, 90)), "first", "silent")
    for to, reason in hops:
        p.transfer(timedelta(seconds=rng.uniform(60, 240)), to, reason)
        p.accept(timedelta(seconds=rng.uniform(60, 400)))
        if rng.random() < 0.5:
            p.note(timedelta(minutes=rng.uniform(3, 15)))
    minutes = rng.uniform(8, 28) if fate == "ok" else rng.uniform(31, 150)
    p.t = max(p.t + timedelta(minutes=1), p.clock_start + timedelta(minutes=minutes))
    _finish(p, "silent", p.city.deadline(board.code, p.clock_start), office=False, rating_p=0.15)


def _finish(
    p: _Planner, board: str, deadline_at: datetime, *, office: bool, rating_p: float = 0.55
) -> None:
    rng = p.rng
    assert p.officer is not None
    t = p.at(timedelta(0), office=office)
    resolution = text.compose_resolution(
        board, rng, station=p.pt.station, unit_name=p.city.unit_name[p.unit], officer="民警"
    )
    p.add(t, "resolved", officer=p.officer, resolution=resolution)
    last = t
    if rng.random() < rating_p:
        score = rng.choice(SCORES_LATE if t > deadline_at else SCORES_ON_TIME)
        last = t + timedelta(hours=rng.uniform(0.3, 30))
        p.add(last, "rated", score=score, comment=text.rating_comment(score, rng))
    if rng.random() < 0.92:
        p.add(last + timedelta(days=rng.uniform(3, 10)), "archived")


def plan_history(
    rng: random.Random,
    city: CityModel,
    *,
    post_id: int,
    board_code: str,
    created: datetime,
    now: datetime,
    citizen: dict[str, Any],
    burst: bool = False,
    channel: str = "board",
) -> PostHistory:
    """The rows of one post created at `created`, as they stand at `now`."""
    board = city.boards[board_code]
    silent = board_code == "silent"
    if silent:
        pt = text.compose_silent(rng)
    elif burst:
        pt = text.compose_burst_post(rng, 0)
    else:
        pt = text.compose_post(board_code, rng)
    unit = board.default_unit_id
    if pt.mentions and board_code not in ("tips", "complaint"):
        unit = city.unit_ids[pt.mentions[0]]  # as intake routes an @mention
    deadline_at = city.deadline(board_code, created)
    lat = lon = accuracy = address = None
    if rng.random() < LOCATION_P.get(board_code, 0.03):
        lat, lon, accuracy, address = text.location(rng, pt.station)
    suppress = silent and rng.random() < 0.3
    stuck_p = STUCK_P if not silent and now - created < STUCK_WINDOW else 0.0
    r = rng.random()
    late_p = SILENT_LATE_P if silent else LATE_P
    fate = "stuck" if r < stuck_p else "late" if r < stuck_p + late_p else "ok"
    hops = _hops(rng, city, board_code, pt, unit)
    planner = _Planner(rng, city, pt, unit, created)
    if silent:
        _plan_silent(planner, board, created, fate, hops, suppress=suppress)
    else:
        if board_code in ("110", "public-order", "traffic") and rng.random() < 0.06:
            photo = rng.choice([m for m in city.media if m.kind == "image"])
            planner.add(
                created + timedelta(seconds=rng.uniform(20, 300)), "attachment_added", media=photo
            )
        _plan_post(planner, board, created, fate, hops)

    post: dict[str, Any] = {
        "id": post_id,
        "kind": "silent_report" if silent else "post",
        "board_id": board.id,
        "title": pt.title,
        "body": pt.body,
        "citizen_id": citizen["id"],
        "author_nickname": citizen["nickname"],
        "author_phone": citizen["phone"],
        "channel": channel,
        "created_at": created,
        "deadline_at": deadline_at,
        "pinned": False,
        "lat": lat,
        "lon": lon,
        "accuracy_m": accuracy,
        "address": address,
        "suppress_receipt": suppress,
        "priority": _priority(board_code, post_id),
        "suggested_unit_id": city.district_unit(lat, lon),
    }
    hist = PostHistory(post)
    steps = sorted(planner.steps, key=lambda step: step[0])
    play(hist, unit, lambda start: city.deadline(board_code, start), steps, now)
    hist.mentions = [
        {"post_id": post_id, "unit_id": city.unit_ids[code], "officer_id": None}
        for code in pt.mentions
    ]
    return hist
