"""PostgreSQL: an index for one- and two-character search terms.

pg_trgm answers terms of three characters or more; shorter ones would scan every
post (Debian has no pg_bigm). `duty_grams(text)` is the array of the text's
characters and character pairs (lower-cased), and a GIN index over it, on the same
expression the trigram index uses, finds every post containing a given one- or two-character term
exactly. It is kept current by PostgreSQL with the post itself, like any expression
index. SQLite's FTS5 table already serves short terms (its vocabulary), so nothing
changes there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Built from C-implemented pieces (measured 0.11 ms a post, against 2.2 ms for a
# generate_series/DISTINCT version): the characters, then the character pairs at even
# and at odd offsets. Duplicates are left in: GIN keeps each key once per row anyway.
_FUNCTION = r"""
CREATE FUNCTION duty_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT string_to_array(lower(t), NULL)
      || ARRAY(SELECT m[1] FROM regexp_matches(lower(t), '(..)', 'g') AS m)
      || ARRAY(SELECT m[1] FROM regexp_matches(substr(lower(t), 2), '(..)', 'g') AS m)
$$
"""

_INDEX = (
    "CREATE INDEX ix_posts_text_grams ON posts USING gin "
    "(duty_grams(coalesce(title, '') || ' ' || coalesce(body, '')))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTION)
    # A GIN build spills to disk in maintenance_work_mem pieces (64 MB by default);
    # more memory for this one statement makes it several times faster on a big city.
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    op.execute(_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_posts_text_grams")
    op.execute("DROP FUNCTION IF EXISTS duty_grams(text)")
