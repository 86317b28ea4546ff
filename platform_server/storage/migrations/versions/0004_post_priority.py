"""Priority 1–4 on every post (API v1.1: 1 紧急, 2 加急, 3 一般, 4 低).

Existing posts get 3 (一般) from the server default; new silent reports are written
with 1 by the intake. The queue's ``sort=priority`` orders by it after the open silent
reports.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


# A plain ALTER TABLE on both engines: SQLite's batch mode would copy the posts table and
# lose the full-text triggers that live on it.
def upgrade() -> None:
    op.add_column("posts", sa.Column("priority", sa.Integer(), nullable=False, server_default="3"))


def downgrade() -> None:
    op.execute("ALTER TABLE posts DROP COLUMN priority")
