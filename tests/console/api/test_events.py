"""console.api.events: every event type by name, parsed into the console's models.

The data here is shaped as the platform writes it (the post's queue row plus what
happened, and on every event the actor and the Idempotency-Key of the request that
caused it); what the console knows and does not know is said per type.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest

from console.api import events
from console.api.events import (
    EVENT_MODELS,
    ActorRef,
    EventError,
    HotspotEvent,
    NoteEvent,
    OfficerEvent,
    PostEvent,
    RatedEvent,
    ReplyEvent,
    SilentCreatedEvent,
    SilentEscalatedEvent,
    parse_event,
)
from console.api.models import PostSummary
from tests.helpers.console import post_json

pytestmark = pytest.mark.unit

ZHANG = {"id": 1, "badge": "010001", "name": "张伟"}


def test_every_type_the_console_reads_has_a_name_and_a_model() -> None:
    assert set(EVENT_MODELS) == {
        "post.created",
        "post.updated",
        "post.replied",
        "post.noted",
        "post.rated",
        "post.merged",
        "silent.created",
        "silent.acknowledged",
        "silent.escalated",
        "officer.updated",
        # talking with citizens (API.md v1.1)
        "post.messaged",
        "post.citizen_message",
        "callback.due",
        "callback.updated",
        "notice.published",
        "post.assigned",
        "post.dispatched",
        "post.signed",
        "post.returned",
        "dispatch.overdue",
        "extension.requested",
        "extension.decided",
        "post.urged",
        "post.supervised",
        "hotspot.detected",
    }
    not_posts = {"officer.updated", "notice.published", "hotspot.detected"}
    assert set(EVENT_MODELS) - not_posts == events.POST_EVENT_TYPES
    assert {t for t in EVENT_MODELS if t.startswith("silent.")} == events.SILENT_EVENT_TYPES
    # the stream's own frames are named too, and are no events of the log
    assert {events.STREAM_READY, events.STREAM_CLOSED, events.RESET}.isdisjoint(EVENT_MODELS)


def test_every_event_carries_the_actor_and_the_idempotency_key() -> None:
    for type_, model in EVENT_MODELS.items():
        names = {f.name for f in fields(model)}
        assert {"actor", "idempotency_key"} <= names, type_


def test_a_post_event_with_its_actor_and_key() -> None:
    data = {
        **post_json(5, 3, status="accepted", assignee_id=1),
        "action": "accept",
        "actor": ZHANG,
        "idempotency_key": "4f1c0e",
    }
    event = parse_event(42, "post.updated", data)
    assert event.seq == 42 and event.type == "post.updated"
    assert isinstance(event.data, PostEvent)
    assert event.data.action == "accept"
    assert event.actor == ActorRef(id=1, badge="010001", name="张伟")
    assert event.idempotency_key == "4f1c0e"
    post = event.data.post()
    assert type(post) is PostSummary and post.id == 5 and post.version == 3
    assert post.status == "accepted" and post.assignee_id == 1


def test_without_the_two_new_fields_an_event_is_nobodys() -> None:
    """A platform from before actor and idempotency_key: unknown means "not mine"."""
    event = parse_event(1, "post.created", post_json(7))
    assert event.actor is None and event.idempotency_key is None
    citizen_made = parse_event(2, "post.created", {**post_json(8), "actor": None})
    assert citizen_made.actor is None


@pytest.mark.parametrize(
    ("type_", "model", "extra", "check"),
    [
        (
            "post.replied",
            ReplyEvent,
            {
                "reply": {
                    "id": 9,
                    "body": "您好，已派警。",
                    "created_at": "2026-03-01T08:00:00.000Z",
                }
            },
            lambda d: d.reply.id == 9 and d.reply.body == "您好，已派警。",
        ),
        (
            "post.noted",
            NoteEvent,
            {"note": {"id": 3, "body": "内部：联系了社区", "created_at": "2026-03-01T08:00:00Z"}},
            lambda d: d.note.body == "内部：联系了社区",
        ),
        (
            "post.rated",
            RatedEvent,
            {"score": 2, "comment": "太慢了"},
            lambda d: d.score == 2 and d.comment == "太慢了",
        ),
        (
            "silent.created",
            SilentCreatedEvent,
            {"body": "我在出租车上"},
            lambda d: d.body == "我在出租车上",
        ),
        (
            "silent.escalated",
            SilentEscalatedEvent,
            {"escalation_seconds": 15.0},
            lambda d: d.escalation_seconds == 15.0,
        ),
        ("silent.acknowledged", PostEvent, {"action": "acknowledge"}, lambda d: d.action),
    ],
)
def test_each_post_event_brings_what_happened(
    type_: str, model: type[Any], extra: dict[str, Any], check: Any
) -> None:
    event = parse_event(3, type_, {**post_json(5, 2), **extra, "idempotency_key": None})
    assert type(event.data) is model
    assert check(event.data)
    assert event.data.post().id == 5  # type: ignore[union-attr]


def test_an_officer_event() -> None:
    data = {"id": 2, "badge": "010002", "name": "李静", "unit_id": 2, "role": "officer"}
    event = parse_event(9, "officer.updated", {**data, "on_duty": True, "actor": None})
    assert isinstance(event.data, OfficerEvent)
    officer = event.data.officer()
    assert (officer.name, officer.on_duty) == ("李静", True)


def test_fields_the_console_does_not_know_are_ignored() -> None:
    """A newer platform adds fields; the console keeps working (the contract test is the
    place that notices them)."""
    event = parse_event(4, "post.updated", {**post_json(5, 2), "priority": 1, "hotspot": {}})
    assert isinstance(event.data, PostEvent) and event.data.version == 2


def test_a_hotspot_parses_with_its_member_posts() -> None:
    data = {"id": 3, "board": "12345", "unit_id": 7, "terms": ["暖气", "不热"]}
    data |= {"post_ids": [5, 6, 9], "window_minutes": 60, "count": 3, "baseline": 0.5}
    event = parse_event(8, "hotspot.detected", {**data, "actor": None, "idempotency_key": None})
    assert isinstance(event.data, HotspotEvent)
    assert event.data.post_ids == (5, 6, 9) and event.data.terms == ("暖气", "不热")


def test_a_type_the_console_does_not_know_is_kept_unparsed() -> None:
    event = parse_event(5, "weather.changed", {"id": 1, "terms": ["电动车"]})
    assert event.data is None and event.idempotency_key is None and event.actor is None


def test_data_that_does_not_fit_its_type_is_an_error() -> None:
    with pytest.raises(EventError, match=r"post\.updated"):
        parse_event(6, "post.updated", {"id": 1, "title": "no other fields"})
    with pytest.raises(EventError):
        parse_event(7, "officer.updated", {"name": "no id"})
