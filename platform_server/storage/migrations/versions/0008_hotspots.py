"""Hotspots (issue 14, 预警研判): spikes of similar posts the platform detected.

New tables `hotspots` and `hotspot_posts` (platform_server/storage/hotspot_models.py).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hotspots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("board_id", sa.Integer(), sa.ForeignKey("boards.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("terms", sa.String(length=200), nullable=False),
        sa.Column("window_minutes", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("last_post_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_hotspots_last_post_at", "hotspots", ["last_post_at"])
    op.create_table(
        "hotspot_posts",
        sa.Column("hotspot_id", sa.Integer(), sa.ForeignKey("hotspots.id"), primary_key=True),
        sa.Column("post_id", sa.Integer(), sa.ForeignKey("posts.id"), primary_key=True),
    )
    op.create_index("ix_hotspot_posts_post_id", "hotspot_posts", ["post_id"])


def downgrade() -> None:
    op.drop_index("ix_hotspot_posts_post_id", table_name="hotspot_posts")
    op.drop_table("hotspot_posts")
    op.drop_index("ix_hotspots_last_post_at", table_name="hotspots")
    op.drop_table("hotspots")
