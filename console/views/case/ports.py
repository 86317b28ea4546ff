"""What the case pane needs from the platform client and the outbox, as protocols."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

from console.api.models import Board, Meta, Officer, PostDetail, PostSummary, Template, Unit
from console.api.outbox import Outbox, OutboxItem


class CaseClient(Protocol):
    """What the case pane asks the platform (`PlatformClient` fits)."""

    def get_post(self, post_id: int) -> PostDetail: ...
    def templates(self) -> list[Template]: ...
    def meta(self) -> Meta: ...
    def boards(self) -> list[Board]: ...
    def units(self) -> list[Unit]: ...
    def officers(self) -> list[Officer]: ...
    def attachment(self, attachment_id: int) -> tuple[bytes, str]: ...
    def citizen_posts(self, citizen_id: int, limit: int = 50) -> list[PostSummary]: ...


class OutboxFeed(Protocol):
    """The outbox as the case pane follows it (`OutboxSender` fits).

    Signals ``item_changed(OutboxItem)`` and ``delivered(OutboxItem, object)``.
    """

    outbox: Outbox
    item_changed: SignalInstance
    delivered: SignalInstance

    def submit(
        self,
        kind: str,
        post_id: int,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
        seen_version: int | None = None,
    ) -> OutboxItem: ...
    def retry(self, item_id: int) -> OutboxItem | None: ...
    def cancel(self, item_id: int) -> OutboxItem | None: ...
