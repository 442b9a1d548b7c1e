"""Bookings found by their event and start, not by their event alone.

The list of coming events counts the places on each coming occurrence. With an index on the
event alone beside the unique one on (event, start, person), PostgreSQL, expecting a booking
or two per event, read a weekly walk's every booking of ten years through the narrower index
and threw away all but the coming mornings'. The unique index serves every search by event
too, so the narrower one goes.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06 23:20:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_bookings_event_id", table_name="bookings")


def downgrade():
    op.create_index("ix_bookings_event_id", "bookings", ["event_id"])
