"""How the dashboard writes its figures: counts, shares, points, scores and durations."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from console.views.text import duration


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def fmt_count(v: float | None) -> str:
    return "—" if v is None else f"{round(v):,}"


def fmt_share(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def fmt_points(d: float) -> str:
    """The change of a share between periods, in percentage points."""
    return _t("{n} points").format(n=f"{abs(d) * 100:.1f}")


def fmt_score(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def fmt_duration(seconds: float | None) -> str:
    """A duration as statistics say it: 45秒, 12分, 3.5小时, 2.1天 (— when unknown)."""
    return "—" if seconds is None else duration(seconds, "figure")


def bucket_labels(edges: list[float]) -> list[str]:
    """Histogram bucket names by their upper bound: ≤5分, ≤15分, …, >1天."""
    labels = [_t("≤{a}").format(a=fmt_duration(e)) for e in edges]
    labels.append(_t(">{a}").format(a=fmt_duration(edges[-1])))
    return labels


def short_bucket_labels(edges: list[float]) -> list[str]:
    """Axis labels (5秒, 15分, 2时, 3天): each bucket by its upper bound, the last as >bound."""
    short = [duration(e, "axis") for e in edges]
    return [*short, ">" + short[-1]]


def iso_utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
