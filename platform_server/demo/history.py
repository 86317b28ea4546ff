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

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from platform_server.demo import text
from platform_server.demo.simulate import make_png, make_wav

LOCAL_OFFSET = timedelta(hours=8)
# Units that work office hours; stations and the command centre are staffed around the clock.
OFFICE_HOUR_CODES = frozenset({"hukou", "exit-entry", "inspect"})
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
SCORES_ON_TIME = [5] * 60 + [4] * 25 + [3] * 8 + [2] * 4 + [1] * 3
SCORES_LATE = [5] * 25 + [4] * 25 + [3] * 20 + [2] * 15 + [1] * 15
ESCALATION_SECONDS = 15  # the server's default (ServerSettings.escalation_seconds)
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
# What the workflow does on a transfer: the post is new again at the receiving unit,
# unassigned, with a fresh deadline (platform_server.domain.posts.transfer).
STATUS_AFTER_TRANSFER = "new"


@dataclass(frozen=True)
class BoardInfo:
    id: int
    code: str
    deadline_minutes: int
    default_unit_id: int


@dataclass(frozen=True)
class Handler:
    id: int
    name: str
    workstation: str


@dataclass(frozen=True)
class Media:
    kind: str
    content_type: str
    filename: str
    data: bytes
    sha256: str


@dataclass
class CityModel:
    """The reference data a seeding run needs, by code and id."""

    boards: dict[str, BoardInfo]
    unit_ids: dict[str, int]
    unit_name: dict[int, str]
    unit_kind: dict[int, str]
    unit_code: dict[int, str]
    handlers: dict[int, list[Handler]]
    silent_desk: list[Handler]
    municipal: list[int]
    media: list[Media] = field(default_factory=list)

    @classmethod
    def build(
        cls, units: Sequence[Any], officers: Sequence[Any], boards: Sequence[Any]
    ) -> CityModel:
        code_of = {u.id: u.code for u in units}
        by_unit: dict[int, list[Handler]] = {}
        leaders: dict[int, list[Handler]] = {}
        for o in officers:
            if o.role == "admin":
                continue
            target = by_unit if o.role == "officer" else leaders
            desk = target.setdefault(o.unit_id, [])
            desk.append(Handler(o.id, o.name, f"{code_of[o.unit_id].upper()}-{len(desk) + 1:02d}"))
        handlers = {u.id: by_unit.get(u.id) or leaders.get(u.id, []) for u in units}
        cmd = next(u.id for u in units if u.code == "cmd")
        on_duty = {o.id for o in officers if o.on_duty}
        desk = [h for h in handlers[cmd] if h.id in on_duty] or handlers[cmd]
        media_rng = random.Random(7)
        media = [
            Media(
                "image", "image/png", f"photo_{i + 1}.png", data, hashlib.sha256(data).hexdigest()
            )
            for i, data in enumerate(make_png(media_rng) for _ in range(6))
        ]
        media += [
            Media(
                "audio", "audio/wav", f"voice_{i + 1}.wav", data, hashlib.sha256(data).hexdigest()
            )
            for i, data in enumerate(make_wav(media_rng, 1.2) for _ in range(3))
        ]
        return cls(
            boards={
                b.code: BoardInfo(b.id, b.code, b.deadline_minutes, b.default_unit_id)
                for b in boards
            },
            unit_ids={u.code: u.id for u in units},
            unit_name={u.id: u.name for u in units},
            unit_kind={u.id: u.kind for u in units},
            unit_code=code_of,
            handlers=handlers,
            silent_desk=desk,
            municipal=sorted(u.id for u in units if u.kind == "municipal"),
            media=media,
        )

    def office_hours(self, unit_id: int) -> bool:
        return (
            self.unit_code[unit_id] in OFFICE_HOUR_CODES or self.unit_kind[unit_id] == "municipal"
        )


@dataclass
class PostHistory:
    post: dict[str, Any]
    replies: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)


Step = tuple[datetime, str, dict[str, Any]]


def _minutes(rng: random.Random, median: float, sigma: float = 0.7) -> timedelta:
    return timedelta(minutes=median * rng.lognormvariate(0.0, sigma))


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


def _plan_post(
    p: _Planner, board: BoardInfo, created: datetime, fate: str, hops: list[tuple[int, str]]
) -> None:
    rng, deadline = p.rng, timedelta(minutes=board.deadline_minutes)
    d_min = board.deadline_minutes
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
    p.t = max(p.t + timedelta(minutes=5), p.clock_start + handling)
    _finish(p, board.code, p.clock_start + deadline, office=True)


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
    deadline_at = p.clock_start + timedelta(minutes=board.deadline_minutes)
    _finish(p, "silent", deadline_at, office=False, rating_p=0.15)


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
    deadline_at = created + timedelta(minutes=board.deadline_minutes)
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
    }
    hist = PostHistory(post)
    steps = sorted(planner.steps, key=lambda step: step[0])
    _apply(hist, unit, timedelta(minutes=board.deadline_minutes), steps, now)
    hist.mentions = [
        {"post_id": post_id, "unit_id": city.unit_ids[code], "officer_id": None}
        for code in pt.mentions
    ]
    return hist


def _apply(
    h: PostHistory, unit: int, deadline: timedelta, steps: list[Step], now: datetime
) -> None:
    """Play the steps that happened before `now` onto the post and its child rows."""
    p = h.post
    pid, created = p["id"], p["created_at"]
    p.update(
        status="new",
        unit_id=unit,
        assignee_id=None,
        accepted_at=None,
        first_response_at=None,
        resolved_at=None,
        archived_at=None,
        resolution=None,
        acknowledged_by_id=None,
        acknowledged_at=None,
        escalated_at=None,
        transfer_count=0,
        reply_count=0,
        attachment_count=0,
        rating_score=None,
    )
    h.timeline.append(
        {
            "post_id": pid,
            "at": created,
            "action": "created",
            "actor_kind": "citizen",
            "officer_id": None,
            "from_unit_id": None,
            "to_unit_id": unit,
            "detail": "",
        }
    )
    updated = created
    for at, action, info in steps:
        if at > now:
            break
        officer: Handler | None = info.get("officer")
        entry = {
            "post_id": pid,
            "at": at,
            "action": action,
            "actor_kind": "officer" if officer else "system",
            "officer_id": officer.id if officer else None,
            "from_unit_id": None,
            "to_unit_id": None,
            "detail": "",
        }
        if action == "attachment_added":
            m: Media = info["media"]
            h.attachments.append(
                {
                    "post_id": pid,
                    "kind": m.kind,
                    "content_type": m.content_type,
                    "filename": m.filename,
                    "size": len(m.data),
                    "sha256": m.sha256,
                    "data": m.data,
                    "created_at": at,
                }
            )
            p["attachment_count"] += 1
            entry.update(actor_kind="citizen", detail=m.kind)
        elif action == "escalated":
            p["escalated_at"] = at
            entry["detail"] = f"超过 {ESCALATION_SECONDS} 秒无人确认，已升级提醒。"
        elif action == "acknowledged":
            assert officer is not None
            p.update(acknowledged_by_id=officer.id, acknowledged_at=at)
        elif action == "accepted":
            assert officer is not None
            p.update(status="accepted", assignee_id=officer.id, accepted_at=at)
        elif action in ("replied", "noted"):
            assert officer is not None
            row = {
                "post_id": pid,
                "officer_id": officer.id,
                "unit_id": p["unit_id"],
                "body": info["body"],
                "workstation": officer.workstation,
                "created_at": at,
            }
            if action == "replied":
                h.replies.append(row)
                p["reply_count"] += 1
                p["first_response_at"] = p["first_response_at"] or at
                if p["status"] == "accepted":
                    p["status"] = "in_progress"
            else:
                h.notes.append(row)
        elif action == "transferred":
            entry.update(
                from_unit_id=info["from_unit"], to_unit_id=info["to_unit"], detail=info["reason"]
            )
            p.update(
                unit_id=info["to_unit"],
                assignee_id=None,
                accepted_at=None,
                status=STATUS_AFTER_TRANSFER,
                deadline_at=at + deadline,
            )
            p["transfer_count"] += 1
        elif action == "resolved":
            p.update(status="resolved", resolved_at=at, resolution=info["resolution"])
            entry["detail"] = info["resolution"]
        elif action == "rated":
            h.ratings.append(
                {
                    "post_id": pid,
                    "score": info["score"],
                    "comment": info["comment"],
                    "created_at": at,
                }
            )
            p["rating_score"] = info["score"]
            entry.update(actor_kind="citizen", detail=str(info["score"]))
        elif action == "archived":
            p.update(status="archived", archived_at=at)
        h.timeline.append(entry)
        updated = at
    p["updated_at"] = updated
    p["version"] = len(h.timeline)
