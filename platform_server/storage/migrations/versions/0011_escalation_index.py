"""The silent reports still waiting for someone: a partial index for the escalation check.

Every server process asks once a second which silent reports are unacknowledged and
not yet escalated (`domain.jobs.due_for_escalation`). The only index it had was by
kind and time, so at a million posts it stepped over every silent report ever made
(30,000, 0.1–0.2 s a second of each process, delaying the live stream); this index
holds only the reports still waiting — a handful.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# As SILENT_WAITING in storage/models.py; a migration keeps its own copy of what it made.
WAITING = sa.text("kind = 'silent_report' AND acknowledged_at IS NULL AND escalated_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_posts_silent_waiting",
        "posts",
        ["created_at", "id"],
        postgresql_where=WAITING,
        sqlite_where=WAITING,
    )


def downgrade() -> None:
    op.drop_index("ix_posts_silent_waiting", table_name="posts")
