"""Seeing the city (issue 14): a located post's station, merged duplicates, newer
locations from the reporter.

- posts.suggested_unit_id: the station whose district contains the post's location.
- posts.merged_into_id: set while the post is merged as a duplicate under that post.
- post_locations: newer locations the reporter sent (the post's own stays the first).
- post_merges: each merge, with what unmerging restores.

Columns are added in place (no table rebuild: on SQLite a rebuild of `posts` would drop
its full-text triggers); SQLite accepts a REFERENCES clause on an added column.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _add_reference(column: str, target: str) -> None:
    """posts.<column> INTEGER NULL REFERENCES <target>(id), added in place."""
    if op.get_bind().dialect.name == "sqlite":
        # Alembic refuses constraints in SQLite's ALTER; SQLite itself accepts this one.
        op.execute(f"ALTER TABLE posts ADD COLUMN {column} INTEGER REFERENCES {target} (id)")
    else:
        op.add_column(
            "posts",
            sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id"), nullable=True),
        )


def upgrade() -> None:
    _add_reference("suggested_unit_id", "units")
    _add_reference("merged_into_id", "posts")
    op.create_index("ix_posts_merged_into_id", "posts", ["merged_into_id"], unique=False)
    op.create_table(
        "post_locations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_post_locations_post_id", "post_locations", ["post_id"], unique=False)
    op.create_table(
        "post_merges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("into_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"]),
        sa.ForeignKeyConstraint(["into_id"], ["posts.id"]),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_post_merges_post_id", "post_merges", ["post_id"], unique=False)
    op.create_index("ix_post_merges_into_id", "post_merges", ["into_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_post_merges_into_id", table_name="post_merges")
    op.drop_index("ix_post_merges_post_id", table_name="post_merges")
    op.drop_table("post_merges")
    op.drop_index("ix_post_locations_post_id", table_name="post_locations")
    op.drop_table("post_locations")
    op.drop_index("ix_posts_merged_into_id", table_name="posts")
    with op.batch_alter_table("posts") as batch:  # SQLite: the table is rebuilt
        batch.drop_column("merged_into_id")
        batch.drop_column("suggested_unit_id")
