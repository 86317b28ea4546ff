"""Display words every screen shares: status and action names, durations, Beijing time.

One table per kind of word, so a post's status reads the same in the queue, the case
header and the dashboard, and a duration is written one way per purpose. Times are shown
in Beijing time (UTC+8, no daylight saving), what every officer's wall clock says — a
fixed offset, so the console needs no time-zone database on the workstation. Source
strings are English; ``resources/i18n/duty_console_zh_CN.ts`` has the Chinese.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Literal

from PySide6.QtCore import QCoreApplication

BEIJING = timezone(timedelta(hours=8), "CST")

DurationStyle = Literal["minutes", "seconds", "clock", "figure", "axis"]


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


# ---------------------------------------------------------------- names
def status_name(status: str) -> str:
    """A post status as officers say it (待受理, 已受理 …); also the queue's "open" and "all"."""
    names = {
        "new": _t("Status", "New"),
        "accepted": _t("Status", "Accepted"),
        "in_progress": _t("Status", "In progress"),
        "resolved": _t("Status", "Resolved"),
        "archived": _t("Status", "Archived"),
        "open": _t("Status", "Open (not resolved)"),
        "all": _t("Status", "Any status"),
    }
    return names.get(status, status)


def priority_name(priority: int) -> str:
    """A post's priority as officers say it: 1 紧急, 2 加急, 3 一般, 4 低 (API.md v1.1)."""
    names = {
        1: _t("Priority", "1 Urgent"),
        2: _t("Priority", "2 Pressing"),
        3: _t("Priority", "3 Normal"),
        4: _t("Priority", "4 Low"),
    }
    return names.get(priority, str(priority))


def action_name(action: str) -> str:
    """A timeline entry ("accepted") or an action of this console ("accept") as officers say it."""
    return {
        "created": _t("Action", "Posted"),
        "accepted": _t("Action", "Accepted"),
        "accept": _t("Action", "Accept"),
        "transferred": _t("Action", "Transferred"),
        "transfer": _t("Action", "Transfer"),
        "replied": _t("Action", "Public reply"),
        "reply": _t("Action", "Public reply"),
        "noted": _t("Action", "Internal note"),
        "note": _t("Action", "Internal note"),
        "closed": _t("Action", "Resolved"),
        "resolved": _t("Action", "Resolved"),
        "close": _t("Action", "Resolve"),
        "reopened": _t("Action", "Reopened"),
        "reopen": _t("Action", "Reopen"),
        "acknowledged": _t("Action", "Acknowledged"),
        "acknowledge": _t("Action", "Acknowledge"),
        "escalated": _t("Action", "Escalated"),
        "rated": _t("Action", "Rated by the citizen"),
        "attachment_added": _t("Action", "Attachment added"),
        "archived": _t("Action", "Archived"),
        "messaged": _t("Action", "Private message to the citizen"),
        "message": _t("Action", "Private message"),
        "citizen_message": _t("Action", "Private answer from the citizen"),
        "callback": _t("Action", "Callback"),
        "supervised": _t("Action", "Under supervision"),
        "located": _t("Action", "Newer location from the reporter"),
        "merged": _t("Action", "Merged as a duplicate"),
        "merged_in": _t("Action", "A duplicate merged in"),
        "unmerged": _t("Action", "Unmerged"),
        "unmerged_out": _t("Action", "A duplicate unmerged"),
        "merge": _t("Action", "Merge"),
        "unmerge": _t("Action", "Unmerge"),
        # the handling loop across units
        "sign": _t("Action", "Sign for"),
        "signed": _t("Action", "Signed for"),
        "sign_overdue": _t("Action", "Not signed for in time"),
        "return": _t("Action", "Return"),
        "returned": _t("Action", "Returned"),
        "assigned": _t("Action", "Assigned"),
        "assist_requested": _t("Action", "Assisting units named"),
        "extension": _t("Action", "Extension request"),
        "extension_requested": _t("Action", "Extension requested"),
        "extension_decided": _t("Action", "Extension decided"),
        "decide": _t("Action", "Extension decision"),
        "urge": _t("Action", "Urge"),
        "urged": _t("Action", "Urged"),
        "supervise": _t("Action", "Supervise"),
        "prioritized": _t("Action", "Priority changed"),
    }.get(action, action)


def return_reason(code: str) -> str:
    """A return's reason code (API v1.1) as officers say it."""
    return {
        "not_our_jurisdiction": _t("Return", "Not our jurisdiction"),
        "insufficient_information": _t("Return", "Not enough information"),
        "duplicate": _t("Return", "Duplicate"),
        "other": _t("Return", "Other reason"),
    }.get(code, code)


RETURN_CODES = ("not_our_jurisdiction", "insufficient_information", "duplicate", "other")
CLOSURE_CODES = (
    "resolved",
    "answered",
    "offline_handling",
    "unreachable",
    "unfounded",
    "duplicate",
)


def closure_name(code: str) -> str:
    """A closure code (API v1.1) as officers say it."""
    return {
        "resolved": _t("Closure", "Resolved"),
        "answered": _t("Closure", "Answered (consultation)"),
        "offline_handling": _t("Closure", "Handled offline"),
        "unreachable": _t("Closure", "Citizen unreachable"),
        "unfounded": _t("Closure", "Unfounded (the public page shows only: resolved)"),
        "duplicate": _t("Closure", "Duplicate of another case"),
    }.get(code, code)


def officer_label(name: str, badge: str) -> str:
    """王磊（010003）: an officer as the console names them everywhere."""
    return _t("Officer", "{name} ({badge})").format(name=name, badge=badge) if badge else name


# ---------------------------------------------------------------- durations
def duration(seconds: float, style: DurationStyle = "minutes") -> str:
    """A length of time, written for its purpose (negative lengths count as positive).

    - ``minutes``: time left and ages — 12分钟, 5小时12分, 3天4小时.
    - ``seconds``: how long an acknowledgement took — 12 秒, 1 分 5 秒.
    - ``clock``: a counter that ticks — 04:05, 1:02:03.
    - ``figure``: statistics — 45秒, 12分, 3.5小时, 2.1天.
    - ``axis``: chart axis labels — 5秒, 15分, 2时, 3天.
    """
    s = abs(float(seconds))
    if style == "seconds":
        return _seconds_text(s)
    if style == "clock":
        return _clock_text(s)
    if style == "figure":
        return _figure_text(s)
    if style == "axis":
        return _axis_text(s)
    minutes = int(s // 60)
    if minutes < 60:
        return _t("Duration", "{m} min").format(m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return _t("Duration", "{h}h {m}m").format(h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return _t("Duration", "{d}d {h}h").format(d=days, h=hours)


def _seconds_text(s: float) -> str:
    total = round(s)
    if total < 60:
        return _t("Duration", "{s} s").format(s=total)
    minutes, secs = divmod(total, 60)
    return _t("Duration", "{m} min {s} s").format(m=minutes, s=secs)


def _clock_text(s: float) -> str:
    total = int(s)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _figure_text(s: float) -> str:
    if s < 90:
        return _t("Duration", "{n} s").format(n=f"{s:.0f}")
    if s < 90 * 60:
        return _t("Duration", "{n} min").format(n=f"{s / 60:.0f}")
    if s < 48 * 3600:
        return _t("Duration", "{n} h").format(n=f"{s / 3600:.1f}")
    return _t("Duration", "{n} d").format(n=f"{s / 86400:.1f}")


def _axis_text(s: float) -> str:
    if s < 60:
        return _t("Duration", "{n} s").format(n=f"{s:.0f}")
    if s < 3600:
        return _t("Duration", "{n} min").format(n=f"{s / 60:.0f}")
    if s < 86400:
        return _t("Duration", "{n}:00").format(n=f"{s / 3600:.0f}")
    return _t("Duration", "{n} d").format(n=f"{s / 86400:.0f}")


# ---------------------------------------------------------------- Beijing time
def beijing(dt: datetime) -> datetime:
    """An aware (or naive UTC) time as Beijing wall-clock time."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(BEIJING)


def local_time(dt: datetime | None, now: datetime | None = None) -> str:
    """12-03 15:38 in Beijing time; the year only when it is not this year."""
    if dt is None:
        return ""
    local = beijing(dt)
    this_year = beijing(now or datetime.now(UTC)).year
    return local.strftime("%m-%d %H:%M" if local.year == this_year else "%Y-%m-%d %H:%M")


def full_time(dt: datetime) -> str:
    """2026-12-03 15:38 in Beijing time."""
    return beijing(dt).strftime("%Y-%m-%d %H:%M")


def clock_time(dt: datetime, seconds: bool = False) -> str:
    """15:38 (or 15:38:07) in Beijing time."""
    return beijing(dt).strftime("%H:%M:%S" if seconds else "%H:%M")
