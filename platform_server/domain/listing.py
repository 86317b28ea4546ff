"""Reading posts: the filtered, keyset-paged queue and the full detail view.

Visibility is part of the SQL (the `scope.Viewer.may_read` rules restated as a
WHERE clause), so paging never skips or leaks rows. Paging is keyset, never OFFSET:
the cursor carries the sort key of the last row, and the next page starts strictly
after it, so a post is listed exactly once even while new posts arrive.

Index use (SQLite, checked by EXPLAIN QUERY PLAN in tests/server/test_search.py):
`created_desc`/`created_asc` walk ix_posts_created (or the status/unit/assignee/
board/kind composite that ends in created_at, id when one equality filter is given),
`updated_desc` walks ix_posts_updated; the row-value keyset comparison turns into the
start of that index range. `deadline` and `priority` sort computed keys, and several
values of one filter (status=new,accepted,in_progress) read each value's index range,
so those sort the filtered rows: cheap for the open queue the console shows (open
posts are a small share), about 1 s for `priority` over all of 1,000,000 posts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    Select,
    and_,
    exists,
    literal,
    not_,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.domain import cursor as paging
from platform_server.domain import locking, lookup, messages, serialize, text_pages
from platform_server.domain.scope import Viewer, unit_subtree
from platform_server.errors import ApiError
from platform_server.schemas import MAX_DB_INT
from platform_server.storage import search
from platform_server.storage.models import (
    KINDS,
    OPEN_STATUSES,
    STATUSES,
    Attachment,
    Board,
    Dispatch,
    DispatchAssist,
    Mention,
    Note,
    Post,
    PostLocation,
    Rating,
    Reply,
    TimelineEntry,
    Unit,
    utcnow,
)

SORTS = ("created_desc", "created_asc", "deadline", "updated_desc", "priority")
SortName = Literal["created_desc", "created_asc", "deadline", "updated_desc", "priority"]
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Posts without a deadline sort after every real one.

NOT_FOUND_MESSAGE = "没有找到这条帖子：编号可能有误，或您没有查看权限。"


def _bad(message: str, code: str = "invalid_request") -> ApiError:
    return ApiError(422, code, message)


@dataclass
class ListQuery:
    """A validated `GET /posts` request."""

    statuses: list[str] | None = None
    board_ids: list[int] | None = None
    unit_ids: set[int] | None = None
    assignee: int | Literal["none"] | None = None
    kind: str | None = None
    terms: list[str] = field(default_factory=list)
    overdue: bool | None = None
    mentions_me: bool = False
    post_id: int | None = None  # q=#12345: that case alone, whatever the other filters
    phone: str | None = None  # the author's phone (leaders and admins only)
    citizen_id: int | None = None  # the author (GET /citizens/{id}/posts)
    district: int | None = None  # located in this station's district (suggested_unit_id)
    post_ids: list[int] | None = None  # exactly these posts (a hotspot's members)
    sort: SortName = "created_desc"
    limit: int = DEFAULT_LIMIT
    after: list[Any] | None = None  # sort key of the last row of the previous page
    now: datetime = field(default_factory=utcnow)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def parse_list_query(
    db: Session,
    viewer: Viewer,
    *,
    status: str | None = None,
    board: str | None = None,
    unit: int | None = None,
    assignee: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    overdue: bool | None = None,
    mentions_me: bool = False,
    sort: str = "created_desc",
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    phone: str | None = None,
    citizen_id: int | None = None,
    district: int | None = None,
    ids: str | None = None,
) -> ListQuery:
    """Check the query parameters and resolve codes to ids (422 with a sentence if wrong)."""
    number = lookup.case_number(q)
    if number is not None:
        return ListQuery(post_id=number, limit=limit)
    out = ListQuery(
        overdue=overdue,
        mentions_me=mentions_me,
        limit=limit,
        citizen_id=citizen_id,
        district=district,
    )
    out.phone = lookup.check_phone(viewer, phone)
    if ids is not None:
        out.post_ids = _post_ids(ids)
    if sort not in SORTS:
        raise _bad(f"不支持的排序方式“{sort}”，可选：{'、'.join(SORTS)}。")
    out.sort = sort  # type: ignore[assignment]
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad(f"每页条数必须在 1 到 {MAX_LIMIT} 之间。")
    if status is not None:
        out.statuses = _statuses(status)
    if board is not None:
        out.board_ids = _board_ids(db, board)
    if unit is not None:
        out.unit_ids = _unit_ids(db, unit)
    if assignee is not None:
        out.assignee = _assignee(viewer, assignee)
    if kind is not None:
        out.kind = _kind(kind)
    out.terms = search.parse(q)
    if cursor:
        out.after, out.now = paging.decode_cursor(cursor, out.sort)
    return out


def _unit_ids(db: Session, unit: int) -> set[int]:
    if db.get(Unit, unit) is None:
        raise _bad(f"没有编号为 {unit} 的单位。")
    return unit_subtree(db, unit)


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise _bad(f"不认识的类型“{kind}”，可选：{'、'.join(KINDS)}。")
    return kind


def _post_ids(ids: str) -> list[int]:
    parts = _split(ids)
    if not parts or len(parts) > MAX_LIMIT or not all(p.isdigit() for p in parts):
        raise _bad(f"ids 必须是 1 到 {MAX_LIMIT} 个用逗号分隔的帖子编号。")
    return [int(p) for p in parts if int(p) <= MAX_DB_INT]


def _statuses(status: str) -> list[str]:
    statuses = _split(status)
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown or not statuses:
        raise _bad(f"不认识的状态“{'、'.join(unknown)}”，可选：{'、'.join(STATUSES)}。")
    return statuses


def _board_ids(db: Session, board: str) -> list[int]:
    codes = _split(board)
    found = dict(db.execute(select(Board.code, Board.id).where(Board.code.in_(codes))).all())
    unknown = [c for c in codes if c not in found]
    if unknown or not codes:
        raise _bad(f"没有这个板块：{'、'.join(unknown) or board}。")
    return [found[c] for c in codes]


def _assignee(viewer: Viewer, assignee: str) -> int | Literal["none"]:
    if assignee == "me":
        return viewer.officer_id
    if assignee == "none":
        return "none"
    if assignee.isascii() and assignee.isdigit() and int(assignee) <= MAX_DB_INT:
        return int(assignee)
    raise _bad("“assignee”应为警员编号、me 或 none。")


# ---------------------------------------------------------------- sort keys and cursors
def visibility_clause(db: Session, viewer: Viewer) -> ColumnElement[bool] | None:
    """`Viewer.may_read` as SQL (None: the viewer may read everything).

    Assisting (协办): the posts whose current dispatch names one of the viewer's units,
    an uncorrelated subquery (read once, from the few open dispatches' rows).
    """
    if viewer.is_admin:
        return None
    mine = Post.assignee_id == viewer.officer_id
    units = sorted(viewer.scope)
    in_scope = Post.unit_id.in_(units)
    assisted = Post.id.in_(
        select(Dispatch.post_id)
        .join(DispatchAssist, DispatchAssist.dispatch_id == Dispatch.id)
        .where(Dispatch.ended_at.is_(None), DispatchAssist.unit_id.in_(units))
    )
    if viewer.role == "leader":
        return or_(in_scope, mine, assisted)
    restricted_boards = list(db.scalars(select(Board.id).where(Board.restricted)))
    public = and_(Post.kind != "silent_report", Post.board_id.not_in(restricted_boards))
    return or_(public, in_scope, mine, assisted)


def filter_clauses(db: Session, viewer: Viewer, lq: ListQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    vis = visibility_clause(db, viewer)
    if vis is not None:
        clauses.append(vis)
    if lq.statuses is not None:
        clauses.append(
            Post.status == lq.statuses[0] if len(lq.statuses) == 1 else Post.status.in_(lq.statuses)
        )
    if lq.board_ids is not None:
        clauses.append(
            Post.board_id == lq.board_ids[0]
            if len(lq.board_ids) == 1
            else Post.board_id.in_(lq.board_ids)
        )
    if lq.unit_ids is not None:
        ids = sorted(lq.unit_ids)
        clauses.append(Post.unit_id == ids[0] if len(ids) == 1 else Post.unit_id.in_(ids))
    if lq.assignee == "none":
        clauses.append(Post.assignee_id.is_(None))
    elif lq.assignee is not None:
        clauses.append(Post.assignee_id == lq.assignee)
    if lq.kind is not None:
        clauses.append(Post.kind == lq.kind)
    if lq.district is not None:
        clauses.append(Post.suggested_unit_id == lq.district)
    if lq.post_ids is not None:
        clauses.append(Post.id.in_(lq.post_ids))
    if lq.overdue is not None:
        late = and_(
            Post.status.in_(OPEN_STATUSES),
            Post.deadline_at.is_not(None),
            Post.deadline_at < literal(lq.now, DateTime),
        )
        clauses.append(late if lq.overdue else not_(late))
    clauses.extend(lookup.clauses(lq.post_id, lq.phone, lq.citizen_id))
    if lq.mentions_me:
        clauses.append(
            exists().where(
                Mention.post_id == Post.id,
                or_(Mention.officer_id == viewer.officer_id, Mention.unit_id == viewer.unit_id),
            )
        )
    return clauses


def build_select(
    db: Session, viewer: Viewer, lq: ListQuery, *, text: bool = True, in_order: bool = False
) -> Select[Any]:
    """The page query, with the text search's index clause if `text` (exposed for
    EXPLAIN in tests; `in_order`: see `search.index_clause`)."""
    keys = paging.sort_keys(lq.sort, lq.now)
    desc = paging.descending(lq.sort)
    clauses = filter_clauses(db, viewer, lq)
    if lq.after is not None:
        bound = tuple_(*keys)
        typed = [literal(v, DateTime if isinstance(v, datetime) else Integer) for v in lq.after]
        clauses.append(bound < tuple_(*typed) if desc else bound > tuple_(*typed))
    order = [k.desc() for k in keys] if desc else list(keys)
    stmt = select(Post, *keys).where(*clauses).order_by(*order)
    if text and lq.terms:
        stmt = stmt.where(search.index_clause(db, lq.terms, in_order=in_order))
    return stmt.limit(lq.limit + 1)


def list_posts(db: Session, viewer: Viewer, lq: ListQuery) -> schemas.PostPage:
    if lq.terms:
        rows = text_pages.find(db, lq, functools.partial(build_select, db, viewer, lq))
    else:
        rows = list(db.execute(build_select(db, viewer, lq)).all())
    more = len(rows) > lq.limit
    rows = rows[: lq.limit]
    posts = [r[0] for r in rows]
    next_cursor = (
        paging.encode_cursor(lq.sort, list(rows[-1][1:]), lq.now) if more and rows else None
    )
    return schemas.PostPage(items=serialize.summaries(db, posts, viewer), next_cursor=next_cursor)


# ---------------------------------------------------------------- one post
def load_readable(db: Session, viewer: Viewer, post_id: int, *, lock: bool = False) -> Post:
    """The post, or 404 when it is missing *or* the viewer may not read it (same answer).

    An officer who handled the post keeps read-only sight of it after it left their
    scope (`lookup.handled_by`); actions still check `may_act`.
    `lock`: for an action, the post row is locked until the transaction ends
    (`locking.for_update`), so parallel actions on one post run one after another.
    """
    post = db.get(Post, post_id, **(locking.for_update() if lock else {}))
    if post is None or not (viewer.may_read(post) or lookup.handled_by(db, viewer, post.id)):
        raise ApiError(404, "post_not_found", NOT_FOUND_MESSAGE)
    return post


def post_detail(db: Session, post: Post, viewer: Viewer) -> schemas.PostDetail:
    """Everything about one post that this viewer may see (notes only within scope)."""
    summary = serialize.summary(db, post, viewer)
    replies = db.scalars(
        select(Reply).where(Reply.post_id == post.id).order_by(Reply.created_at, Reply.id)
    ).all()
    notes_visible = viewer.may_read_notes(post)
    notes = (
        db.scalars(
            select(Note).where(Note.post_id == post.id).order_by(Note.created_at, Note.id)
        ).all()
        if notes_visible
        else []
    )
    timeline = [
        t
        for t in db.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.post_id == post.id)
            .order_by(TimelineEntry.at, TimelineEntry.id)
        )
        if notes_visible or (t.action != "noted" and t.action not in messages.PRIVATE_ACTIONS)
    ]
    conversation, messages_visible = messages.for_detail(db, post, viewer)
    attachments = db.execute(
        select(
            Attachment.id,
            Attachment.kind,
            Attachment.content_type,
            Attachment.filename,
            Attachment.size,
        )
        .where(Attachment.post_id == post.id)
        .order_by(Attachment.id)
    ).all()
    rating = db.scalar(select(Rating).where(Rating.post_id == post.id))
    later = db.scalars(
        select(PostLocation)
        .where(PostLocation.post_id == post.id)
        .order_by(PostLocation.created_at, PostLocation.id)
    ).all()
    merged_ids = db.scalars(select(Post.id).where(Post.merged_into_id == post.id).order_by(Post.id))
    ids = {r.officer_id for r in replies} | {n.officer_id for n in notes}
    ids |= {t.officer_id for t in timeline if t.officer_id is not None}
    refs = serialize.officer_refs(db, ids)

    def ref(officer_id: int) -> schemas.OfficerRef:
        return refs.get(officer_id) or schemas.OfficerRef(id=officer_id, badge="", name="")

    return schemas.PostDetail(
        **summary.model_dump(),
        body=post.body,
        resolution=post.resolution,
        suppress_receipt=post.suppress_receipt,
        accepted_at=post.accepted_at,
        first_response_at=post.first_response_at,
        resolved_at=post.resolved_at,
        replies=[
            schemas.ReplyOut(
                id=r.id,
                post_id=r.post_id,
                body=r.body,
                officer=ref(r.officer_id),
                unit_id=r.unit_id,
                created_at=r.created_at,
            )
            for r in replies
        ],
        notes=[
            schemas.NoteOut(
                id=n.id,
                post_id=n.post_id,
                body=n.body,
                officer=ref(n.officer_id),
                unit_id=n.unit_id,
                created_at=n.created_at,
            )
            for n in notes
        ],
        notes_visible=notes_visible,
        attachments=[
            schemas.AttachmentOut(
                id=a.id,
                kind=a.kind,
                content_type=a.content_type,
                filename=a.filename,
                size=a.size,
                url=f"/api/v1/attachments/{a.id}",
            )
            for a in attachments
        ],
        timeline=[
            schemas.TimelineOut(
                at=t.at,
                action=t.action,
                actor_kind=t.actor_kind,  # type: ignore[arg-type]
                officer=ref(t.officer_id) if t.officer_id is not None else None,
                from_unit_id=t.from_unit_id,
                to_unit_id=t.to_unit_id,
                detail=t.detail,
            )
            for t in timeline
        ],
        citizen_id=post.citizen_id,
        handled_before=not viewer.may_read(post),
        rating_detail=(
            schemas.RatingOut(
                score=rating.score, comment=rating.comment, created_at=rating.created_at
            )
            if rating is not None
            else None
        ),
        messages=conversation,
        messages_visible=messages_visible,
        later_locations=[
            schemas.LaterLocation(
                lat=x.lat, lon=x.lon, accuracy_m=x.accuracy_m, address=x.address, at=x.created_at
            )
            for x in later
        ],
        merged_ids=list(merged_ids),
        closure_code=post.closure_code,
    )
