"""Baseline: every table and index as the platform made them before migrations.

A database from before Alembic (made by ``create_all`` plus the search structures at
start-up) already has exactly this; `storage.migrate` stamps such a database at this
revision and upgrades it from here. The full-text structures are per dialect:
SQLite's FTS5 trigram table with its triggers, PostgreSQL's pg_trgm GIN index.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_SEARCH = (
    # Contentless: the indexed text is the padded title/body (two U+0001 appended, so
    # every character starts some trigram), not the columns as stored.
    "CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE posts_fts_vocab USING fts5vocab(posts_fts, 'row')",
    "CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN "
    "INSERT INTO posts_fts(rowid, title, body) VALUES "
    "(new.id, coalesce(new.title, '') || char(1, 1), coalesce(new.body, '') || char(1, 1)); "
    "END",
    "CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN "
    "INSERT INTO posts_fts(posts_fts, rowid, title, body) VALUES ('delete', old.id, "
    "coalesce(old.title, '') || char(1, 1), coalesce(old.body, '') || char(1, 1)); "
    "END",
    "CREATE TRIGGER posts_fts_au AFTER UPDATE OF title, body ON posts BEGIN "
    "INSERT INTO posts_fts(posts_fts, rowid, title, body) VALUES ('delete', old.id, "
    "coalesce(old.title, '') || char(1, 1), coalesce(old.body, '') || char(1, 1)); "
    "INSERT INTO posts_fts(rowid, title, body) VALUES "
    "(new.id, coalesce(new.title, '') || char(1, 1), coalesce(new.body, '') || char(1, 1)); "
    "END",
)

_PG_SEARCH = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_posts_text_trgm ON posts USING gin "
    "((coalesce(title, '') || ' ' || coalesce(body, '')) gin_trgm_ops)",
)


def upgrade() -> None:
    op.create_table(
        "citizens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_citizens_phone", "citizens", ["phone"], unique=False)

    op.create_table(
        "events",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("prev_unit_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_events_post_id", "events", ["post_id"], unique=False)

    op.create_table(
        "idempotency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("principal", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("principal", "key", name="uq_idempotency_key"),
    )
    op.create_table(
        "templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("board_code", sa.String(length=40), nullable=True),
        sa.Column("shortcut", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_units_parent_id", "units", ["parent_id"], unique=False)

    op.create_table(
        "boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("deadline_minutes", sa.Integer(), nullable=False),
        sa.Column("default_unit_id", sa.Integer(), nullable=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["default_unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "citizen_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["citizens.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_citizen_tokens_citizen_id", "citizen_tokens", ["citizen_id"], unique=False)

    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("on_duty", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("badge"),
    )
    op.create_index("ix_officers_unit_id", "officers", ["unit_id"], unique=False)

    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("badge", sa.String(length=20), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_at", "audit", ["at"], unique=False)
    op.create_index("ix_audit_officer_id", "audit", ["officer_id"], unique=False)

    op.create_table(
        "officer_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_officer_tokens_officer_id", "officer_tokens", ["officer_id"], unique=False)

    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        sa.Column("author_nickname", sa.String(length=50), nullable=False),
        sa.Column("author_phone", sa.String(length=20), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deadline_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("suppress_receipt", sa.Boolean(), nullable=False),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("transfer_count", sa.Integer(), nullable=False),
        sa.Column("reply_count", sa.Integer(), nullable=False),
        sa.Column("attachment_count", sa.Integer(), nullable=False),
        sa.Column("rating_score", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["officers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["officers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["board_id"],
            ["boards.id"],
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["citizens.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_posts_citizen_id", "posts", ["citizen_id"], unique=False)
    op.create_index(
        "ix_posts_assignee_created", "posts", ["assignee_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_posts_assignee_status_created",
        "posts",
        ["assignee_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_posts_board_created", "posts", ["board_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_posts_board_status_created",
        "posts",
        ["board_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index("ix_posts_created", "posts", ["created_at", "id"], unique=False)
    op.create_index(
        "ix_posts_created_figures",
        "posts",
        [
            "created_at",
            "resolved_at",
            "deadline_at",
            "first_response_at",
            "board_id",
            "unit_id",
            "assignee_id",
        ],
        unique=False,
    )
    op.create_index("ix_posts_deadline", "posts", ["deadline_at", "id"], unique=False)
    op.create_index("ix_posts_kind_created", "posts", ["kind", "created_at", "id"], unique=False)
    op.create_index(
        "ix_posts_kind_status_created",
        "posts",
        ["kind", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index("ix_posts_resolved", "posts", ["resolved_at"], unique=False)
    op.create_index(
        "ix_posts_resolved_figures",
        "posts",
        [
            "resolved_at",
            "created_at",
            "deadline_at",
            "archived_at",
            "board_id",
            "unit_id",
            "assignee_id",
        ],
        unique=False,
    )
    op.create_index(
        "ix_posts_silent_figures",
        "posts",
        ["kind", "created_at", "acknowledged_at", "escalated_at", "acknowledged_by_id", "unit_id"],
        unique=False,
    )
    op.create_index(
        "ix_posts_status_created", "posts", ["status", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_posts_status_deadline", "posts", ["status", "deadline_at", "id"], unique=False
    )
    op.create_index("ix_posts_unit_created", "posts", ["unit_id", "created_at", "id"], unique=False)
    op.create_index(
        "ix_posts_unit_status_created",
        "posts",
        ["unit_id", "status", "created_at", "id"],
        unique=False,
    )
    op.create_index("ix_posts_updated", "posts", ["updated_at", "id"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("content_type", sa.String(length=50), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_attachments_post_id", "attachments", ["post_id"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mentions_officer_id", "mentions", ["officer_id"], unique=False)
    op.create_index("ix_mentions_post_id", "mentions", ["post_id"], unique=False)
    op.create_index("ix_mentions_unit_id", "mentions", ["unit_id"], unique=False)

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notes_post_id", "notes", ["post_id"], unique=False)

    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id"),
    )
    op.create_index("ix_ratings_created_at", "ratings", ["created_at"], unique=False)
    op.create_index(
        "ix_ratings_created_score", "ratings", ["created_at", "score", "post_id"], unique=False
    )

    op.create_table(
        "replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("workstation", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_replies_officer_id", "replies", ["officer_id"], unique=False)
    op.create_index("ix_replies_post_id", "replies", ["post_id"], unique=False)
    op.create_index(
        "ix_replies_created_officer", "replies", ["created_at", "officer_id"], unique=False
    )
    op.create_index(
        "ix_replies_officer_created", "replies", ["officer_id", "created_at"], unique=False
    )

    op.create_table(
        "timeline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("actor_kind", sa.String(length=10), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("from_unit_id", sa.Integer(), nullable=True),
        sa.Column("to_unit_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_unit_id"],
            ["units.id"],
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["to_unit_id"],
            ["units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_timeline_action_at", "timeline", ["action", "at"], unique=False)
    op.create_index(
        "ix_timeline_action_at_officer", "timeline", ["action", "at", "officer_id"], unique=False
    )
    op.create_index(
        "ix_timeline_officer_action_at", "timeline", ["officer_id", "action", "at"], unique=False
    )
    op.create_index("ix_timeline_post_at", "timeline", ["post_id", "at"], unique=False)
    dialect = op.get_bind().dialect.name
    for stmt in {"sqlite": _SQLITE_SEARCH, "postgresql": _PG_SEARCH}.get(dialect, ()):
        op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("posts_fts_ai", "posts_fts_ad", "posts_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS posts_fts_vocab")
        op.execute("DROP TABLE IF EXISTS posts_fts")
    op.drop_table("timeline")
    op.drop_table("replies")
    op.drop_table("ratings")
    op.drop_table("notes")
    op.drop_table("mentions")
    op.drop_table("attachments")
    op.drop_table("posts")
    op.drop_table("officer_tokens")
    op.drop_table("audit")
    op.drop_table("officers")
    op.drop_table("citizen_tokens")
    op.drop_table("boards")
    op.drop_table("units")
    op.drop_table("templates")
    op.drop_table("idempotency")
    op.drop_table("events")
    op.drop_table("citizens")
