"""Triage suggestions: board, unit and priority for a post, learnt from the platform's own
history — a small local model, no network, never applied by itself.

The model is scikit-learn's: TF-IDF over characters and character pairs of title and body (Chinese
needs no word segmenter this way) feeding two linear classifiers (logistic regression
by stochastic gradient descent, which gives probabilities): one for the board, one for
the unit that finally handled the post. It learns from handled posts only (resolved or
archived): their unit is the one a transfer ended at, and a post still open — the one
being asked about, say — does not teach the model its own possibly wrong board. It is
trained on the last `TRAIN_DAYS` days of the platform's posts (at most `MAX_TRAIN`),
and retrained when it is older than `RETRAIN_AFTER`: training always runs in a thread
(about a minute for the demo city's 12,000 handled posts on a loaded machine), the
route answers from the model it has meanwhile — and 204 (no suggestion) before the
first one is ready or with fewer than `MIN_TRAIN` handled posts.

Priority (1 most urgent … 4) is the platform's urgency of the suggested board — how
soon its posts must be handled (`priority_of`): until posts carry an officer-set
priority, that is the only priority the history holds.

`bench/bench_triage.py` prints the accuracy on a held-out month of demo history.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from platform_server.storage.models import Board, Post, utcnow

log = logging.getLogger(__name__)

TRAIN_DAYS = 90
MAX_TRAIN = 20_000
MIN_TRAIN = 30  # fewer handled posts than this: no suggestion (204)
RETRAIN_AFTER = timedelta(hours=6)
DONE = ("resolved", "archived")


def priority_of(deadline_minutes: int) -> int:
    """1 within the hour, 2 within a day, 3 within three days, 4 longer."""
    if deadline_minutes <= 60:
        return 1
    if deadline_minutes <= 24 * 60:
        return 2
    if deadline_minutes <= 72 * 60:
        return 3
    return 4


def _pipeline(seed: int) -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(
            analyzer="char", ngram_range=(1, 2), sublinear_tf=True, min_df=2, dtype=np.float32
        ),
        SGDClassifier(loss="log_loss", alpha=5e-5, max_iter=50, tol=1e-3, random_state=seed),
    )


@dataclass(frozen=True)
class Guess:
    board: str
    unit_id: int | None
    priority: int
    confidence: float
    unit_confidence: float


@dataclass
class TriageModel:
    """The two classifiers and what they learnt from."""

    boards: Pipeline
    units: Pipeline | None
    deadlines: dict[str, int]
    trained_at: datetime
    trained_on: int

    def suggest(self, title: str, body: str) -> Guess:
        text = [f"{title}\n{body}"]
        p = self.boards.predict_proba(text)[0]
        i = int(np.argmax(p))
        board = str(self.boards.classes_[i])
        unit_id, unit_conf = None, 0.0
        if self.units is not None:
            q = self.units.predict_proba(text)[0]
            j = int(np.argmax(q))
            unit_id, unit_conf = int(self.units.classes_[j]), float(q[j])
        priority = priority_of(self.deadlines.get(board, 24 * 60))
        return Guess(board, unit_id, priority, round(float(p[i]), 3), round(unit_conf, 3))


def history(
    db: Session, until: datetime, days: int = TRAIN_DAYS
) -> list[tuple[str, str, int | None, str]]:
    """(text, board code, unit id, status) of the citizen posts in the `days` before `until`."""
    rows = db.execute(
        select(Post.title, Post.body, Board.code, Post.unit_id, Post.status)
        .join(Board, Board.id == Post.board_id)
        .where(
            Post.kind != "silent_report",
            Post.created_at >= until - timedelta(days=days),
            Post.created_at < until,
        )
        .order_by(Post.created_at.desc())
        .limit(MAX_TRAIN)
    )
    return [(f"{t}\n{b}", code, unit, status) for t, b, code, unit, status in rows]


def train(db: Session, until: datetime | None = None, *, seed: int = 14) -> TriageModel | None:
    """A model of the history before `until` (default: the platform's newest post, so a
    quiet platform still learns from its last `TRAIN_DAYS` days of posts); None when
    there is too little."""
    if until is None:
        newest = db.scalar(select(func.max(Post.created_at)))
        until = (newest or utcnow()) + timedelta(seconds=1)
    rows = [r for r in history(db, until) if r[3] in DONE]
    if len(rows) < MIN_TRAIN or len({r[1] for r in rows}) < 2:
        return None
    boards = _pipeline(seed).fit([r[0] for r in rows], [r[1] for r in rows])
    done = [r for r in rows if r[2] is not None]
    units = None
    if len(done) >= MIN_TRAIN and len({r[2] for r in done}) >= 2:
        units = _pipeline(seed).fit([r[0] for r in done], [r[2] for r in done])
    deadlines = {c: m for c, m in db.execute(select(Board.code, Board.deadline_minutes))}
    return TriageModel(boards, units, deadlines, utcnow(), len(rows))


class Trainer:
    """The current model of one platform, retrained in a thread when it is stale."""

    def __init__(self) -> None:
        self.model: TriageModel | None = None
        self._lock = threading.Lock()
        self._training = False

    def current(self, open_session: object) -> TriageModel | None:
        """The model, or None while the first one is being trained (a thread trains it,
        and later a fresh one whenever this one is older than `RETRAIN_AFTER`; a request
        never waits for training)."""
        model = self.model
        stale = model is None or utcnow() - model.trained_at > RETRAIN_AFTER
        if stale:
            self.train_behind(open_session)
        return model

    def train_behind(self, open_session: object) -> None:
        """Start training in a thread unless one is at it already."""
        with self._lock:
            if self._training:
                return
            self._training = True
        threading.Thread(
            target=self._retrain, args=(open_session,), name="triage-train", daemon=True
        ).start()

    def _train(self, open_session: object) -> TriageModel | None:
        with open_session() as s:  # type: ignore[operator]
            return train(s)

    def _retrain(self, open_session: object) -> None:
        try:
            fresh = self._train(open_session)
            if fresh is not None:
                self.model = fresh
        except Exception:
            log.exception("triage model could not be retrained; the old one stays")
        finally:
            self._training = False
