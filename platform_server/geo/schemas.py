"""Answers of the "seeing the city" routes (API.md v1.1); field names are fixed there."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from platform_server.schemas import DbId, PostSummary, Strict, Utc


class NearbyPost(PostSummary):
    """An open post near the one asked about, with its distance."""

    distance_m: float


class NearbyOut(BaseModel):
    radius_m: float
    items: list[NearbyPost]


class DistrictCount(BaseModel):
    """Open posts located in one station's district (the dashboard's choropleth)."""

    unit_id: int
    open: int
    silent_open: int


class DistrictCountsOut(BaseModel):
    items: list[DistrictCount]
    unlocated_open: int  # open posts without a location, or outside every district


class SimilarOut(BaseModel):
    """A likely duplicate of the post asked about, and why."""

    id: int
    score: float
    reason: str  # a sentence for people
    reason_code: Literal["same_author", "similar_text"]
    post: PostSummary


class MergeIn(Strict):
    into: DbId


class SuggestionOut(BaseModel):
    """What the platform's own history suggests for a post; never applied by itself."""

    board: str
    unit_id: int | None
    priority: int = Field(ge=1, le=4)
    confidence: float
    unit_confidence: float
    trained_at: Utc
    trained_on: int  # posts the model learned from


class HotspotOut(BaseModel):
    """A spike of similar posts (预警研判), as `GET /hotspots` and `hotspot.detected` carry it.

    `count`: posts in the window when it crossed its threshold; `post_ids`: every member
    so far (posts that came later join); `baseline`: the median count of its terms in
    the same window of the day over the past weeks; `active`: posts still coming (one
    within two windows of now).
    """

    id: int
    board: str
    unit_id: int
    terms: list[str]
    post_ids: list[int]
    window_minutes: int
    count: int
    baseline: float
    detected_at: Utc
    last_post_at: Utc
    active: bool


class HotspotsOut(BaseModel):
    items: list[HotspotOut]
