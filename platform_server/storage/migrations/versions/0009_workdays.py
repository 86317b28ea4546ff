"""Board deadlines in working days, and one kind of supervision order (issue 12).

Table `board_working_days`:
A board listed here (by code) counts its handling deadline in working days over the
holiday calendar (platform_server/domain/workdays.py) instead of
`boards.deadline_minutes`. Listed from the start: complaints (警务投诉) 3 working days,
consultations and suggestions (咨询建议) 5, as the 12345 work-order practice counts
them; every other board keeps its hours.

Supervision: a dissatisfied callback's order (issue 13) is now a row of `supervisions`
like a leader's (`source` "callback" or "leader"), listed by `GET /supervision` and
closed with the case. The orders in `callback_supervisions` move there, and that table
goes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

WORKING_DAYS = {"complaint": 3, "advice": 5}


def upgrade() -> None:
    table = op.create_table(
        "board_working_days",
        sa.Column("board_code", sa.String(length=40), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("board_code"),
    )
    op.bulk_insert(table, [{"board_code": c, "days": d} for c, d in WORKING_DAYS.items()])
    with op.batch_alter_table("supervisions") as batch:
        batch.add_column(
            sa.Column("source", sa.String(length=20), nullable=False, server_default="leader")
        )
    op.execute(
        "INSERT INTO supervisions (post_id, by_id, at, due_at, instruction, closed_at, source)"
        " SELECT post_id, ordered_by_id, created_at, due_at, instruction, closed_at, 'callback'"
        " FROM callback_supervisions WHERE ordered_by_id IS NOT NULL ORDER BY id"
    )
    op.drop_index("ix_callback_supervisions_post_id", table_name="callback_supervisions")
    op.drop_table("callback_supervisions")


def downgrade() -> None:
    op.create_table(
        "callback_supervisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("ordered_by_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_callback_supervisions_post_id", "callback_supervisions", ["post_id"])
    op.execute(
        "INSERT INTO callback_supervisions"
        " (post_id, due_at, instruction, source, ordered_by_id, created_at, closed_at)"
        " SELECT post_id, due_at, instruction, source, by_id, at, closed_at"
        " FROM supervisions WHERE source = 'callback' ORDER BY id"
    )
    op.execute("DELETE FROM supervisions WHERE source = 'callback'")
    with op.batch_alter_table("supervisions") as batch:
        batch.drop_column("source")
    op.drop_table("board_working_days")
