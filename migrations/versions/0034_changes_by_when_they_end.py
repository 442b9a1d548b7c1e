"""Moved and cancelled occurrences by when they end.

Every list of events asks whether each past one-off event was moved to later (a change that
ends after now). Without an index on ends_at, PostgreSQL built that answer from a scan of
every change in the country on every visit: all of a decade's cancelled mornings, growing
with history. With it, only the changes still to come are read.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06 19:05:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_event_occurrences_ends_at", "event_occurrences", ["ends_at"])


def downgrade():
    op.drop_index("ix_event_occurrences_ends_at", table_name="event_occurrences")
