"""CaseStore: each event applied once, never backwards, with precise signals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.api.models import Board, OfficerRef, PostSummary, format_time
from console.store import CaseStore
from tests.helpers.console import T0, post_json, zhang

pytestmark = pytest.mark.unit

CMD, EAST, TRAFFIC = 2, 8, 3
BOARDS = [
    Board(id=1, code="silent", name="V报警", deadline_minutes=30, restricted=True),
    Board(id=2, code="110", name="110求助", deadline_minutes=60),
    Board(id=3, code="complaint", name="警务投诉", deadline_minutes=4320, restricted=True),
]


class Recorder:
    """Every signal of a store, in order, as (name, args)."""

    def __init__(self, store: CaseStore) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        for name in (
            "post_added",
            "post_changed",
            "post_removed",
            "posts_loaded",
            "silent_created",
            "silent_acknowledged",
            "silent_escalated",
            "officer_changed",
            "reset",
        ):
            getattr(store, name).connect(lambda *a, n=name: self.calls.append((n, a)))

    def names(self) -> list[str]:
        return [n for n, _ in self.calls]


def make_store() -> tuple[CaseStore, Recorder]:
    store = CaseStore()
    store.set_reference(boards=BOARDS)
    store.set_viewer(zhang())
    return store, Recorder(store)


def test_each_seq_is_applied_once() -> None:
    store, rec = make_store()
    assert store.apply_event(1, "post.created", post_json(10))
    assert not store.apply_event(1, "post.created", post_json(10))  # replayed
    assert not store.apply_event(0, "post.updated", post_json(10, 2))  # older seq
    assert rec.names() == ["post_added"]
    assert store.last_seq == 1
    assert store.get(10) is not None and store.get(10).version == 1  # type: ignore[union-attr]


def test_change_carries_new_and_old() -> None:
    store, rec = make_store()
    store.apply_event(1, "post.created", post_json(10))
    store.apply_event(2, "post.updated", post_json(10, 2, status="accepted", assignee_id=1))
    name, (new, old) = rec.calls[-1]
    assert name == "post_changed"
    assert (old.status, new.status) == ("new", "accepted")
    assert new.assignee_id == 1


def test_never_goes_back_to_an_older_version_and_ignores_no_ops() -> None:
    store, rec = make_store()
    store.apply_event(1, "post.created", post_json(10, 3))
    store.apply_event(2, "post.updated", post_json(10, 2))  # stale payload, newer seq
    store.apply_event(3, "post.updated", post_json(10, 3))  # identical
    assert rec.names() == ["post_added"]
    assert store.get(10).version == 3  # type: ignore[union-attr]
    assert store.last_seq == 3


def test_silent_report_lifecycle_signals() -> None:
    store, rec = make_store()
    silent = {"kind": "silent_report", "board": "silent", "channel": "silent"}
    store.apply_event(5, "silent.created", post_json(7, 1, **silent))
    assert rec.names() == ["post_added", "silent_created"]
    assert [p.id for p in store.open_unacknowledged_silent()] == [7]

    ack = {
        **silent,
        "status": "accepted",
        "acknowledged_by": {"id": 2, "badge": "010002", "name": "李静", "unit_id": CMD},
        "acknowledged_at": format_time(T0 + timedelta(seconds=9)),
    }
    store.apply_event(6, "silent.acknowledged", post_json(7, 2, **ack))
    assert rec.names()[-2:] == ["post_changed", "silent_acknowledged"]
    acked = rec.calls[-1][1][0]
    assert acked.acknowledged_by == OfficerRef(id=2, badge="010002", name="李静", unit_id=CMD)
    assert store.open_unacknowledged_silent() == []

    store.apply_event(
        7, "silent.escalated", post_json(8, 1, **silent, escalated_at=format_time(T0))
    )
    assert rec.names()[-2:] == ["post_added", "silent_escalated"]


def test_restricted_post_transferred_out_of_scope_is_removed() -> None:
    store, rec = make_store()
    store.apply_event(1, "post.created", post_json(3, 1, board="complaint"))
    store.apply_event(2, "post.created", post_json(4, 1))
    # both leave the officer's unit; only the restricted one leaves their view
    store.apply_event(3, "post.updated", post_json(3, 2, board="complaint", unit_id=EAST))
    store.apply_event(4, "post.updated", post_json(4, 2, unit_id=TRAFFIC))
    assert ("post_removed", (3,)) in rec.calls
    assert 3 not in store and 4 in store
    # an event about a post we never could see changes nothing
    store.apply_event(5, "post.updated", post_json(99, 1, board="complaint", unit_id=EAST))
    assert 99 not in store
    assert rec.names().count("post_removed") == 1


def test_leader_sees_only_their_subtree() -> None:
    store, _rec = make_store()
    store.set_viewer(zhang(unit=EAST, role="leader"))
    store.apply_event(1, "post.created", post_json(1, 1, unit_id=EAST))
    store.apply_event(2, "post.created", post_json(2, 1, unit_id=CMD))
    assert 1 in store and 2 not in store


def test_load_page_announces_only_what_is_new_or_changed() -> None:
    store, rec = make_store()
    page = [PostSummary.from_json(post_json(i)) for i in (1, 2, 3)]
    assert len(store.load_page(page)) == 3
    assert rec.names() == ["posts_loaded"]
    again = [page[0], PostSummary.from_json(post_json(2, 2, status="accepted")), page[2]]
    merged = store.load_page(again)
    assert [p.id for p in merged] == [2]
    assert len(rec.calls[-1][1][0]) == 1
    # the stream then brings the same version: nothing to say
    store.apply_event(1, "post.updated", post_json(2, 2, status="accepted"))
    assert rec.names() == ["posts_loaded", "posts_loaded"]


ME = {"id": 1, "badge": "010001", "name": "张伟"}
LI = {"id": 2, "badge": "010002", "name": "李静"}


def test_echo_of_own_action_is_recognised_by_its_idempotency_key() -> None:
    store, _ = make_store()
    seen: list[tuple[int, bool]] = []
    store.post_changed.connect(lambda new, _old: seen.append((new.version, store.is_echo(new))))
    store.apply_event(1, "post.created", post_json(5, 1, actor=None, idempotency_key=None))
    store.remember_own_key("key-of-my-accept")
    mine = post_json(5, 2, status="accepted", assignee_id=1)
    store.apply_event(
        2, "post.updated", {**mine, "actor": ME, "idempotency_key": "key-of-my-accept"}
    )
    theirs = post_json(5, 3, status="resolved")
    store.apply_event(3, "post.updated", {**theirs, "actor": LI, "idempotency_key": "their-key"})
    # Same officer, another console: its key is not this console's, so it is news.
    elsewhere = post_json(5, 4, status="in_progress")
    store.apply_event(4, "post.updated", {**elsewhere, "actor": ME, "idempotency_key": "k2"})
    assert seen == [(2, True), (3, False), (4, False)]
    assert not store.is_echo(store.get(5))  # type: ignore[arg-type]  (outside a slot: never)


def test_an_event_without_the_key_is_never_taken_for_an_echo() -> None:
    """A platform from before idempotency keys in events: every change is news."""
    store, _ = make_store()
    seen: list[bool] = []
    store.post_changed.connect(lambda new, _old: seen.append(store.is_echo(new)))
    store.apply_event(1, "post.created", post_json(5, 1))
    store.remember_own_key("key-of-my-accept")
    store.apply_event(2, "post.updated", post_json(5, 2, status="accepted", assignee_id=1))
    assert seen == [False]


def test_clear_resets_the_position_and_says_so() -> None:
    store, rec = make_store()
    store.apply_event(50, "post.created", post_json(1))
    store.clear()
    assert rec.names()[-1] == "reset"
    assert len(store) == 0 and store.last_seq is None
    # a replaced platform database starts its seqs again
    assert store.apply_event(3, "post.created", post_json(1))


def test_officer_updates_feed_the_lookup() -> None:
    store, rec = make_store()
    data = {
        "id": 2,
        "badge": "010002",
        "name": "李静",
        "unit_id": CMD,
        "role": "officer",
        "on_duty": False,
    }
    store.apply_event(1, "officer.updated", data)
    assert rec.names() == ["officer_changed"]
    changed = rec.calls[0][1][0]
    assert changed.id == 2 and changed.name == "李静" and changed.on_duty is False
    assert store.officer(2) is not None and store.officer(2).on_duty is False  # type: ignore[union-attr]
    assert store.officer_name(2) == "李静"


@pytest.mark.expected_log(r"console\.store: event \d+ \(post\.updated\) is unreadable")
def test_unreadable_payload_is_skipped_not_fatal() -> None:
    store, rec = make_store()
    assert store.apply_event(1, "post.updated", {"id": 1, "title": "no other fields"})
    assert store.apply_event(2, "post.created", post_json(2))
    assert rec.names() == ["post_added"]


# A reconnecting stream may deliver any prefix again; the result must not change.
_events = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=4),  # post id
        st.sampled_from(["post.created", "post.updated", "post.replied", "silent.created"]),
        st.sampled_from(["new", "accepted", "resolved"]),
    ),
    min_size=1,
    max_size=25,
)


def _log(spec: list[tuple[int, str, str]]) -> list[tuple[int, str, dict[str, Any]]]:
    versions: dict[int, int] = {}
    out = []
    for seq, (pid, type_, status) in enumerate(spec, start=1):
        versions[pid] = versions.get(pid, 0) + 1
        out.append((seq, type_, post_json(pid, versions[pid], status=status)))
    return out


@settings(max_examples=80, deadline=None)
@given(_events, st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), max_size=5))
def test_replayed_stretches_change_nothing(
    spec: list[tuple[int, str, str]], drops: list[tuple[int, int]]
) -> None:
    """The link drops after `cut` events and resumes `back` events too early, repeatedly."""
    log = _log(spec)
    clean, clean_rec = make_store()
    for ev in log:
        clean.apply_event(*ev)

    delivery: list[tuple[int, str, dict[str, Any]]] = []
    pos = 0
    for got_to, back in drops:
        cut = max(pos, min(got_to, len(log)))
        delivery += log[pos:cut]
        pos = max(0, cut - back)
    delivery += log[pos:]
    noisy, noisy_rec = make_store()
    for ev in delivery:
        noisy.apply_event(*ev)

    assert noisy.posts() == clean.posts()
    assert noisy_rec.calls == clean_rec.calls
    assert noisy.last_seq == clean.last_seq == len(log)


def test_masked_phone_in_an_event_does_not_hide_what_rest_showed() -> None:
    store, _ = make_store()
    store.load_page(
        [PostSummary.from_json(post_json(1, author={"nickname": "王女士", "phone": "13812345678"}))]
    )
    store.apply_event(1, "post.updated", post_json(1, 2, status="accepted"))
    kept = store.get(1)
    assert kept is not None and kept.status == "accepted"
    assert kept.author.phone == "13812345678"


def test_an_event_keeps_the_phone_rest_showed_unmasked() -> None:
    """Events carry phones masked for everyone; a leader who saw the number keeps it."""
    store, _ = make_store()
    full = {"nickname": "王女士", "phone": "13812345678"}
    store.load_page([PostSummary.from_json(post_json(10, author=full))])
    store.apply_event(1, "post.updated", post_json(10, 2, author={**full, "phone": "*******5678"}))
    kept = store.get(10)
    assert kept is not None and kept.version == 2
    assert kept.author.phone == "13812345678"
    # Another number behind the mask is another person: the masked one is shown.
    store.apply_event(2, "post.updated", post_json(10, 3, author={**full, "phone": "*******9999"}))
    changed = store.get(10)
    assert changed is not None and changed.author.phone == "*******9999"
