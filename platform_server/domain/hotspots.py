"""Hotspots as the platform keeps them: a detected spike (`geo.hotspots.detect`) becomes
a `Hotspot` with its member posts and one `hotspot.detected` event, in one transaction.

A spike that matches an active hotspot (same board and district, sharing a member post
or a term) adds its new posts to it and says nothing again: a wave is announced once.
Of several server processes, each runs the detection; the writes take one
transaction-scoped advisory lock (PostgreSQL; SQLite serialises writers anyway) and
re-read the active hotspots under it, so the second process finds the first's hotspot
and the event is recorded exactly once. Detection is the platform's own: the event
carries `actor: null` and nothing is audited (as escalation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from platform_server.domain.scope import Viewer
from platform_server.events import types as ev
from platform_server.events.log import record_event
from platform_server.geo.hotspots import Spike
from platform_server.geo.schemas import HotspotOut
from platform_server.storage.hotspot_models import Hotspot, HotspotPost
from platform_server.storage.models import Board

HOTSPOT_LOCK = 0x686F7473  # pg_advisory_xact_lock key of hotspot writes ("hots")
ACTIVE_WINDOWS = 2  # a hotspot stays active this many windows after its newest post
SEP = "\t"


def _hold_lock(db: Session) -> None:
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": HOTSPOT_LOCK})


def _active_since(now: datetime, window_minutes: int) -> datetime:
    return now - timedelta(minutes=window_minutes * ACTIVE_WINDOWS)


def is_active(h: Hotspot, now: datetime) -> bool:
    return h.last_post_at > _active_since(now, h.window_minutes)


def _members(db: Session, ids: Iterable[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    wanted = list(ids)
    if not wanted:
        return out
    rows = db.execute(
        select(HotspotPost.hotspot_id, HotspotPost.post_id)
        .where(HotspotPost.hotspot_id.in_(wanted))
        .order_by(HotspotPost.post_id)
    )
    for hid, pid in rows:
        out[hid].append(pid)
    return out


def _fields(db: Session, h: Hotspot, post_ids: list[int], now: datetime) -> dict[str, object]:
    return {
        "id": h.id,
        "board": db.scalar(select(Board.code).where(Board.id == h.board_id)) or "",
        "unit_id": h.unit_id,
        "terms": h.terms.split(SEP) if h.terms else [],
        "post_ids": post_ids,
        "window_minutes": h.window_minutes,
        "count": h.count,
        "baseline": h.baseline,
        "detected_at": h.detected_at,
        "last_post_at": h.last_post_at,
        "active": is_active(h, now),
    }


def record_spikes(
    db: Session, spikes: Sequence[Spike], now: datetime, window_minutes: int
) -> list[Hotspot]:
    """Store the spikes (new hotspots, or new members of active ones); the new hotspots,
    each with its `hotspot.detected` event recorded."""
    if not spikes:
        return []
    _hold_lock(db)
    active = list(
        db.scalars(select(Hotspot).where(Hotspot.last_post_at > _active_since(now, window_minutes)))
    )
    members = {k: set(v) for k, v in _members(db, (h.id for h in active)).items()}
    created: list[Hotspot] = []
    for spike in spikes:
        ids = {p.id for p in spike.posts}
        newest = max(p.created_at for p in spike.posts)
        match = next(
            (
                h
                for h in active
                if (h.board_id, h.unit_id) == (spike.board_id, spike.unit_id)
                and (ids & members.get(h.id, set()) or set(h.terms.split(SEP)) & set(spike.terms))
            ),
            None,
        )
        if match is not None:
            for pid in sorted(ids - members.setdefault(match.id, set())):
                db.add(HotspotPost(hotspot_id=match.id, post_id=pid))
            members[match.id] |= ids
            match.last_post_at = max(match.last_post_at, newest)
            continue
        h = Hotspot(
            board_id=spike.board_id,
            unit_id=spike.unit_id,
            terms=SEP.join(spike.terms),
            window_minutes=window_minutes,
            count=len(ids),
            baseline=spike.baseline,
            detected_at=now,
            last_post_at=newest,
        )
        db.add(h)
        db.flush()
        db.add_all(HotspotPost(hotspot_id=h.id, post_id=pid) for pid in sorted(ids))
        active.append(h)
        members[h.id] = set(ids)
        fields = _fields(db, h, sorted(ids), now)
        record_event(db, ev.HotspotDetected(**fields, actor=None, idempotency_key=None))  # type: ignore[arg-type]
        created.append(h)
    db.flush()
    return created


def list_hotspots(
    db: Session, viewer: Viewer, now: datetime, *, active: bool, limit: int = 200
) -> list[HotspotOut]:
    """The hotspots in the viewer's area, newest first (only the active ones if asked)."""
    query = select(Hotspot).order_by(Hotspot.detected_at.desc(), Hotspot.id.desc())
    if active:
        # window_minutes differs only if the setting changed; the longest one decides
        query = query.where(Hotspot.last_post_at > _active_since(now, 24 * 60))
    if not viewer.is_admin:
        query = query.where(Hotspot.unit_id.in_(sorted(viewer.scope)))
    found = [h for h in db.scalars(query.limit(limit)) if not active or is_active(h, now)]
    members = _members(db, (h.id for h in found))
    return [HotspotOut(**_fields(db, h, members.get(h.id, []), now)) for h in found]  # type: ignore[arg-type]
