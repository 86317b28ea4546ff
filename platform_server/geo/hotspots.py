"""Hotspots (预警研判): a spike of similar posts on one board in one station's district.

Every check looks at the posts of the last `window` (ordinary posts, not silent reports
— an alarm has its own path — and not merged duplicates), grouped by board and district
(the station whose district contains the post, else the unit handling it). In a group
of at least `min_count` posts, posts whose text is alike (`similar.similarities`, the
duplicates' TF-IDF over character n-grams, at least `LINK`) form clusters; a cluster's
`terms` are the words (character n-grams) most of its posts share that are rarest among
all the window's posts ("暖气", "不热" rather than "请尽快处理").

Its own baseline: how many posts of the same board and district containing the most
usual of those terms arrived in the same window of the day (the same clock time) on each
of the past `BASELINE_DAYS` days. A cluster is a hotspot when its size reaches
``max(min_count, median + SIGMAS × spread)``, spread being the robust deviation
(1.4826 × the median absolute deviation), never below the square root of the median (a
Poisson count's) nor below 1. So a board where ten heating complaints an evening are
usual in winter does not alarm at ten, and a quiet board alarms at `min_count`.
`bench/bench_hotspots.py` measures false alerts per day over the demo history.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sklearn.feature_extraction.text import CountVectorizer
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from platform_server.geo.similar import similarity_matrix
from platform_server.storage.models import Post

# Text similarity at which two posts of a group count as alike. In the demo corpus posts
# about different troubles score at most 0.02, the same trouble told in other words
# 0.06–0.13 and the same words 0.6–0.9 (the weights learnt from the window's posts).
LINK = 0.05
BASELINE_DAYS = 28
SIGMAS = 3.0
TERM_SHARE = 0.8  # a term is in at least this share of the cluster's posts
MAX_TERMS = 3
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Spike:
    """A cluster of alike posts that crossed its threshold."""

    board_id: int
    unit_id: int
    terms: tuple[str, ...]
    posts: tuple[Post, ...]
    baseline: float
    threshold: int


def area_of(post: Post) -> int | None:
    """The district a post belongs to: its location's station, else its handling unit."""
    return post.suggested_unit_id or post.unit_id


def text_of(post: Post) -> str:
    return f"{post.title}\n{post.body}"


def recent_posts(db: Session, now: datetime, window: timedelta) -> list[Post]:
    """The posts that count for hotspots, created within `window` up to `now`."""
    return list(
        db.scalars(
            select(Post)
            .where(
                Post.created_at > now - window,
                Post.created_at <= now,
                Post.kind != "silent_report",
                Post.merged_into_id.is_(None),
            )
            .order_by(Post.created_at, Post.id)
        )
    )


def clusters(posts: Sequence[Post], corpus: Sequence[str], min_count: int) -> list[list[Post]]:
    """Groups of at least `min_count` alike posts: the post alike to most others with
    those others, then again among the rest."""
    sims = similarity_matrix([text_of(p) for p in posts], corpus)
    alike = {
        i: {j for j in range(len(posts)) if j != i and sims[i, j] >= LINK}
        for i in range(len(posts))
    }
    left = set(range(len(posts)))
    found: list[list[Post]] = []
    while left:
        seed = max(sorted(left), key=lambda i: len(alike[i] & left))
        members = {seed} | (alike[seed] & left)
        if len(members) < min_count:
            break
        found.append([posts[i] for i in sorted(members)])
        left -= members
    return found


def shared_terms(members: Sequence[Post], corpus: Sequence[str]) -> tuple[str, ...]:
    """The words (2–4 character n-grams) most members share: those of most titles first,
    then the rarest in `corpus`."""
    texts = [text_of(p) for p in members]
    counter = CountVectorizer(analyzer="char", ngram_range=(2, 4), binary=True)
    matrix = counter.fit_transform(texts)
    share = matrix.sum(axis=0).A1 / len(texts)
    grams = [
        g
        for g, s in zip(counter.get_feature_names_out(), share, strict=True)
        if s >= TERM_SHARE and _WORDLIKE.fullmatch(g)
    ]
    rarity = {g: sum(g in t for t in corpus) for g in grams}
    # Words of the titles first: a title says the trouble (暖气不热), a body's rare n-grams
    # are as often a phrase cut across two words (人孩子都).
    titled = {g: sum(g in p.title for p in members) / len(members) >= TERM_SHARE for g in grams}
    chosen: list[str] = []
    for g in sorted(grams, key=lambda g: (not titled[g], rarity[g], -len(g), g)):
        if any(g in c or c in g for c in chosen):
            continue
        chosen.append(g)
        if len(chosen) == MAX_TERMS:
            break
    return tuple(chosen)


def _any_term(terms: Sequence[str]) -> ColumnElement[bool]:
    return or_(
        *[
            or_(Post.title.contains(t, autoescape=True), Post.body.contains(t, autoescape=True))
            for t in terms
        ]
    )


def baseline_counts(
    db: Session,
    board_id: int,
    unit_id: int,
    terms: Sequence[str],
    now: datetime,
    window: timedelta,
    days: int = BASELINE_DAYS,
) -> list[int]:
    """Per past day 1 … `days`: the posts of this board and district created in the same
    window of that day that contain the most usual of `terms` (the one whose median is
    highest: a cluster held together by "请问" and "户口" is measured against every
    question about 户口, not against the rare post that has all its words)."""
    rows = db.execute(
        select(Post.created_at, Post.title, Post.body).where(
            Post.board_id == board_id,
            Post.created_at > now - days * DAY - window,
            Post.created_at <= now - DAY,
            Post.kind != "silent_report",
            or_(
                Post.suggested_unit_id == unit_id,
                and_(Post.suggested_unit_id.is_(None), Post.unit_id == unit_id),
            ),
            _any_term(terms),
        )
    )
    counts = {t: [0] * days for t in terms}
    for created, title, body in rows:
        delta = now - created
        d = int(delta // DAY)
        if not (1 <= d <= days and delta - d * DAY < window):
            continue
        for t in terms:
            if t in title or t in body:
                counts[t][d - 1] += 1
    if not counts:
        return [0] * days
    return max(counts.values(), key=lambda c: (statistics.median(c), sum(c)))


def threshold(counts: Sequence[int], min_count: int) -> tuple[float, int]:
    """(median, the count that makes a spike) of a baseline."""
    med = float(statistics.median(counts)) if counts else 0.0
    mad = float(statistics.median(abs(c - med) for c in counts)) if counts else 0.0
    spread = max(1.4826 * mad, math.sqrt(med), 1.0)
    return med, max(min_count, math.ceil(med + SIGMAS * spread))


def detect(db: Session, now: datetime, window: timedelta, min_count: int) -> list[Spike]:
    """The spikes among the posts of the last `window` up to `now`."""
    posts = recent_posts(db, now, window)
    groups: dict[tuple[int, int], list[Post]] = defaultdict(list)
    for p in posts:
        if (area := area_of(p)) is not None:
            groups[(p.board_id, area)].append(p)
    corpus = [text_of(p) for p in posts]
    spikes: list[Spike] = []
    for (board_id, unit_id), group in sorted(groups.items()):
        if len(group) < min_count:
            continue
        for members in clusters(group, corpus, min_count):
            terms = shared_terms(members, corpus)
            if not terms:
                continue
            counts = baseline_counts(db, board_id, unit_id, terms, now, window)
            med, needed = threshold(counts, min_count)
            if len(members) >= needed:
                spikes.append(Spike(board_id, unit_id, terms, tuple(members), med, needed))
    return spikes
