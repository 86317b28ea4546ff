"""Likely duplicates of a post: the same author again, or similar text near it in time and
place (a city of 780 posts a day gets the same complaint from ten neighbours).

Candidates are the posts the viewer may read, neither silent reports (an alarm is never
folded into another post) nor merged already: the same author's within `AUTHOR_WINDOW`,
and, for a located post, those located within `NEAR_M` within `TEXT_WINDOW`.
Their text (title + body) is compared with scikit-learn's TF-IDF over character 2- and
3-grams (Chinese has no spaces; n-grams need no word segmenter), the weights learnt from
this neighbourhood of posts, so the phrases every post of a kind shares ("请尽快处理",
"我们小区") weigh little and the particular street, shop or plate weighs much.

A candidate is a likely duplicate when
- it has the same author and is on the same board or its text is at least a little alike
  (`SAME_AUTHOR_TEXT`): a citizen asking again; or
- both are located within `NEAR_M` of each other and their text is alike (`TEXT_NEAR`).
  Without a place, text alone is not enough: many citizens ask the same question in
  nearly the same words (how to renew a licence abroad) and each is their own matter.
`bench/bench_duplicates.py` measures precision and recall on a labelled generated set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from platform_server.domain.listing import visibility_clause
from platform_server.domain.scope import Viewer
from platform_server.geo.nearby import M_PER_DEG_LAT, distance_m
from platform_server.storage.models import Post

AUTHOR_WINDOW = timedelta(hours=72)
TEXT_WINDOW = timedelta(hours=24)
NEAR_M = 800.0
SAME_AUTHOR_TEXT = 0.12
TEXT_NEAR = 0.8
MAX_CANDIDATES = 400
BACKGROUND = 200
MIN_CORPUS = 50
MAX_RESULTS = 10

ReasonCode = Literal["same_author", "similar_text"]


@dataclass(frozen=True)
class Likely:
    post: Post
    score: float
    reason_code: ReasonCode
    reason: str


def _text(p: Post) -> str:
    return f"{p.title}\n{p.body}"


def _hours(a: Post, b: Post) -> str:
    h = abs((a.created_at - b.created_at).total_seconds()) / 3600
    return "不到 1 小时" if h < 1 else f"{h:.0f} 小时"


def candidates(db: Session, post: Post, viewer: Viewer | None) -> list[Post]:
    """The readable posts that could be duplicates of `post`: the same author's within
    `AUTHOR_WINDOW`, and those located within `NEAR_M` of it within `TEXT_WINDOW`."""
    maybe: list[ColumnElement[bool]] = []
    if post.citizen_id is not None:
        maybe.append(
            and_(
                Post.citizen_id == post.citizen_id,
                Post.created_at.between(
                    post.created_at - AUTHOR_WINDOW, post.created_at + AUTHOR_WINDOW
                ),
            )
        )
    if post.lat is not None and post.lon is not None:
        dlat = NEAR_M / M_PER_DEG_LAT
        dlon = NEAR_M / (M_PER_DEG_LAT * max(0.01, math.cos(math.radians(post.lat))))
        maybe.append(
            and_(
                Post.lat.between(post.lat - dlat, post.lat + dlat),
                Post.lon.between(post.lon - dlon, post.lon + dlon),
                Post.created_at.between(
                    post.created_at - TEXT_WINDOW, post.created_at + TEXT_WINDOW
                ),
            )
        )
    if not maybe:
        return []
    query = (
        select(Post)
        .where(
            Post.id != post.id,
            Post.kind != "silent_report",
            Post.merged_into_id.is_(None),
            Post.status != "archived",
            or_(*maybe),
        )
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(MAX_CANDIDATES)
    )
    if viewer is not None and (vis := visibility_clause(db, viewer)) is not None:
        query = query.where(vis)
    return list(db.scalars(query))


def background(db: Session, post: Post) -> list[str]:
    """Texts of the posts around `post` in time (any the platform has): the corpus whose
    document frequencies weigh the n-grams. Only weights come from it, nothing is shown."""
    rows = db.execute(
        select(Post.title, Post.body)
        .where(
            Post.created_at.between(post.created_at - TEXT_WINDOW, post.created_at + TEXT_WINDOW)
        )
        .order_by(Post.created_at.desc())
        .limit(BACKGROUND)
    )
    return [f"{t}\n{b}" for t, b in rows]


def similarity_matrix(texts: Sequence[str], corpus: Sequence[str] = ()) -> np.ndarray:
    """Cosine similarity of every pair of `texts` (0 … 1), the n-grams weighed by how rare
    they are in `corpus` plus the texts compared (one fit for all pairs: hotspots)."""
    fit_on = list(texts) + list(corpus)
    # Rarity means nothing among a handful of posts (a new platform): plain n-gram counts.
    use_idf = len(fit_on) >= MIN_CORPUS
    vectors = TfidfVectorizer(
        analyzer="char", ngram_range=(2, 3), sublinear_tf=True, use_idf=use_idf
    )
    vectors.fit(fit_on)
    matrix = vectors.transform(texts)
    # rows are L2-normalised, so the dot product is the cosine
    return np.asarray((matrix @ matrix.T).toarray())


def similarities(post: Post, others: list[Post], corpus: Sequence[str] = ()) -> list[float]:
    """Cosine similarity of each other post's text to `post`'s (0 … 1), the n-grams
    weighed by how rare they are in `corpus` plus the posts compared."""
    if not others:
        return []
    sims = similarity_matrix([_text(post)] + [_text(o) for o in others], corpus)
    return [float(x) for x in sims[0, 1:]]


def _judge(post: Post, other: Post, sim: float) -> Likely | None:
    if post.citizen_id is not None and post.citizen_id == other.citizen_id:
        if post.board_id == other.board_id or sim >= SAME_AUTHOR_TEXT:
            reason = f"同一发帖人相隔 {_hours(post, other)}发的帖子（内容相似度 {sim:.0%}）。"
            return Likely(other, round(max(sim, 0.9), 3), "same_author", reason)
        return None
    if None in (post.lat, post.lon, other.lat, other.lon) or sim < TEXT_NEAR:
        return None
    d = distance_m(post.lat, post.lon, other.lat, other.lon)  # type: ignore[arg-type]
    if d > NEAR_M:
        return None
    reason = f"内容相似（相似度 {sim:.0%}），相隔 {_hours(post, other)}、{d:.0f} 米。"
    return Likely(other, round(sim, 3), "similar_text", reason)


def likely_duplicates(db: Session, post: Post, viewer: Viewer | None) -> list[Likely]:
    """The likely duplicates of `post`, most likely first (at most `MAX_RESULTS`)."""
    if post.kind == "silent_report":
        return []
    others = candidates(db, post, viewer)
    sims = similarities(post, others, background(db, post) if others else [])
    found = [
        j
        for other, sim in zip(others, sims, strict=True)
        if (j := _judge(post, other, sim)) is not None
    ]
    found.sort(key=lambda j: (-j.score, j.post.id))
    return found[:MAX_RESULTS]
