"""The platform's triage suggestion shown in the transfer dialog (fetched on a worker).

The words say what the history suggests — board, unit, priority and how sure — and the
dialog offers a button to choose that unit; nothing is applied by itself. A platform
that cannot suggest (too little history, an older platform) leaves the dialog as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from console.api.city import CityApi, Suggestion
from console.views.dialogs.actions import TransferDialog


def _t(text: str) -> str:
    return QCoreApplication.translate("TriageSuggestion", text)


def suggestion_words(s: Suggestion, board_name: str, unit_name: str) -> str:
    """ "Suggested from past posts: board 治安, unit 河滨派出所, priority 2 (board 92 % sure)" """
    parts = [_t("board {board}").format(board=board_name or s.board)]
    if s.unit_id is not None:
        parts.append(_t("unit {unit}").format(unit=unit_name or f"#{s.unit_id}"))
    parts.append(_t("priority {p}").format(p=s.priority))
    return _t("Suggested from past posts: {what} (board {sure} % sure)").format(
        what=_t(", ").join(parts), sure=round(100 * s.confidence)
    )


def offer_suggestion(view: Any, dialog: TransferDialog, post_id: int) -> None:
    """Ask the platform for the post's suggestion; show it in `dialog` when it comes."""
    get_json = getattr(view._client, "get_json", None)
    if not callable(get_json):
        return
    api = CityApi(get_json)
    store = view._store

    def arrived(s: Suggestion | None) -> None:
        if s is None:
            return
        board = store.board(s.board)
        words = suggestion_words(s, board.name if board else "", store.unit_name(s.unit_id))
        try:
            dialog.show_suggestion(words, s.unit_id)
        except RuntimeError:  # the dialog was closed meanwhile
            return

    view._tasks.run(lambda: api.suggestion(post_id), arrived, lambda _exc: None)
