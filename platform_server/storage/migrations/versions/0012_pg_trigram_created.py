"""PostgreSQL: the trigram index also holds each post's creation time.

Past the window of newest posts, a page of a rare term is looked for among the last
week's posts first (`domain.text_pages._recent`). PostgreSQL could only do that by
ANDing the trigram index with the creation-time index, and its planner did so only
when it expected the term in many posts; its estimate for a term in under one post
in a hundred is clamped at about 100 rows of a million, however common the term
really is. A page of a term in 5,000 posts therefore fetched all 5,000 to sort them
(13–15 ms at a million posts). With the creation time as the index's second column
(btree_gin), a single index scan answers "contains the term and is from the last
week", whatever the estimate: 110 rows fetched, 3.5 ms.

The new index replaces the old trigram index, which it serves for every other query
too (its first column is the same expression). Built in about 80 s at a million
posts (2 cores).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TEXT = "(coalesce(title, '') || ' ' || coalesce(body, ''))"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # GIN builds
    op.execute(
        "CREATE INDEX ix_posts_text_trgm_created ON posts "
        f"USING gin ({TEXT} gin_trgm_ops, created_at)"
    )
    op.execute("DROP INDEX ix_posts_text_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    op.execute(f"CREATE INDEX ix_posts_text_trgm ON posts USING gin ({TEXT} gin_trgm_ops)")
    op.execute("DROP INDEX ix_posts_text_trgm_created")
