"""Talking with citizens (issue 13): private messages, pushes, callbacks, supervision, notices.

New tables `messages`, `citizen_pushes`, `callbacks`, `callback_attempts`,
`callback_supervisions`, `notices`, `notice_reads` (platform_server/storage/citizen_models.py),
and on `posts` the private-message counters and the time the post went under
supervision. Existing posts get 0 messages, none unread, not supervised.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def upgrade() -> None:
    op.add_column(
        "posts", sa.Column("message_count", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "posts", sa.Column("unread_messages", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("posts", sa.Column("supervised_at", sa.DateTime(), nullable=True))

    op.create_table(
        "messages",
        _id(),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("sender", sa.String(length=10), nullable=False),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_messages_post_created", "messages", ["post_id", "created_at", "id"])

    op.create_table(
        "citizen_pushes",
        _id(),
        sa.Column("citizen_id", sa.Integer(), sa.ForeignKey("citizens.id"), nullable=False),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_citizen_pushes_citizen_id", "citizen_pushes", ["citizen_id"])
    op.create_index("ix_citizen_pushes_post_id", "citizen_pushes", ["post_id"])

    op.create_table(
        "callbacks",
        _id(),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.Column("attempt_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_callbacks_post_id", "callbacks", ["post_id"])
    op.create_index(
        "ix_callbacks_status_unit_due", "callbacks", ["status", "unit_id", "due_at", "id"]
    )
    op.create_index(
        "ix_callbacks_created", "callbacks", ["created_at", "status", "outcome", "unit_id"]
    )

    op.create_table(
        "callback_attempts",
        _id(),
        sa.Column("callback_id", sa.Integer(), sa.ForeignKey("callbacks.id"), nullable=False),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_callback_attempts_callback_id", "callback_attempts", ["callback_id"])

    op.create_table(
        "callback_supervisions",
        _id(),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("instruction", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("ordered_by_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_callback_supervisions_post_id", "callback_supervisions", ["post_id"])

    op.create_table(
        "notices",
        _id(),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("publish_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_notices_unit_publish", "notices", ["unit_id", "publish_at", "id"])

    op.create_table(
        "notice_reads",
        _id(),
        sa.Column("notice_id", sa.Integer(), sa.ForeignKey("notices.id"), nullable=False),
        sa.Column("citizen_id", sa.Integer(), sa.ForeignKey("citizens.id"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("notice_id", "citizen_id", name="uq_notice_read"),
    )


def downgrade() -> None:
    for table in (
        "notice_reads",
        "notices",
        "callback_supervisions",
        "callback_attempts",
        "callbacks",
        "citizen_pushes",
        "messages",
    ):
        op.drop_table(table)
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("supervised_at")
        batch.drop_column("unread_messages")
        batch.drop_column("message_count")
