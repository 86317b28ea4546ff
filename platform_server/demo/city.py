"""The demo city as the seeder sees it: boards, units, who handles what, sample media.

`CityModel.build` turns the reference data (`reference_data`) into lookups by code and
id for the history planner (`history`); `PostHistory` is one planned post with its
child rows, ready for the bulk loader (`seed_bulk`).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from platform_server.demo.media import make_png, make_wav
from platform_server.domain.workdays import Calendar, deadline_after
from platform_server.geo.districts import load_city_map

# Units that work office hours; stations and the command centre are staffed around the clock.
OFFICE_HOUR_CODES = frozenset({"hukou", "exit-entry", "inspect"})


@dataclass(frozen=True)
class BoardInfo:
    id: int
    code: str
    deadline_minutes: int
    default_unit_id: int
    working_days: int | None = None  # the deadline counts working days (migration 0009)


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
    calendar: Calendar = field(default_factory=Calendar)  # the holiday calendar

    @classmethod
    def build(
        cls,
        units: Sequence[Any],
        officers: Sequence[Any],
        boards: Sequence[Any],
        working_days: Mapping[str, int] | None = None,
        calendar: Calendar | None = None,
    ) -> CityModel:
        """`working_days`: the boards whose deadline counts working days (by code), over
        `calendar`, as the platform counts them (`domain.calendar`)."""
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
                b.code: BoardInfo(
                    b.id,
                    b.code,
                    b.deadline_minutes,
                    b.default_unit_id,
                    (working_days or {}).get(b.code),
                )
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
            calendar=calendar or Calendar(),
        )

    def deadline(self, board_code: str, start: datetime) -> datetime:
        """The board's handling deadline counted from `start`, as for a live post."""
        b = self.boards[board_code]
        return deadline_after(start, b.deadline_minutes, b.working_days, self.calendar)

    def district_unit(self, lat: float | None, lon: float | None) -> int | None:
        """The station whose district (demo geography) contains the point, as a unit id."""
        if lat is None or lon is None:
            return None
        code = load_city_map().unit_code_at(lat, lon)
        return self.unit_ids.get(code) if code else None

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
