"""What the officer may do with the open case, and the sentences that say why not.

`Handling` is console.rules applied to the case (the action bar and the editor follow
it). An officer who is refused must read, in one sentence, who did what, that the page
is fresh and that their draft is kept: `sentence` writes it from plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from console import rules
from console.api.models import Officer, PostDetail
from console.api.outbox import OutboxItem
from console.views.text import action_name, officer_label

OfficerLookup = Callable[[int | None], Officer | None]


def _t(text: str) -> str:
    return QCoreApplication.translate("Refusal", text)


@dataclass(frozen=True)
class Handling:
    """What the officer may do with the open case now (console.rules, applied).

    Attributes:
        refusals: per action (console.rules.ACTIONS), why it is not possible
            (rules.OUT_OF_SCOPE, rules.HELD_BY_OTHER, rules.WRONG_STATE) or None.
        state_allows: per action, whether the case's state allows it at all.
        why_not: the sentence saying why this officer may not handle the case ("" when
            nothing stands in the way).
        busy: an action of this console is on its way for the case.
        draft_ready: the draft has been read back (typing before would race it).
        is_open, is_silent: the case's state and kind.
    """

    refusals: dict[str, str | None]
    state_allows: dict[str, bool]
    why_not: str
    busy: bool
    draft_ready: bool
    is_open: bool
    is_silent: bool

    def allows(self, action: str) -> bool:
        """Possible now: permitted, and no other action of this console in flight."""
        return self.refusals[action] is None and not self.busy

    def blocked(self, action: str) -> bool:
        """The case's state would allow it, but scope or holder stand in the way."""
        return self.state_allows[action] and self.refusals[action] is not None

    @property
    def can_write(self) -> bool:
        """Notes and private messages (whatever else is in flight)."""
        return self.refusals["note"] is None

    @property
    def can_message(self) -> bool:
        """Private messages to the author: as notes, but an assisting unit (联办) leaves
        talking to the citizen to the lead unit (the platform refuses it)."""
        return self.can_write and self.refusals["reply"] != rules.OUT_OF_SCOPE

    @property
    def can_reply(self) -> bool:
        """Public replies: as notes, and only while the case is open."""
        return self.refusals["reply"] is None


def why_not(refusal: str | None, holder: Officer | None, assisting: bool = False) -> str:
    """Why the officer may not handle the case at all ("" when nothing stands in the way).

    `assisting`: the officer's unit assists the case's dispatch (联办)."""
    if refusal == rules.OUT_OF_SCOPE and assisting:
        # Short: it stands beside the case's buttons (the lead unit handles the case).
        return _t("Assisting: sign, then note your part")
    if refusal == rules.OUT_OF_SCOPE:
        return _t("Outside your unit's responsibility: you can read it, not handle it")
    if refusal == rules.HELD_BY_OTHER:
        who = officer_label(holder.name, holder.badge) if holder else _t("another officer")
        return _t("Held by {who}").format(who=who)
    return ""


def sentence(item: OutboxItem, fresh: PostDetail | None, me_id: int, officer: OfficerLookup) -> str:
    """Why an action this console sent was refused, seen against the fresh post."""
    said = _with_fresh(item, fresh, me_id, officer) if fresh is not None else ""
    if said:
        return said
    return _t("“{what}” was not carried out: {reason} Your draft is kept.").format(
        what=action_name(item.kind), reason=item.last_error.rstrip("。.") + _t(".")
    )


def _with_fresh(item: OutboxItem, fresh: PostDetail, me_id: int, officer: OfficerLookup) -> str:
    if item.kind == "accept" and fresh.assignee_id not in (None, me_id):
        holder = officer(fresh.assignee_id)
        who = officer_label(holder.name, holder.badge) if holder else _t("Another officer")
        return _t(
            "{who} accepted this post first; the page has been refreshed and your draft is kept."
        ).format(who=who)
    if item.kind == "acknowledge" and fresh.acknowledged_by is not None:
        ack = fresh.acknowledged_by
        return _t(
            "{who} already acknowledged this silent report; the page has been "
            "refreshed and your draft is kept."
        ).format(who=officer_label(ack.name, ack.badge))
    if item.base_version is None or fresh.version == item.base_version:
        return ""
    last = next(
        (
            e
            for e in sorted(fresh.timeline, key=lambda e: e.at, reverse=True)
            if e.officer is not None and e.officer.id != me_id
        ),
        None,
    )
    if last is not None and last.officer is not None:
        return _t(
            "{who} has just done “{did}” on this post, so your “{what}” was not "
            "carried out; the page has been refreshed and your draft is kept."
        ).format(
            who=officer_label(last.officer.name, last.officer.badge),
            did=action_name(last.action),
            what=action_name(item.kind),
        )
    return _t(
        "This post changed while you were looking at it, so your “{what}” was "
        "not carried out; the page has been refreshed and your draft is kept."
    ).format(what=action_name(item.kind))
