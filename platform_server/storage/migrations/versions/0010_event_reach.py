"""Events reach the assisting units of a dispatch (联办, issue 12).

`events.reader_unit_ids`: the assisting units (协办) the post's current dispatch had
when the event happened, as "3,7" (NULL: none). The stream sends a restricted board's
or a silent report's events, and a leader's "all" events, to their officers as to the
post's unit (`domain.scope.receives`), live and on replay. Events written before
this revision have none: they reach whom they reached.

On PostgreSQL `duty_append_events` (migration 0003) inserts the rows the server hands
it, so it is replaced by one that also copies `reader_unit_ids`; same signature,
so `CREATE OR REPLACE` swaps it in place, inside the migration's transaction.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_FUNCTION = """
CREATE OR REPLACE FUNCTION duty_append_events(rows jsonb, lock_key bigint, channel text)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  base integer;
  newest integer;
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  SELECT coalesce(max(seq), 0) INTO base FROM events;
  INSERT INTO events (seq, type, post_id, unit_id, prev_unit_id, assignee_id, %(readers)s
                      audience, payload, created_at)
  SELECT base + r.ord, r.e->>'type', (r.e->>'post_id')::integer, (r.e->>'unit_id')::integer,
         (r.e->>'prev_unit_id')::integer, (r.e->>'assignee_id')::integer, %(reader_value)s
         r.e->>'audience', r.e->>'payload', (clock_timestamp() AT TIME ZONE 'UTC')
  FROM jsonb_array_elements(rows) WITH ORDINALITY AS r(e, ord);
  newest := base + jsonb_array_length(rows);
  PERFORM pg_notify(channel, newest::text);
  RETURN newest;
END
$$
"""


def _function(with_readers: bool) -> str:
    if with_readers:
        return _FUNCTION % {
            "readers": "reader_unit_ids,",
            "reader_value": "r.e->>'reader_unit_ids',",
        }
    return _FUNCTION % {"readers": "", "reader_value": ""}


def upgrade() -> None:
    op.add_column("events", sa.Column("reader_unit_ids", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_function(with_readers=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_function(with_readers=False))
    with op.batch_alter_table("events") as batch:
        batch.drop_column("reader_unit_ids")
