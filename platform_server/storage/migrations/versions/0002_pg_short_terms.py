"""PostgreSQL: an index for one- and two-character search terms.

pg_trgm answers terms of three characters or more; shorter ones would scan every
post (Debian has no pg_bigm). `duty_grams(text)` is the set of the text's distinct
characters and character pairs (lower-cased, none containing whitespace, since a
search term never does), and a GIN index over it, on the same expression the
trigram index uses, finds every post containing a given one- or two-character term
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

_FUNCTION = r"""
CREATE FUNCTION duty_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}')
  FROM (SELECT lower(t) AS l) AS x,
       LATERAL (
         SELECT substr(x.l, i, 1) AS g FROM generate_series(1, length(x.l)) AS i
         UNION ALL
         SELECT substr(x.l, i, 2) FROM generate_series(1, length(x.l) - 1) AS i
       ) AS grams
  WHERE g !~ '\s'
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
    op.execute(_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_posts_text_grams")
    op.execute("DROP FUNCTION IF EXISTS duty_grams(text)")
