"""What the queue shows of a post waiting for my unit's signature (待签收).

Such rows come first, in their own sort group (`QueueModel.set_signature_check`), and
their time-left column counts down to the sign deadline instead of the handling deadline,
to the second, amber until it passes and red after: an overdue dispatch stays marked (its
title too) until somebody of the unit signs for it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from console.api.models import PostSummary
from console.views.text import duration, full_time

SIGN_TICK_MS = 1000  # the sign countdown moves every second


def _t(text: str) -> str:
    return QCoreApplication.translate("QueueSigning", text)


def sign_left(post: PostSummary, now: datetime) -> float | None:
    """Seconds left to sign for the post's dispatch (negative: overdue; None: no deadline)."""
    d = post.dispatch
    if d is None or d.sign_deadline_at is None:
        return None
    return (d.sign_deadline_at - now).total_seconds()


def sign_text(post: PostSummary, now: datetime) -> str:
    """The time-left column of a row waiting for my signature: 签收 04:59 / 签收超时 01:02."""
    left = sign_left(post, now)
    if left is None:
        return _t("to sign")
    if left < 0:
        return _t("sign late {t}").format(t=duration(-left, "clock"))
    return _t("sign {t}").format(t=duration(left, "clock"))


def sign_urgency(post: PostSummary, now: datetime) -> str:
    """Red once the sign deadline has passed, amber until then: it waits for us either way."""
    left = sign_left(post, now)
    return "over" if left is not None and left < 0 else "near"


def sign_title(post: PostSummary, title: str, now: datetime) -> str:
    """The title with what waits: [to sign] or [sign overdue]."""
    left = sign_left(post, now)
    mark = _t("[sign overdue]") if left is not None and left < 0 else _t("[to sign]")
    return f"{mark} {title}"


def sign_tooltip(post: PostSummary) -> str:
    d = post.dispatch
    if d is None or d.sign_deadline_at is None:
        return _t("Dispatched to your unit: sign for it (S in the case)")
    return _t("Dispatched to your unit: sign for it by {time} (S in the case)").format(
        time=full_time(d.sign_deadline_at)
    )
