"""What the case pane does, without its widgets: fetching, outbox tracking, drafts, refusals.

`CaseController` owns the open case: it fetches the post on a worker (one fetch at a
time; a request during a fetch becomes one more fetch after it), keeps the post's outbox
items, autosaves and restores the draft, sends actions and messages through
console.operations, and when the platform refuses an action it refreshes the case and
says in one sentence who did what. It holds no widget and imports no QtWidgets: the
case view (console/views/case/view.py) shows what it announces, and tests drive it
without a window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from console import rules
from console.api.errors import ApiError
from console.api.models import Me, PostDetail, PostSummary
from console.api.outbox import OutboxItem
from console.drafts import Draft, Drafts, Mode
from console.operations import ACTION_KINDS, MESSAGE_KINDS, PostOperations
from console.store import CaseStore
from console.tasks import Runner
from console.views.case import handling as case_handling
from console.views.case.handling import Handling
from console.views.case.ports import CaseClient, OutboxFeed
from console.views.text import action_name

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 2000  # the platform's limit when its /meta cannot be read
PUBLIC, NOTE = "reply", "note"  # the editor's two modes, named as the outbox kinds


class CaseController(QObject):
    """The open case, its outbox items, draft and refusals.

    Signals:
        loading(int): another post is being opened (its id); nothing of it is known yet.
        shown(PostDetail): the post arrived (first time or refreshed).
        load_failed(str): the post could not be fetched (a sentence for the officer).
        items_changed(): this post's outbox items changed (sending, sent, failed …).
        handling_changed(): what the officer may do changed (see `handling()`).
        refused(str): an action of this console was refused; one sentence: who did what,
            that the page is fresh, that the draft is kept.
        notice(str): an action on a post no longer shown was refused (for the status bar).
        problem(str): something the officer must know (an action not saved, the case left
            their area, drafts not saved).
        left_scope(): the case left what this officer may see.
        draft_restored(str, str): put this text in the editor, in this mode (reply/note).
        message_queued(): a reply or note went to the outbox; the editor may clear.
        reference_loaded(list, int): the reply templates and the platform's text limit.
    """

    loading = Signal(int)
    shown = Signal(object)
    load_failed = Signal(str)
    items_changed = Signal()
    handling_changed = Signal()
    refused = Signal(str)
    notice = Signal(str)
    problem = Signal(str)
    left_scope = Signal()
    draft_restored = Signal(str, str)
    message_queued = Signal()
    reference_loaded = Signal(list, int)

    def __init__(
        self,
        client: CaseClient,
        tasks: Runner,
        outbox: OutboxFeed,
        store: CaseStore,
        drafts: Drafts,
        me: Me,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._outbox = outbox
        self._ops = PostOperations(outbox)
        self._store = store
        self._drafts = drafts
        self._me = me
        self._viewer = rules.Viewer.of(me.id, me.role, me.unit_id, me.scope_unit_ids)
        self._post_id: int | None = None
        self._detail: PostDetail | None = None
        self._items: dict[int, OutboxItem] = {}  # this post's outbox items by id
        # Items this pane submitted: their refusals are ours to explain (others, e.g.
        # the alarm banner's acknowledgements, are explained by whoever sent them).
        self._submitted: set[int] = set()
        self._given_back: set[int] = set()  # discarded messages whose text came back
        self._fetching = False
        self._fetch_again = False
        self._explain: list[OutboxItem] = []  # refused actions waiting for fresh data
        self._draft_ready = False
        self._typed = ""  # the editor's text as last typed (or restored) for this post
        self._reference_loaded = False
        store.post_changed.connect(self._on_post_changed)
        store.post_removed.connect(self._on_post_removed)
        outbox.item_changed.connect(self._on_item_changed)
        outbox.delivered.connect(self._on_delivered)
        drafts.draft_loaded.connect(self._on_draft_loaded)
        drafts.save_failed.connect(self.problem)

    # ================================================================ state
    @property
    def post_id(self) -> int | None:
        return self._post_id

    @property
    def detail(self) -> PostDetail | None:
        return self._detail

    @property
    def drafts(self) -> Drafts:
        return self._drafts

    @property
    def draft_ready(self) -> bool:
        return self._draft_ready

    def items(self) -> list[OutboxItem]:
        """This post's outbox items, oldest first."""
        return sorted(self._items.values(), key=lambda i: i.id)

    def pending_action(self) -> OutboxItem | None:
        """The newest action of this console still on its way for the case, if any."""
        pending = [i for i in self.items() if i.kind in ACTION_KINDS and i.pending]
        return pending[-1] if pending else None

    def handling(self) -> Handling | None:
        """What the officer may do with the case now (None: no case shown)."""
        d = self._detail
        if d is None:
            return None
        facts = self._store.facts(d)
        return Handling(
            refusals={a: rules.refusal(self._viewer, a, facts) for a in rules.ACTIONS},
            state_allows={a: rules.state_allows(a, facts) for a in rules.ACTIONS},
            why_not=case_handling.why_not(
                rules.handling_refusal(self._viewer, facts),
                self._store.officer(d.assignee_id),
                rules.assisting(self._viewer, facts),
            ),
            busy=self.pending_action() is not None,
            draft_ready=self._draft_ready,
            is_open=facts.is_open,
            is_silent=facts.is_silent,
        )

    # ================================================================ opening
    def load(self, post_id: int) -> None:
        """Show post `post_id` (fetched on a worker); the same id again refreshes it."""
        if post_id != self._post_id:
            self._drafts.flush()
            self._post_id = post_id
            self._detail = None
            self._items = {}
            self._explain = []
            self._draft_ready = False
            self._typed = ""
            self.loading.emit(post_id)
            self._drafts.request(post_id)
        self._ensure_reference()
        self.refresh()

    def clear(self) -> None:
        """Show no case (e.g. the officer signed out)."""
        self._drafts.flush()
        self._post_id = None
        self._detail = None
        self._items = {}
        self._typed = ""

    def refresh(self) -> None:
        """Fetch the open post again (coalesced: one fetch at a time)."""
        if self._post_id is None:
            return
        if self._fetching:
            self._fetch_again = True
            return
        self._fetching = True
        self._fetch_again = False
        post_id = self._post_id
        outbox = self._outbox.outbox
        client = self._client

        def op() -> tuple[PostDetail, list[OutboxItem]]:
            return client.get_post(post_id), outbox.items(post_id)

        self._tasks.run(
            op,
            lambda res: self._fetched(post_id, res[0], res[1]),
            lambda exc: self._fetch_failed(post_id, exc),
        )

    def shutdown(self) -> None:
        """Write pending drafts; call before closing."""
        self._drafts.close()

    def _fetched(self, post_id: int, detail: PostDetail, items: list[OutboxItem]) -> None:
        self._fetching = False
        if post_id != self._post_id:
            self._fetch_again = False
            self.refresh()  # the officer moved on meanwhile
            return
        self._detail = detail
        self._items = {i.id: i for i in items}
        self.shown.emit(detail)
        self._store.upsert(detail.summary())
        explain, self._explain = self._explain, []
        for item in explain:
            self._explain_refusal(item, detail)
        if self._fetch_again:
            self.refresh()

    def _fetch_failed(self, post_id: int, exc: Exception) -> None:
        self._fetching = False
        if post_id != self._post_id:
            self.refresh()
            return
        self.load_failed.emit(exc.user_message() if isinstance(exc, ApiError) else str(exc))
        explain, self._explain = self._explain, []
        for item in explain:
            self._explain_refusal(item, None)
        if self._fetch_again:
            self.refresh()

    # ================================================================ actions
    # accept and acknowledge act at once (keys A and K); transfer, close and reopen are
    # checked when their dialog opens (`may`) and sent with what the officer entered.
    def accept(self) -> bool:
        return self.may("accept") and self._act("accept", self._ops.accept)

    def acknowledge(self) -> bool:
        return self.may("acknowledge") and self._act(
            "acknowledge", lambda d: self._ops.acknowledge(d.id, d.version)
        )

    def transfer(self, unit_id: int, reason: str, assists: tuple[int, ...] = ()) -> bool:
        return self._act("transfer", lambda d: self._ops.transfer(d, unit_id, reason, assists))

    def close(self, resolution: str, code: str | None = None) -> bool:
        return self._act("close", lambda d: self._ops.close(d, resolution, code))

    def loop_step(self, kind: str, **payload: Any) -> OutboxItem | None:
        """A step of the handling loop (sign, return, extension, urge, supervise): its item."""
        ok = self._act(kind, lambda d: self._ops.submit(kind, d.id, d.version, **payload))
        return self.items()[-1] if ok else None

    def reopen(self, reason: str = "") -> bool:
        return self._act("reopen", lambda d: self._ops.reopen(d, reason))

    def merge_here(self, duplicate: Any) -> bool:
        """Merge a listed likely duplicate (a `PostSummary`) under the open case."""
        d = self._detail
        if d is None or duplicate.id == d.id:
            return False
        try:
            self._ops.merge(duplicate, d.id)
        except Exception:
            log.exception("could not write merge to the outbox")
            self.problem.emit(
                self.tr("The action could not be saved on this computer; nothing was sent.")
            )
            return False
        return True

    def unmerge(self) -> bool:
        """Undo the open case's merge as a duplicate."""
        return self._act("unmerge", self._ops.unmerge)

    def may(self, action: str) -> bool:
        """The action is possible on the open case now."""
        handling = self.handling()
        return handling is not None and handling.allows(action)

    def _act(self, kind: str, submit: Callable[[PostDetail], OutboxItem]) -> bool:
        d = self._detail
        if d is None:
            return False
        try:
            item = submit(d)
        except Exception:
            log.exception("could not write %s to the outbox", kind)
            self.problem.emit(
                self.tr("The action could not be saved on this computer; nothing was sent.")
            )
            return False
        self._track(item)
        return True

    def send(self, mode: str, text: str) -> bool:
        """The editor's text as a public reply or an internal note, through the outbox."""
        d = self._detail
        if d is None:
            return False
        kind: Mode = "note" if mode == NOTE else "reply"
        try:
            send = self._ops.note if kind == "note" else self._ops.reply
            item = send(d.id, text, d.version)
        except Exception:
            log.exception("could not write the %s to the outbox", kind)
            self.problem.emit(
                self.tr(
                    "The message could not be saved on this computer and was not sent; "
                    "it is still in the editor."
                )
            )
            return False
        self._drafts.mark_sending(d.id, text, kind, item.idem_key)
        self._typed = ""
        self._track(item)
        self.message_queued.emit()
        return True

    def _track(self, item: OutboxItem) -> None:
        self._submitted.add(item.id)
        self._items[item.id] = item
        self.items_changed.emit()
        self.handling_changed.emit()

    def retry(self, item_id: int) -> None:
        self._outbox.retry(item_id)

    def discard(self, item_id: int) -> bool:
        """Give up a failed item. True when a message's text came back to the editor."""
        item = self._outbox.cancel(item_id)
        return item is not None and (self._give_back(item) or item.id in self._given_back)

    def _give_back(self, item: OutboxItem) -> bool:
        """A discarded reply or note of the open case back in its empty editor, once.

        However it was discarded (the card's button or the outbox panel), its text is
        the officer's work: it comes back to be fixed or deleted, never lost."""
        if (
            item.id in self._given_back
            or item.kind not in MESSAGE_KINDS
            or item.post_id != self._post_id
            or self._typed.strip()
        ):
            return False
        self._given_back.add(item.id)
        body = str(item.payload.get("body", ""))
        mode: Mode = "note" if item.kind == "note" else "reply"
        self._restore(body, mode)
        self._drafts.save_later(item.post_id, body, mode)
        return True

    # ================================================================ the outbox
    def _on_item_changed(self, item: OutboxItem) -> None:
        if item.post_id == self._post_id:
            if item.state == "cancelled" and item.id not in self._items:
                return
            self._items[item.id] = item
            self.items_changed.emit()
            self.handling_changed.emit()
            if item.state == "cancelled":
                self._give_back(item)
        mine = item.id in self._submitted or item.post_id == self._post_id
        if item.state == "failed" and item.kind in ACTION_KINDS and mine:
            # A refused action cannot succeed unchanged (the post moved on); withdraw it
            # so it does not hold up later messages, and say what happened once fresh
            # data is in.
            self._outbox.cancel(item.id)
            if item.post_id == self._post_id:
                self._explain.append(item)
                self.refresh()
            else:
                self.notice.emit(
                    self.tr("Case #{id}: “{what}” was not carried out ({reason}).").format(
                        id=item.post_id, what=action_name(item.kind), reason=item.last_error
                    )
                )
        elif item.state == "failed" and item.post_id == self._post_id:
            self.refresh()  # e.g. someone else holds the post now: show who

    def _on_delivered(self, item: OutboxItem, _result: object) -> None:
        if item.kind in MESSAGE_KINDS:
            self._drafts.clear_if_sent(item.post_id, item.idem_key)
        if item.post_id == self._post_id:
            self.refresh()

    def _explain_refusal(self, item: OutboxItem, fresh: PostDetail | None) -> None:
        self.refused.emit(case_handling.sentence(item, fresh, self._me.id, self._store.officer))

    # ================================================================ the store
    def _on_post_changed(self, new: PostSummary, _old: object) -> None:
        d = self._detail
        if new.id != self._post_id or d is None:
            return
        if self._store.is_echo(new) or new.version <= d.version:
            return
        self.refresh()

    def _on_post_removed(self, post_id: int) -> None:
        if post_id == self._post_id:
            self.left_scope.emit()
            # One who handled it keeps read-only sight: the detail then says where it went.
            self.refresh()
            self.problem.emit(
                self.tr(
                    "This case has left your area of responsibility (for example it was "
                    "transferred); your draft is kept."
                )
            )

    # ================================================================ drafts
    def text_edited(self, mode: str, text: str) -> None:
        """The officer typed: autosave (once the draft has been read back)."""
        if self._post_id is None or not self._draft_ready:
            return
        self._typed = text
        self._drafts.save_later(self._post_id, text, "note" if mode == NOTE else "reply")

    def _restore(self, body: str, mode: Mode) -> None:
        self._typed = body
        self.draft_restored.emit(body, NOTE if mode == "note" else PUBLIC)

    def _on_draft_loaded(self, post_id: int, draft: Draft | None) -> None:
        if post_id != self._post_id:
            return
        self._draft_ready = True
        self.handling_changed.emit()
        if draft is None or self._typed.strip():
            return
        if draft.sending_key is None:
            self._restore(draft.body, draft.mode)
            return
        # The draft was handed to the outbox: it shows there until delivered. Only if
        # that item is gone (discarded) does the text come back to the editor.
        key = draft.sending_key
        outbox = self._outbox.outbox

        def settle(item: OutboxItem | None) -> None:
            if post_id != self._post_id:
                return
            if item is None or item.state == "cancelled":
                if not self._typed.strip():
                    self._restore(draft.body, draft.mode)
                    self._drafts.save_later(post_id, draft.body, draft.mode)
            elif item.state == "sent":
                self._drafts.clear_if_sent(post_id, key)

        self._tasks.run(lambda: outbox.get_by_key(key), settle)

    # ================================================================ reference data
    def _ensure_reference(self) -> None:
        if self._reference_loaded:
            return
        self._reference_loaded = True
        client, store = self._client, self._store
        need_reference = not store.units()

        def op() -> dict[str, Any]:
            out: dict[str, Any] = {"templates": client.templates()}
            try:
                out["max_chars"] = client.meta().max_body_chars
            except ApiError:
                out["max_chars"] = DEFAULT_MAX_CHARS
            if need_reference:
                out["boards"] = client.boards()
                out["units"] = client.units()
                out["officers"] = client.officers()
            return out

        def done(ref: dict[str, Any]) -> None:
            if "units" in ref and not store.units():
                store.set_reference(ref["boards"], ref["units"], ref["officers"])
            self.reference_loaded.emit(list(ref["templates"]), int(ref["max_chars"]))
            self.handling_changed.emit()

        def failed(exc: Exception) -> None:
            self._reference_loaded = False  # try again with the next case
            log.warning("reference data for the case view failed: %r", exc)

        self._tasks.run(op, done, failed)
