"""Feeds the queue model: pages from the platform on workers, live changes from the store.

The platform filters, searches, sorts and pages (`GET /api/v1/posts`); this class only
asks for the first page when the filters change and the next one when the view
scrolls near the end, drops answers to questions no longer asked, and turns the
store's change signals into precise row changes.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from console.api.errors import ApiError
from console.api.models import Page, PostSummary
from console.store import CaseStore
from console.tasks import Runner
from console.views.queue.model import QueueFilters, QueueModel

log = logging.getLogger(__name__)

PAGE_SIZE = 100


class QueueClient(Protocol):
    """What the queue asks the platform (`PlatformClient` fits)."""

    def list_posts(
        self, filters: dict[str, Any] | None = None, cursor: str | None = None, limit: int = 100
    ) -> Page[PostSummary]: ...


class QueueFeed(QObject):
    """Loads and live-updates one `QueueModel`.

    Signals:
        loading_changed(bool): a first page is being fetched / has arrived or failed.
        loaded(int): the first page arrived with this many rows.
        load_failed(str): a page could not be loaded (a sentence for the officer).
    """

    loading_changed = Signal(bool)
    loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(
        self,
        model: QueueModel,
        client: QueueClient,
        runner: Runner,
        store: CaseStore,
        *,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.client = client
        self.runner = runner
        self.store = store
        self.page_size = page_size
        self._generation = 0
        self._own_load = False
        self._active = True
        self.failed = False  # the last page request failed (reload after re-sign-in)
        model.more_requested.connect(self._fetch_more)
        store.post_added.connect(self._on_post)
        store.post_changed.connect(self._on_changed)
        store.post_removed.connect(model.remove_post)
        store.posts_loaded.connect(self._on_loaded_elsewhere)

    # ------------------------------------------------------------ identity
    def _query(self) -> dict[str, Any]:
        params = self.model.filters.query()
        me = self.store.me
        if self.model.filters.scope == "unit" and me is not None and "unit" not in params:
            params["unit"] = me.unit_id  # the platform includes the units below it
        return params

    # ------------------------------------------------------------ loading
    def set_filters(self, filters: QueueFilters) -> None:
        if filters == self.model.filters and self.model.rowCount() > 0:
            return
        self.model.set_filters(filters)
        self.reload()

    def reload(self) -> None:
        """Ask for the first page again (filters changed, resync, back after sign-in)."""
        self._active = True
        self._generation += 1
        gen = self._generation
        query = self._query()
        limit = self.page_size
        self.loading_changed.emit(True)
        self.runner.run(
            lambda: self.client.list_posts(query, None, limit),
            lambda page: self._first_page(gen, page),
            lambda exc: self._failed(gen, exc, first=True),
        )

    def stop(self) -> None:
        """Forget pending answers (sign-out): nothing arriving later touches the model."""
        self._active = False
        self._generation += 1

    def _first_page(self, gen: int, page: Page[PostSummary]) -> None:
        if gen != self._generation or not self._active:
            return
        self.failed = False
        self.model.replace_rows(page.items, page.next_cursor)
        self._remember(page.items)
        self.loading_changed.emit(False)
        self.loaded.emit(len(page.items))

    def _fetch_more(self, cursor: str) -> None:
        gen = self._generation
        query = self._query()
        limit = self.page_size
        self.runner.run(
            lambda: self.client.list_posts(query, cursor, limit),
            lambda page: self._next_page(gen, page),
            lambda exc: self._failed(gen, exc, first=False),
        )

    def _next_page(self, gen: int, page: Page[PostSummary]) -> None:
        if gen != self._generation or not self._active:
            return
        self.model.append_rows(page.items, page.next_cursor)
        self._remember(page.items)

    def _remember(self, items: tuple[PostSummary, ...]) -> None:
        # The store learns these posts so events and the detail pane update them.
        self._own_load = True
        try:
            self.store.load_page(items)
        finally:
            self._own_load = False

    def _failed(self, gen: int, exc: Exception, *, first: bool) -> None:
        if gen != self._generation:
            return
        self.model.fetch_failed()
        self.failed = True
        if first:
            self.loading_changed.emit(False)
        message = exc.user_message() if isinstance(exc, ApiError) else str(exc)
        log.warning("queue page failed: %r", exc)
        self.load_failed.emit(message)

    # ------------------------------------------------------------ live changes
    def _on_post(self, post: PostSummary) -> None:
        if self._active:
            self.model.apply(post, self.store.me)

    def _on_changed(self, post: PostSummary, _old: object) -> None:
        if self._active:
            self.model.apply(post, self.store.me)

    def _on_loaded_elsewhere(self, posts: list[PostSummary]) -> None:
        # Pages others load (silent-report re-fetch after a reconnect) may carry news.
        if self._own_load or not self._active:
            return
        me = self.store.me
        for post in posts:
            self.model.apply(post, me)
