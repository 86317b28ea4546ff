"""The console reads exactly what the platform writes: every event and every answer.

For each event type the platform can send (`platform_server.events.types.EVENT_MODELS`)
and each API answer the console reads (the table below), the console's own model must
have the same fields, nested models included — a missing, renamed or extra field on
either side fails here, before a console in the field misreads a live report. Then an
example of every platform model (made by polyfactory from the model itself) is written
as the platform writes it and parsed by the console's model, value for value.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import pytest
from polyfactory.factories.pydantic_factory import ModelFactory
from pydantic import BaseModel

from console.api import city as cc
from console.api import events as console_events
from console.api import models as c
from console.api import stats as cs
from platform_server import schemas as s
from platform_server import schemas_citizens as sc
from platform_server.events import types as server_events
from platform_server.geo import schemas as gs
from platform_server.stats import callbacks as callback_figures
from platform_server.stats import ranking
from platform_server.stats import schemas as ss
from tests.contract.fields import field_drift

pytestmark = pytest.mark.unit

# Every platform answer the console parses, with the console model that parses it.
ANSWERS: list[tuple[type[BaseModel], type]] = [
    (s.LoginOut, c.LoginResult),
    (s.MeOut, c.Me),
    (s.MetaOut, c.Meta),
    (s.UnitOut, c.Unit),
    (s.BoardOut, c.Board),
    (s.OfficerOut, c.Officer),
    (s.TemplateOut, c.Template),
    (s.PostSummary, c.PostSummary),
    (s.PostDetail, c.PostDetail),
    (s.ReplyOut, c.Reply),
    (s.NoteOut, c.Note),
    (s.MessageOut, c.Message),
    (sc.CallbackOut, c.Callback),
    (sc.NoticeOut, c.Notice),
    (sc.NoticeTemplateOut, c.NoticeTemplate),
    (s.DispatchOut, c.Dispatch),
    (s.ExtensionOut, c.Extension),
    (s.SupervisionOut, c.Supervision),
    (ss.SummaryOut, cs.Summary),
    (ss.WorkloadOut, cs.Workload),
    (ss.VolumeOut, cs.Volume),
    (ss.TimesOut, cs.Times),
    (ss.DeadlinesOut, cs.Deadlines),
    (ss.SatisfactionOut, cs.Satisfaction),
    (ss.SilentOut, cs.Silent),
    (ss.ClearanceOut, cs.Clearance),
    (ranking.UnitRankingOut, cs.UnitRanking),
    (callback_figures.CallbacksOut, cs.Callbacks),
    (gs.NearbyOut, cc.Nearby),
    (gs.DistrictCountsOut, cc.DistrictCounts),
    (gs.SimilarOut, cc.Similar),
    (gs.SuggestionOut, cc.Suggestion),
    (gs.HotspotOut, cc.Hotspot),
    (gs.HotspotsOut, cc.Hotspots),
]


def _id(pair: tuple[type, type]) -> str:
    return pair[0].__name__


def test_every_event_type_the_platform_sends_is_known_to_the_console() -> None:
    assert set(console_events.EVENT_MODELS) == set(server_events.EVENT_MODELS)


@pytest.mark.parametrize("event_type", sorted(server_events.EVENT_MODELS))
def test_event_fields_agree(event_type: str) -> None:
    server = server_events.EVENT_MODELS[event_type]
    console = console_events.EVENT_MODELS[event_type]
    assert field_drift(server, console, event_type) == []


@pytest.mark.parametrize("pair", ANSWERS, ids=_id)
def test_answer_fields_agree(pair: tuple[type[BaseModel], type]) -> None:
    server, console = pair
    assert field_drift(server, console) == []


def test_the_dashboard_reads_a_model_for_every_figure_it_fetches() -> None:
    from console.views.dashboard.callbacks import CallbackParts
    from console.views.dashboard.dashboard import ENDPOINTS
    from console.views.dashboard.ranking import RankingParts

    leader = RankingParts()
    leader.role = "leader"
    fetched = {*ENDPOINTS, *CallbackParts().callback_endpoints(), *leader.ranking_endpoints()}
    assert set(fetched) <= set(cs.FIGURE_MODELS)
    parsed = {cs.FIGURE_MODELS[name] for name in fetched}
    assert parsed <= {console for _, console in ANSWERS}


# ---------------------------------------------------------------- values
def _example(model: type[BaseModel], seed: int) -> BaseModel:
    factory: type[ModelFactory[Any]] = ModelFactory.create_factory(model)
    factory.seed_random(seed)
    return factory.build()


def _same(written: Any, parsed: Any, where: str) -> None:
    """The console's value means what the platform wrote (times, nesting, sequences)."""
    if dataclasses.is_dataclass(parsed):
        for f in dataclasses.fields(parsed):
            _same(written[f.name], getattr(parsed, f.name), f"{where}.{f.name}")
    elif isinstance(parsed, tuple):
        assert len(parsed) == len(written), where
        for i, (w, p) in enumerate(zip(written, parsed, strict=True)):
            _same(w, p, f"{where}[{i}]")
    elif isinstance(parsed, datetime):
        assert c.format_time(parsed)[:19] == written[:19], where
    elif isinstance(parsed, float) and isinstance(written, int | float):
        assert parsed == pytest.approx(written), where
    else:
        assert parsed == written, where


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("event_type", sorted(server_events.EVENT_MODELS))
def test_every_event_the_platform_can_write_parses(event_type: str, seed: int) -> None:
    example = _example(server_events.EVENT_MODELS[event_type], seed)
    written = example.model_dump(mode="json")
    event = console_events.parse_event(7, event_type, written)
    assert event.data is not None
    _same(written, event.data, event_type)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("pair", ANSWERS, ids=_id)
def test_every_answer_the_platform_can_write_parses(
    pair: tuple[type[BaseModel], type], seed: int
) -> None:
    server, console = pair
    written = _example(server, seed).model_dump(mode="json")
    _same(written, console.from_json(written), server.__name__)  # type: ignore[attr-defined]


def test_a_page_of_posts_parses_item_by_item() -> None:
    written = _example(s.PostPage, 4).model_dump(mode="json")
    page = c.Page.from_json(written, c.PostSummary)
    assert page.next_cursor == written["next_cursor"]
    _same(written["items"], page.items, "PostPage.items")
