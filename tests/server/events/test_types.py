"""The event contract: one model per event type, no field more or less than written."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from platform_server.events.log import record_event
from platform_server.events.types import (
    EVENT_MODELS,
    ActorRef,
    OfficerUpdated,
    PostEvent,
    PostReplied,
)
from platform_server.schemas import OfficerOut, PostSummary

pytestmark = pytest.mark.unit

# API.md: "Types at least: ..."
API_TYPES = {
    "post.created",
    "post.updated",
    "post.replied",
    "post.noted",
    "silent.created",
    "silent.acknowledged",
    "silent.escalated",
    "post.rated",
    "officer.updated",
    # v1.1, dispatch between units
    "post.assigned",
    "post.dispatched",
    "post.signed",
    "post.returned",
    "dispatch.overdue",
    "extension.requested",
    "extension.decided",
    "post.urged",
    "post.supervised",
    # v1.1, the city: a duplicate merged under its master post
    "post.merged",
    # v1.1, the city: a spike of similar posts (预警研判)
    "hotspot.detected",
}
# API.md v1.1 "Talking with citizens", and the callback's own update for other consoles.
CITIZEN_TYPES = {
    "post.messaged",
    "post.citizen_message",
    "callback.due",
    "callback.updated",
    "notice.published",
}

SUMMARY: dict[str, Any] = {
    "id": 7,
    "kind": "post",
    "board": "110",
    "title": "路灯坏了",
    "excerpt": "路灯坏了一个月",
    "status": "accepted",
    "author": {"nickname": "热心市民", "phone": "138****5678"},
    "channel": "board",
    "unit_id": 2,
    "assignee_id": 10,
    "created_at": "2026-03-10T06:00:00.000Z",
    "updated_at": "2026-03-10T06:05:00.000Z",
    "deadline_at": "2026-03-10T07:00:00.000Z",
    "overdue": False,
    "version": 2,
    "mentions": [],
    "location": None,
    "acknowledged_by": None,
    "acknowledged_at": None,
    "escalated_at": None,
    "reply_count": 0,
    "attachment_count": 0,
    "transfer_count": 0,
    "rating": None,
    "pinned": False,
}
CAUSE = {"actor": {"id": 10, "badge": "010001", "name": "张伟"}, "idempotency_key": "k-1"}


def test_every_api_type_has_exactly_one_model() -> None:
    assert set(EVENT_MODELS) == API_TYPES | CITIZEN_TYPES
    assert len(set(EVENT_MODELS.values())) == len(EVENT_MODELS)
    assert all(model.type == name for name, model in EVENT_MODELS.items())


@pytest.mark.parametrize("name", sorted(API_TYPES | CITIZEN_TYPES))
def test_every_event_names_its_actor_and_idempotency_key(name: str) -> None:
    fields = EVENT_MODELS[name].model_fields
    assert fields["actor"].annotation == ActorRef | None
    assert fields["idempotency_key"].annotation == str | None


@pytest.mark.parametrize("name", sorted(API_TYPES | CITIZEN_TYPES))
def test_unknown_fields_are_refused(name: str) -> None:
    model = EVENT_MODELS[name]
    with pytest.raises(pydantic.ValidationError, match="extra"):
        model.model_validate({"surprise": 1})


def test_post_events_are_the_queue_row_plus_action_and_cause() -> None:
    """Nothing the console reads from a post event differs from its queue row."""
    row = set(PostSummary.model_fields)
    adds = {
        "post.replied": {"reply"},
        "post.noted": {"note"},
        "post.rated": {"score", "comment"},
        "silent.created": {"body"},
        "silent.escalated": {"escalation_seconds"},
        "post.messaged": {"message"},
        "post.citizen_message": {"message"},
        "callback.due": {"callback"},
        "callback.updated": {"callback"},
        "post.assigned": {"assigned_to"},
        "post.dispatched": {"assist_unit_ids"},
        "post.signed": {"signed_unit_id"},
        "post.returned": {"reason_code", "reason"},
        "dispatch.overdue": {"overdue_count"},
        "extension.requested": {"extension"},
        "extension.decided": {"extension"},
        "post.urged": {"message"},
        "post.supervised": {"supervision"},
        "post.merged": {"into_id"},
    }
    for name, model in EVENT_MODELS.items():
        if issubclass(model, PostEvent):
            extra = {"action", "actor", "idempotency_key"} | adds.get(name, set())
            assert set(model.model_fields) == row | extra, name
    assert set(OfficerUpdated.model_fields) == set(OfficerOut.model_fields) | {
        "actor",
        "idempotency_key",
    }


def test_a_reply_event_round_trips_through_json() -> None:
    reply = {"id": 3, "body": "已安排民警", "created_at": "2026-03-10T06:05:00.000Z"}
    event = PostReplied.model_validate({**SUMMARY, "action": "reply", **CAUSE, "reply": reply})
    wire = event.model_dump_json()
    assert PostReplied.model_validate_json(wire) == event
    assert '"idempotency_key":"k-1"' in wire and '"reply":{"id":3' in wire


def test_record_event_takes_models_not_dicts() -> None:
    with pytest.raises(TypeError):
        record_event(None, {"type": "post.created"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        record_event(None, PostSummary.model_validate(SUMMARY))  # type: ignore[arg-type]
